using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Secrets.HardcodedCredentialAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Secrets;

public sealed class HardcodedCredentialAnalyzerTests
{
    /// <summary>Fake but well-formed secrets, assembled at run time so this file holds none.</summary>
    internal static readonly string GitHubToken = "gh" + "p_" + "0123456789abcdefghijABCDEFGHIJklmnop";
    internal static readonly string AwsKey = "AK" + "IA" + "Z7Q2X9W4V8T6R5P3";
    internal static readonly string PemKey = "-----BEGIN " + "PRIVATE KEY-----\\n" + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvuNMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ" + "\\n-----END PRIVATE KEY-----";
    internal static readonly string SlackToken = "xo" + "xb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";

    private const string Stubs = """
        namespace Microsoft.IdentityModel.Tokens
        {
            public class SecurityKey { }
            public class SymmetricSecurityKey : SecurityKey { public SymmetricSecurityKey(byte[] key) { } }
        }
        """;

    private static string InClass(string members) => $$"""
        using System;
        using System.Data.Common;
        using System.Net;
        using System.Security;
        using System.Security.Cryptography;
        using System.Security.Cryptography.X509Certificates;
        using System.Text;
        using Microsoft.IdentityModel.Tokens;
        #pragma warning disable CS0219, CS0414, CS0169, SYSLIB0041, SYSLIB0057
        class C
        {
            {{members}}
            static void Login(string user, string password) { }
        }
        """;

    [Theory]
    [InlineData("object M() => new NetworkCredential(\"svc\", {|QLB1400:\"S3rv1ce!2024\"|});")]
    [InlineData("object M(byte[] raw) => new X509Certificate2(raw, {|QLB1400:\"p4ssw0rd\"|});")]
    [InlineData("object M(byte[] salt) { const string secret = \"hunter2hunter2\"; return new Rfc2898DeriveBytes({|QLB1400:secret|}, salt, 600000, HashAlgorithmName.SHA256); }")]
    [InlineData("void M() => Login(\"admin\", {|QLB1400:\"Adm1n!2024\"|});")]
    [InlineData("object M() => new DbConnectionStringBuilder { ConnectionString = {|QLB1400:\"Server=db;User Id=app;Password=Pa55w0rd;\"|} };")]
    [InlineData("void M(DbConnectionStringBuilder b) { b[\"Password\"] = {|QLB1400:\"Pa55w0rd\"|}; }")]
    [InlineData("void M(NetworkCredential c) { c.Password = {|QLB1400:\"Tr0ub4dor&3\"|}; }")]
    [InlineData("const string AdminPassword = {|QLB1400:\"Adm1n!2024\"|};")]
    [InlineData("static string DbPwd { get; } = {|QLB1400:\"s3cr3t-db\"|};")]
    [InlineData("bool Check(string password) => password == {|QLB1400:\"letmein42\"|};")]
    [InlineData("bool Check(string pwd) => string.Equals(pwd, {|QLB1400:\"0penSesame\"|}, StringComparison.Ordinal);")]
    [InlineData("void M() { var smtpPassword = {|QLB1400:\"mailer#99\"|}; }")]
    [InlineData("SecureString M() { var s = new SecureString(); foreach (var c in \"Winter2024!\") {|QLB1400:s.AppendChar(c)|}; return s; }")]
    public async Task Hard_coded_passwords_fire(string members) => await Verify.VerifyAnalyzerAsync(InClass(members), Stubs);

    [Theory]
    [InlineData("object M(string password) => new NetworkCredential(\"svc\", password);")]
    [InlineData("const string PasswordLabel = \"Password:\";")]
    [InlineData("const string Password = \"password\";")]
    [InlineData("void M() { var password = \"\"; }")]
    [InlineData("string DbPassword { get; set; } = \"${DB_PASSWORD}\";")]
    [InlineData("object M() => new DbConnectionStringBuilder { ConnectionString = \"Server=db;Integrated Security=true\" };")]
    [InlineData("const string Password = \"<your password here>\";")]
    [InlineData("string Prompt() { var passwordPrompt = \"Enter your password\"; return passwordPrompt; }")]
    [InlineData("const int PasswordLength = 12;")]
    [InlineData("bool Check(string password, string expected) => password == expected;")]
    [InlineData("void M() => Login(\"admin\", Environment.GetEnvironmentVariable(\"ADMIN_PASSWORD\")!);")]
    [InlineData("const string PasswordParameter = \"pwd\";")]
    public async Task Placeholders_labels_and_runtime_passwords_are_silent(string members) => await Verify.VerifyAnalyzerAsync(InClass(members), Stubs);

    [Theory]
    [InlineData("object M() => new SymmetricSecurityKey({|QLB1401:Encoding.UTF8.GetBytes(\"my-super-secret-signing-key-0123456789\")|});")]
    [InlineData("static readonly byte[] JwtKey = Convert.FromBase64String(\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"); object M() => new SymmetricSecurityKey({|QLB1401:JwtKey|});")]
    [InlineData("private const string ApiKey = {|QLB1401:\"9f8e7d6c5b4a39281706f5e4d3c2b1a0\"|};")]
    [InlineData("void M() { var clientSecret = {|QLB1401:\"Zq3v8R1tY6uP0wX4sB7nK2mL9cF5hJ1e\"|}; }")]
    [InlineData("static string AccessToken { get; } = {|QLB1401:\"eyJhbGciOiJIUzI1NiJ9x7Qk2Lp9Vn4Rt8\"|};")]
    public async Task Hard_coded_secrets_fire(string members) => await Verify.VerifyAnalyzerAsync(InClass(members), Stubs);

    [Fact]
    public async Task Literals_in_known_secret_formats_fire_whatever_their_name()
    {
        var members = $$"""
            string K1() => {|QLB1401:"{{GitHubToken}}"|};
            string K2() => {|QLB1401:"{{AwsKey}}"|};
            const string K3 = {|QLB1401:"{{PemKey}}"|};
            string K4() => {|QLB1401:"{{SlackToken}}"|};
            string K5() => {|QLB1401:"<RSAKeyValue><Modulus>AQAB</Modulus><D>c2VjcmV0c2VjcmV0c2VjcmV0</D></RSAKeyValue>"|};
            """;
        await Verify.VerifyAnalyzerAsync(InClass(members), Stubs);
    }

    [Theory]
    [InlineData("object M(byte[] key) => new SymmetricSecurityKey(key);")]
    [InlineData("string M() => \"AKIAIOSFODNN7EXAMPLE\";")]
    [InlineData("private const string ApiKeyHeader = \"X-Api-Key\";")]
    [InlineData("private const string CacheKey = \"9f8e7d6c5b4a39281706f5e4d3c2b1a0\";")]
    [InlineData("string M() => \"-----BEGIN PUBLIC KEY-----MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\";")]
    [InlineData("const string Token = \"abc\";")]
    [InlineData("object M() => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));")]
    [InlineData("const string NextPageToken = \"a8f5f167f44f4964e6c998dee827110c\";")]
    public async Task Non_secrets_are_silent(string members) => await Verify.VerifyAnalyzerAsync(InClass(members), Stubs);
}
