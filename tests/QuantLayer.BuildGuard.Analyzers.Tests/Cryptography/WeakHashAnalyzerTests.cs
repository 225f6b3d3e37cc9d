using QuantLayer.BuildGuard.Analyzers.Cryptography;
using QuantLayer.BuildGuard.CodeFixes.Cryptography;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Cryptography.WeakHashAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Cryptography;

public sealed class WeakHashAnalyzerTests
{
    [Theory]
    [InlineData("{|QLB1100:MD5.Create()|}")]
    [InlineData("{|QLB1100:SHA1.Create()|}")]
    [InlineData("{|QLB1100:new MD5CryptoServiceProvider()|}")]
    [InlineData("{|QLB1100:new SHA1Managed()|}")]
    [InlineData("{|QLB1100:new SHA1CryptoServiceProvider()|}")]
    [InlineData("(HashAlgorithm){|QLB1100:HashAlgorithm.Create(\"MD5\")|}!")]
    [InlineData("(HashAlgorithm){|QLB1100:CryptoConfig.CreateFromName(\"sha1\")|}!")]
    [InlineData("(HashAlgorithm){|QLB1100:CryptoConfig.CreateFromName(\"System.Security.Cryptography.MD5\")|}!")]
    public async Task Weak_algorithm_creation_fires(string expression)
    {
        var source = $$"""
            using System.Security.Cryptography;
            #pragma warning disable SYSLIB0021, SYSLIB0045
            class C
            {
                HashAlgorithm Make() => {{expression}};
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("SHA256.Create()")]
    [InlineData("SHA512.Create()")]
    [InlineData("new HMACSHA256(new byte[32])")]
    [InlineData("(HashAlgorithm)HashAlgorithm.Create(\"SHA256\")!")]
    [InlineData("(HashAlgorithm)CryptoConfig.CreateFromName(\"SHA384\")!")]
    [InlineData("SHA384.Create()")]
    public async Task Strong_algorithm_creation_is_silent(string expression)
    {
        var source = $$"""
            using System.Security.Cryptography;
            #pragma warning disable SYSLIB0021, SYSLIB0045
            class C
            {
                HashAlgorithm Make() => {{expression}};
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Static_one_shot_and_incremental_hashes_fire()
    {
        const string source = """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(byte[] data) => {|QLB1100:MD5.HashData(data)|};
                byte[] B(byte[] data) => {|QLB1100:SHA1.HashData(data)|};
                byte[] Sign(byte[] key, byte[] data) => {|QLB1100:HMACSHA1.HashData(key, data)|};
                IncrementalHash E() => {|QLB1100:IncrementalHash.CreateHash(HashAlgorithmName.MD5)|};
                IncrementalHash Signer(byte[] key) => {|QLB1100:IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key)|};
                IncrementalHash G() => {|QLB1100:IncrementalHash.CreateHash(new HashAlgorithmName("MD5"))|};
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Strong_static_one_shot_and_incremental_hashes_are_silent()
    {
        const string source = """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(byte[] data) => SHA256.HashData(data);
                byte[] B(byte[] data) => SHA512.HashData(data);
                byte[] D(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);
                IncrementalHash E() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                IncrementalHash F(byte[] key) => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA384, key);
                HashAlgorithmName G() => HashAlgorithmName.MD5; // naming an algorithm is not using it
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task A_user_type_named_MD5_is_silent()
    {
        const string source = """
            namespace Acme
            {
                static class MD5 { public static byte[] Create() => new byte[0]; }
                class C { byte[] M() => MD5.Create(); }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task BuildGuardEnabled_false_silences_the_rule()
    {
        const string source = """
            using System.Security.Cryptography;
            class C { HashAlgorithm M() => MD5.Create(); }
            """;
        await Verify.VerifyAnalyzerAsync(source, Array.Empty<string>(), "build_property.BuildGuardEnabled = false");
    }

    [Fact]
    public async Task Code_fix_replaces_every_mechanical_case_with_SHA256()
    {
        const string source = """
            using System.Security.Cryptography;
            #pragma warning disable SYSLIB0021
            class C
            {
                HashAlgorithm A() => {|QLB1100:MD5.Create()|};
                HashAlgorithm B() => {|QLB1100:new SHA1Managed()|};
                byte[] D(byte[] data) => {|QLB1100:System.Security.Cryptography.SHA1.HashData(data)|};
                IncrementalHash E() => {|QLB1100:IncrementalHash.CreateHash(HashAlgorithmName.MD5)|};
                HMAC Sign(byte[] key) => {|QLB1100:new HMACSHA1(key)|};
                byte[] G(RSA rsa, byte[] data) => rsa.SignData(data, {|QLB1100:HashAlgorithmName.SHA1|}, RSASignaturePadding.Pkcs1);
            }
            """;
        const string fixedSource = """
            using System.Security.Cryptography;
            #pragma warning disable SYSLIB0021
            class C
            {
                HashAlgorithm A() => SHA256.Create();
                HashAlgorithm B() => SHA256.Create();
                byte[] D(byte[] data) => System.Security.Cryptography.SHA256.HashData(data);
                IncrementalHash E() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                HMAC Sign(byte[] key) => new HMACSHA256(key);
                byte[] G(RSA rsa, byte[] data) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<WeakHashAnalyzer, WeakHashCodeFix>.VerifyCodeFixAsync(source, fixedSource);
    }

    [Theory]
    [InlineData("byte[] SignRequest(byte[] key, byte[] body) { using var h = {|QLB1100:new HMACSHA1(key)|}; return h.ComputeHash(body); }")]
    [InlineData("byte[] M(byte[] key, byte[] body) { using var signer = {|QLB1100:new HMACMD5(key)|}; return signer.ComputeHash(body); }")]
    [InlineData("byte[] M(string password, byte[] salt) => {|QLB1100:HMACSHA1.HashData(Encoding.UTF8.GetBytes(password), salt)|};")]
    [InlineData("byte[] ComputeSignature(byte[] key, byte[] data) => {|QLB1100:HMACSHA1.HashData(key, data)|};")]
    [InlineData("IncrementalHash M(byte[] jwtKey) => {|QLB1100:IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, jwtKey)|};")]
    public async Task Hmac_with_a_weak_hash_fires_where_it_signs_or_protects_passwords(string member)
        => await Verify.VerifyAnalyzerAsync(HmacClass(member));

    [Theory]
    [InlineData("byte[] ComputeTotp(byte[] secret, byte[] counter) { using var h = new HMACSHA1(secret); return h.ComputeHash(counter); }")]
    [InlineData("byte[] M(byte[] key, byte[] body) { using var mac = new HMACMD5(key); return mac.ComputeHash(body); }")]
    [InlineData("byte[] Tsig(byte[] key, byte[] data) => HMACSHA1.HashData(key, data);")]
    [InlineData("IncrementalHash M(byte[] key) => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);")]
    [InlineData("byte[] SignRequest(byte[] key, byte[] body) => HMACSHA256.HashData(key, body);")]
    public async Task Hmac_with_a_weak_hash_elsewhere_is_silent(string member)
        => await Verify.VerifyAnalyzerAsync(HmacClass(member));

    [Fact]
    public async Task Hmac_as_the_prf_of_a_hand_written_pbkdf2_is_silent()
    {
        // Safe twin of a pattern seen in a real library: a PBKDF2 class whose factory keys HMAC-SHA1
        // with the password (RFC 8018's default PRF). The password is not hashed once with a fast
        // MAC; it is the key of the derivation's PRF.
        const string source = """
            using System.Security.Cryptography;
            using System.Text;
            sealed class Pbkdf2Stream
            {
                private readonly HMAC _prf;
                private readonly byte[] _salt;
                private readonly int _rounds;
                private Pbkdf2Stream(HMAC prf, byte[] salt, int rounds) { _prf = prf; _salt = salt; _rounds = rounds; }
                public static Pbkdf2Stream WithSha1(string password, byte[] salt, int rounds)
                    => new Pbkdf2Stream(new HMACSHA1(Encoding.UTF8.GetBytes(password)), salt, rounds);
                public static Pbkdf2Stream WithSha1(byte[] password, int saltLength, int rounds)
                {
                    HMAC prf = new HMACSHA1(password);
                    var salt = new byte[saltLength];
                    RandomNumberGenerator.Fill(salt);
                    return new Pbkdf2Stream(prf, salt, rounds);
                }
            }
            sealed class SlowDeriveBytes
            {
                public static HMAC Prf(byte[] password) => new HMACSHA1(password);
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Hmac_of_a_password_outside_a_key_derivation_still_fires()
    {
        const string source = """
            using System.Security.Cryptography;
            using System.Text;
            sealed class Accounts
            {
                public static byte[] StoreHash(string password, byte[] salt)
                {
                    using var h = {|QLB1100:new HMACSHA1(Encoding.UTF8.GetBytes(password))|};
                    return h.ComputeHash(salt);
                }

                public static byte[] DeriveKey(byte[] password, byte[] info) { using var h = {|QLB1100:new HMACMD5(password)|}; return h.ComputeHash(info); }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("byte[] M(RSA rsa, byte[] d) => rsa.SignData(d, {|QLB1100:HashAlgorithmName.SHA1|}, RSASignaturePadding.Pkcs1);")]
    [InlineData("bool M(ECDsa key, byte[] d, byte[] s) => key.VerifyData(d, s, {|QLB1100:HashAlgorithmName.MD5|});")]
    [InlineData("byte[] M(RSA rsa, byte[] h) => rsa.SignHash(h, {|QLB1100:new HashAlgorithmName(\"SHA1\")|}, RSASignaturePadding.Pss);")]
    [InlineData("byte[] M(RSACryptoServiceProvider rsa, byte[] d) => rsa.SignData(d, {|QLB1100:\"SHA1\"|});")]
    [InlineData("CertificateRequest M(RSA rsa) => new CertificateRequest(\"CN=device\", rsa, {|QLB1100:HashAlgorithmName.SHA1|}, RSASignaturePadding.Pkcs1);")]
    [InlineData("void M(RSA rsa) { var f = new RSAPKCS1SignatureFormatter(rsa); f.SetHashAlgorithm({|QLB1100:\"SHA1\"|}); }")]
    public async Task Weak_hash_in_a_signature_fires(string member) => await Verify.VerifyAnalyzerAsync(HmacClass(member));

    [Theory]
    [InlineData("byte[] M(RSA rsa, byte[] d) => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);")]
    [InlineData("bool M(ECDsa key, byte[] d, byte[] s) => key.VerifyData(d, s, HashAlgorithmName.SHA384);")]
    [InlineData("byte[] M(RSA rsa, byte[] d, HashAlgorithmName h) => rsa.SignData(d, h, RSASignaturePadding.Pss);")]
    [InlineData("byte[] M(RSACryptoServiceProvider rsa, byte[] d) => rsa.SignData(d, \"SHA256\");")]
    [InlineData("CertificateRequest M(RSA rsa) => new CertificateRequest(\"CN=device\", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);")]
    public async Task Strong_hash_in_a_signature_is_silent(string member) => await Verify.VerifyAnalyzerAsync(HmacClass(member));

    private static string HmacClass(string member) => $$"""
        using System.Security.Cryptography;
        using System.Security.Cryptography.X509Certificates;
        using System.Text;
        class C
        {
            {{member}}
        }
        """;
}
