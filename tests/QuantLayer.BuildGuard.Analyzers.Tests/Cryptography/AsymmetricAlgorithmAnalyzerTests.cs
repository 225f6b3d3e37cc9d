using QuantLayer.BuildGuard.Analyzers.Cryptography;
using QuantLayer.BuildGuard.CodeFixes.Cryptography;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Cryptography.AsymmetricAlgorithmAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Cryptography;

public sealed class AsymmetricAlgorithmAnalyzerTests
{
    private static string InMethod(string body) => $$"""
        using System;
        using System.Security.Cryptography;
        #pragma warning disable SYSLIB0021, SYSLIB0045, CS0219, CA1416
        class C
        {
            const int Bits = 1024;
            static readonly int LegacyBits = 768;
            object M(byte[] data, int size, RSAParameters parameters, RSA rsaKey)
            {
                {{body}}
                return null!;
            }
        }
        """;

    [Theory]
    [InlineData("var rsa = {|QLB1104:RSA.Create(1024)|};")]
    [InlineData("var rsa = {|QLB1104:new RSACryptoServiceProvider(512)|};")]
    [InlineData("var rsa = RSA.Create(); {|QLB1104:rsa.KeySize = 1024|};")]
    [InlineData("var rsa = {|QLB1104:RSA.Create(Bits)|};")]
    [InlineData("var rsa = {|QLB1104:RSA.Create(LegacyBits)|};")]
    [InlineData("int bits = 1536; var rsa = {|QLB1104:RSA.Create(bits)|};")]
    [InlineData("var c = {|QLB1104:new RSACryptoServiceProvider()|}.Encrypt(data, true);")]
    [InlineData("using var rsa = {|QLB1104:new RSACryptoServiceProvider()|}; var s = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);")]
    public async Task Short_rsa_keys_fire(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var rsa = RSA.Create(2048);")]
    [InlineData("var rsa = RSA.Create();")]
    [InlineData("var rsa = new RSACryptoServiceProvider(4096);")]
    [InlineData("var rsa = RSA.Create(size);")]
    [InlineData("var rsa = RSA.Create(); rsa.KeySize = 3072;")]
    [InlineData("using var rsa = new RSACryptoServiceProvider(); rsa.ImportParameters(parameters);")]
    [InlineData("using var rsa = new RSACryptoServiceProvider(); rsa.FromXmlString(\"<RSAKeyValue/>\");")]
    [InlineData("int bits = 1024; bits = size; var rsa = RSA.Create(bits);")]
    public async Task Adequate_or_unknown_rsa_keys_are_silent(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var d = {|QLB1105:DSA.Create()|};")]
    [InlineData("var d = {|QLB1105:DSA.Create(2048)|};")]
    [InlineData("var d = {|QLB1105:new DSACryptoServiceProvider()|};")]
    [InlineData("var d = {|QLB1105:AsymmetricAlgorithm.Create(\"DSA\")|};")]
    [InlineData("var d = {|QLB1105:CryptoConfig.CreateFromName(\"DSA\")|};")]
    public async Task Dsa_fires(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var e = ECDsa.Create(ECCurve.NamedCurves.nistP256);")]
    [InlineData("var r = RSA.Create(3072);")]
    [InlineData("DSA? none = null;")]
    [InlineData("var r = CryptoConfig.CreateFromName(\"RSA\");")]
    [InlineData("var e = ECDiffieHellman.Create();")]
    public async Task Other_signature_algorithms_are_silent(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var c = {|QLB1106:rsaKey.Encrypt(data, RSAEncryptionPadding.Pkcs1)|};")]
    [InlineData("var p = {|QLB1106:rsaKey.Decrypt(data, RSAEncryptionPadding.Pkcs1)|};")]
    [InlineData("var ok = {|QLB1106:rsaKey.TryEncrypt(data, new byte[256], RSAEncryptionPadding.Pkcs1, out var n)|};")]
    [InlineData("using var csp = new RSACryptoServiceProvider(2048); var c = {|QLB1106:csp.Encrypt(data, false)|};")]
    [InlineData("var f = {|QLB1106:new RSAPKCS1KeyExchangeFormatter(rsaKey)|};")]
    [InlineData("var f = {|QLB1106:new RSAPKCS1KeyExchangeDeformatter(rsaKey)|};")]
    public async Task Pkcs1_encryption_padding_fires(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var c = rsaKey.Encrypt(data, RSAEncryptionPadding.OaepSHA256);")]
    [InlineData("var c = rsaKey.Decrypt(data, RSAEncryptionPadding.OaepSHA1);")]
    [InlineData("using var csp = new RSACryptoServiceProvider(2048); var c = csp.Encrypt(data, true);")]
    [InlineData("var s = rsaKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);")]
    [InlineData("var f = new RSAOAEPKeyExchangeFormatter(rsaKey);")]
    public async Task Oaep_and_signature_padding_are_silent(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Fact]
    public async Task Code_fix_raises_literal_key_sizes_to_2048()
    {
        const string source = """
            using System.Security.Cryptography;
            #pragma warning disable CA1416
            class C
            {
                RSA A() => {|QLB1104:RSA.Create(1024)|};
                RSA B() => {|QLB1104:new RSACryptoServiceProvider(512)|};
                void D(RSA rsa) { {|QLB1104:rsa.KeySize = 1536|}; }
            }
            """;
        const string fixedSource = """
            using System.Security.Cryptography;
            #pragma warning disable CA1416
            class C
            {
                RSA A() => RSA.Create(2048);
                RSA B() => new RSACryptoServiceProvider(2048);
                void D(RSA rsa) { rsa.KeySize = 2048; }
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<AsymmetricAlgorithmAnalyzer, RsaKeySizeCodeFix>.VerifyCodeFixAsync(source, fixedSource);
    }
}
