using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Cryptography.CipherAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Cryptography;

public sealed class CipherAnalyzerTests
{
    private static string InMethod(string body) => $$"""
        using System;
        using System.IO;
        using System.Security.Cryptography;
        using System.Text;
        #pragma warning disable SYSLIB0021, SYSLIB0022, SYSLIB0045, CS0219
        class C
        {
            object M(byte[] data, byte[] key, byte[] iv, Span<byte> output)
            {
                {{body}}
                return null!;
            }
        }
        """;

    [Theory]
    [InlineData("var a = {|QLB1101:DES.Create()|};")]
    [InlineData("var a = {|QLB1101:TripleDES.Create()|};")]
    [InlineData("var a = {|QLB1101:new TripleDESCryptoServiceProvider()|};")]
    [InlineData("var a = {|QLB1101:new DESCryptoServiceProvider()|};")]
    [InlineData("var a = {|QLB1101:RC2.Create()|};")]
    [InlineData("var a = {|QLB1101:SymmetricAlgorithm.Create(\"3DES\")|};")]
    [InlineData("var a = {|QLB1101:CryptoConfig.CreateFromName(\"RC2\")|};")]
    [InlineData("var r = new RijndaelManaged(); {|QLB1101:r.BlockSize = 256|};")]
    [InlineData("var r = new RijndaelManaged { {|QLB1101:BlockSize = 192|} };")]
    public async Task Broken_ciphers_fire(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var a = Aes.Create();")]
    [InlineData("var a = new AesGcm(key, 16);")]
    [InlineData("var a = SymmetricAlgorithm.Create(\"AES\");")]
    [InlineData("var r = new RijndaelManaged(); r.BlockSize = 128;")]
    [InlineData("var a = CryptoConfig.CreateFromName(\"AesManaged\");")]
    [InlineData("TripleDES? unused = null;")]
    public async Task Strong_ciphers_are_silent(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Fact]
    public async Task A_user_type_named_DES_is_silent()
    {
        const string source = """
            namespace Acme
            {
                class DES { public static DES Create() => new DES(); }
                class C { object M() => DES.Create(); }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("using var aes = Aes.Create(); {|QLB1102:aes.Mode = CipherMode.ECB|};")]
    [InlineData("using var aes = new AesManaged { {|QLB1102:Mode = CipherMode.ECB|} };")]
    [InlineData("using var aes = Aes.Create(); var c = {|QLB1102:aes.EncryptEcb(data, PaddingMode.PKCS7)|};")]
    [InlineData("using var aes = Aes.Create(); var p = {|QLB1102:aes.DecryptEcb(data, PaddingMode.PKCS7)|};")]
    [InlineData("using var aes = Aes.Create(); var ok = {|QLB1102:aes.TryEncryptEcb(data, output, PaddingMode.None, out var written)|};")]
    public async Task Ecb_fires(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("using var aes = Aes.Create(); aes.Mode = CipherMode.CBC;")]
    [InlineData("using var aes = Aes.Create(); var c = aes.EncryptCbc(data, iv);")]
    [InlineData("using var aes = Aes.Create(); aes.Mode = CipherMode.CFB;")]
    [InlineData("var m = CipherMode.ECB;")]
    [InlineData("using var aes = Aes.Create(); var c = aes.EncryptCfb(data, iv);")]
    public async Task Other_modes_are_silent(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Fact]
    public async Task Ecb_as_the_block_primitive_of_counter_mode_or_key_wrap_is_silent()
    {
        const string source = """
            using System.Security.Cryptography;
            sealed class AesCtrTransform
            {
                private readonly Aes aes = Aes.Create();
                public AesCtrTransform() { aes.Mode = CipherMode.ECB; }
            }
            static class KeyWrap
            {
                public static byte[] Wrap(Aes aes, byte[] block) => aes.EncryptEcb(block, PaddingMode.None);
            }
            static class Cmac
            {
                public static byte[] Subkey(Aes aes) => aes.EncryptEcb(new byte[16], PaddingMode.None);
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Ecb_inside_a_block_cipher_class_whose_mode_is_applied_elsewhere_is_silent()
    {
        // Safe twin of a pattern seen in a real SSH library: a nested block-cipher class exposes
        // EncryptBlock/DecryptBlock over an ECB transform without padding, and a base class chains
        // the blocks with the mode object it is given (CBC, CTR).
        const string source = """
            using System.Security.Cryptography;
            abstract class BlockEngine
            {
                protected BlockEngine(object chaining) { Chaining = chaining; }
                public object Chaining { get; }
                public abstract int EncryptBlock(byte[] input, int offset, byte[] output, int outputOffset);
            }
            sealed class SshAes
            {
                private sealed class Engine : BlockEngine
                {
                    private readonly ICryptoTransform _forward;
                    public Engine(byte[] key, object chaining) : base(chaining)
                    {
                        var aes = Aes.Create();
                        aes.Key = key;
                        aes.Mode = CipherMode.ECB;
                        aes.Padding = PaddingMode.None;
                        _forward = aes.CreateEncryptor();
                    }
                    public override int EncryptBlock(byte[] input, int offset, byte[] output, int outputOffset)
                        => _forward.TransformBlock(input, offset, 16, output, outputOffset);
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Ecb_in_a_class_that_encrypts_whole_messages_still_fires()
    {
        const string source = """
            using System.Security.Cryptography;
            sealed class MessageSealer
            {
                private readonly Aes _aes = Aes.Create();
                public MessageSealer(byte[] key) { _aes.Key = key; {|QLB1102:_aes.Mode = CipherMode.ECB|}; }
                public byte[] Seal(byte[] message) => _aes.CreateEncryptor().TransformFinalBlock(message, 0, message.Length);
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    private const string DecryptHelpers = """
        using System;
        using System.IO;
        using System.Security.Cryptography;
        using System.Text;
        static class Protector
        {
            static readonly byte[] Key = new byte[32];
            public static string DecryptA(string token)
            {
                var data = Convert.FromBase64String(token);
                using var aes = Aes.Create();
                aes.Key = Key;
                aes.IV = data[..16];
                using var decryptor = {|QLB1103:aes.CreateDecryptor()|};
                return Encoding.UTF8.GetString(decryptor.TransformFinalBlock(data, 16, data.Length - 16));
            }
            public static byte[] DecryptB(string hex)
            {
                var data = Convert.FromHexString(hex);
                using var aes = Aes.Create();
                aes.Key = Key;
                return {|QLB1103:aes.DecryptCbc(data[16..], data[..16])|};
            }
            public static string DecryptC(string token)
            {
                using var aes = Aes.Create();
                aes.Mode = CipherMode.CBC;
                using var ms = new MemoryStream(Convert.FromBase64String(token));
                using var cs = new CryptoStream(ms, {|QLB1103:aes.CreateDecryptor(Key, new byte[16])|}, CryptoStreamMode.Read);
                using var reader = new StreamReader(cs);
                return reader.ReadToEnd();
            }
            public static bool DecryptD(string token, Span<byte> destination)
            {
                var data = Convert.FromBase64String(token);
                var aes = Aes.Create();
                return {|QLB1103:aes.TryDecryptCbc(data.AsSpan(16), data.AsSpan(0, 16), destination, out _)|};
            }
            public static byte[] DecryptE(string token)
            {
                var data = Convert.FromBase64String(token);
                using (var aes = new AesManaged())
                using (var t = {|QLB1103:aes.CreateDecryptor(Key, data[..16])|})
                {
                    return t.TransformFinalBlock(data, 16, data.Length - 16);
                }
            }
        }
        """;

    [Fact]
    public async Task Cbc_decryption_of_text_without_a_mac_fires() => await Verify.VerifyAnalyzerAsync(DecryptHelpers);

    [Fact]
    public async Task Cbc_decryption_in_a_type_that_checks_a_mac_is_silent()
    {
        var source = DecryptHelpers.Replace("{|QLB1103:", string.Empty).Replace("|}", string.Empty)
            + """

            static partial class Unused { }
            """;
        source = source.Replace(
            "static readonly byte[] Key = new byte[32];",
            "static readonly byte[] Key = new byte[32];\n    static bool Check(byte[] tag, byte[] data) => CryptographicOperations.FixedTimeEquals(tag, HMACSHA256.HashData(Key, data));");
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("using var aes = Aes.Create(); using var t = aes.CreateDecryptor(key, iv);")]
    [InlineData("var d = Convert.FromBase64String(\"AAAA\"); using var aes = Aes.Create(); aes.Mode = CipherMode.CFB; using var t = aes.CreateDecryptor(key, iv);")]
    [InlineData("var d = Convert.FromBase64String(\"AAAA\"); using var gcm = new AesGcm(key, 16); using var aes = Aes.Create(); using var t = aes.CreateDecryptor(key, iv);")]
    [InlineData("using var aes = Aes.Create(); var p = aes.DecryptCbc(data, iv);")]
    [InlineData("var d = Convert.FromBase64String(\"AAAA\"); using var aes = Aes.Create(); using var t = aes.CreateEncryptor(key, iv);")]
    public async Task Cbc_decryption_of_bytes_or_with_integrity_or_another_mode_is_silent(string body)
        => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Fact]
    public async Task Cbc_decryption_with_an_algorithm_from_elsewhere_is_silent()
    {
        const string source = """
            using System;
            using System.Security.Cryptography;
            static class P
            {
                public static byte[] Decrypt(SymmetricAlgorithm algorithm, string token)
                {
                    var data = Convert.FromBase64String(token);
                    using var t = algorithm.CreateDecryptor();
                    return t.TransformFinalBlock(data, 0, data.Length);
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
