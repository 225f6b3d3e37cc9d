using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Cryptography.KeyDerivationAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Cryptography;

public sealed class KeyDerivationAnalyzerTests
{
    private static string InMethod(string body) => $$"""
        using System;
        using System.Security.Cryptography;
        #pragma warning disable SYSLIB0041, SYSLIB0060, CS0219
        class C
        {
            const int Iterations = 1000;
            object M(string password, byte[] salt, int iterations, HashAlgorithmName hash)
            {
                {{body}}
                return null!;
            }
        }
        """;

    [Theory]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, {|QLB1111:10000|}, HashAlgorithmName.SHA256, 32);")]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, {|QLB1111:100_000|}, HashAlgorithmName.SHA512, 32);")]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, {|QLB1111:Iterations|}, HashAlgorithmName.SHA384, 32);")]
    [InlineData("using var k = new Rfc2898DeriveBytes(password, salt, {|QLB1111:20000|}, HashAlgorithmName.SHA256);")]
    [InlineData("int n = 5000; using var k = new Rfc2898DeriveBytes(password, salt, {|QLB1111:n|}, HashAlgorithmName.SHA256);")]
    [InlineData("using var k = new Rfc2898DeriveBytes(password, salt, 700000, HashAlgorithmName.SHA256); {|QLB1111:k.IterationCount = 1000|};")]
    public async Task Too_few_iterations_fire(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, HashAlgorithmName.SHA256, 32);")]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, 210_000, HashAlgorithmName.SHA512, 32);")]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);")]
    [InlineData("using var k = new Rfc2898DeriveBytes(password, salt, 1_000_000, HashAlgorithmName.SHA256);")]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, hash, 32);")]
    public async Task Enough_or_unknown_iterations_are_silent(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Fact]
    public async Task The_threshold_is_configurable()
    {
        var source = InMethod("""
            var a = Rfc2898DeriveBytes.Pbkdf2(password, salt, 100000, HashAlgorithmName.SHA256, 32);
            var b = Rfc2898DeriveBytes.Pbkdf2(password, salt, {|QLB1111:50000|}, HashAlgorithmName.SHA256, 32);
            var c = Rfc2898DeriveBytes.Pbkdf2(password, salt, {|QLB1111:200000|}, HashAlgorithmName.SHA512, 32);
            """);
        await Verify.VerifyAnalyzerAsync(
            source,
            Array.Empty<string>(),
            "dotnet_diagnostic.QLB1111.min_iterations = 100000\ndotnet_diagnostic.QLB1111.min_iterations_sha512 = 300_000");
    }

    [Theory]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1300000, {|QLB1112:HashAlgorithmName.SHA1|}, 32);")]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1300000, {|QLB1112:new HashAlgorithmName(\"SHA1\")|}, 32);")]
    [InlineData("using var k = new Rfc2898DeriveBytes(password, salt, 1300000, {|QLB1112:HashAlgorithmName.SHA1|});")]
    [InlineData("using var k = {|QLB1112:new Rfc2898DeriveBytes(password, salt, 1300000)|};")]
    [InlineData("using var k = {|QLB1111:{|QLB1112:new Rfc2898DeriveBytes(password, salt)|}|};")]
    [InlineData("using var k = {|QLB1111:{|QLB1112:new Rfc2898DeriveBytes(password, 16)|}|};")]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, {|QLB1111:600000|}, {|QLB1112:HashAlgorithmName.SHA1|}, 32);")]
    public async Task Sha1_prf_fires(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, HashAlgorithmName.SHA256, 32);")]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, HashAlgorithmName.SHA384, 32);")]
    [InlineData("using var k = new Rfc2898DeriveBytes(password, salt, 600000, HashAlgorithmName.SHA256);")]
    [InlineData("var k = HKDF.DeriveKey(HashAlgorithmName.SHA1, salt, 32);")]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, hash, 32);")]
    public async Task Sha2_prf_is_silent(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var k = {|QLB1113:new PasswordDeriveBytes(password, salt)|};")]
    [InlineData("var k = {|QLB1113:new PasswordDeriveBytes(password, salt, \"SHA256\", 1000)|};")]
    [InlineData("var k = {|QLB1113:new PasswordDeriveBytes(new byte[] { 1 }, salt)|};")]
    [InlineData("var k = {|QLB1113:new PasswordDeriveBytes(password, salt, null)|};")]
    [InlineData("var k = {|QLB1113:new PasswordDeriveBytes(password.ToCharArray() is var c ? System.Text.Encoding.UTF8.GetBytes(c) : salt, salt)|};")]
    public async Task PasswordDeriveBytes_fires(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));

    [Theory]
    [InlineData("var k = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, HashAlgorithmName.SHA256, 32);")]
    [InlineData("PasswordDeriveBytes? unused = null;")]
    [InlineData("var t = typeof(PasswordDeriveBytes);")]
    [InlineData("DeriveBytes? d = null;")]
    [InlineData("var k = HKDF.Extract(HashAlgorithmName.SHA256, salt);")]
    public async Task Other_derivations_are_silent(string body) => await Verify.VerifyAnalyzerAsync(InMethod(body));
}
