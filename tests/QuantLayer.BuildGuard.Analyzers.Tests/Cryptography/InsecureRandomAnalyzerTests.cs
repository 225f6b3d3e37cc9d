using QuantLayer.BuildGuard.Analyzers.Cryptography;
using QuantLayer.BuildGuard.CodeFixes.Cryptography;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Cryptography.InsecureRandomAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Cryptography;

public sealed class InsecureRandomAnalyzerTests
{
    private static string InClass(string members) => $$"""
        using System;
        using System.Linq;
        using System.Security.Cryptography;
        using System.Text;
        #pragma warning disable CS0219
        class C
        {
            private readonly Random rng = new Random();
            private const string Chars = "abcdefghijklmnopqrstuvwxyz0123456789";
            {{members}}
        }
        """;

    [Theory]
    [InlineData("string GenerateToken() { var bytes = new byte[32]; {|QLB1114:rng.NextBytes(bytes)|}; return Convert.ToBase64String(bytes); }")]
    [InlineData("string Make(int n) { var password = new StringBuilder(); for (var i = 0; i < n; i++) password.Append(Chars[{|QLB1114:rng.Next(Chars.Length)|}]); return password.ToString(); }")]
    [InlineData("byte[] Make() { var salt = new byte[16]; {|QLB1114:rng.NextBytes(salt)|}; return salt; }")]
    [InlineData("void Encrypt() { var buffer = new byte[32]; {|QLB1114:rng.NextBytes(buffer)|}; using var aes = Aes.Create(); aes.Key = buffer; }")]
    [InlineData("string Open() { string sessionId = {|QLB1114:rng.Next()|}.ToString(\"x8\"); return sessionId; }")]
    [InlineData("int SendCode() { int otp = {|QLB1114:Random.Shared.Next(100000, 999999)|}; return otp; }")]
    [InlineData("string GeneratePassword() => new string(Enumerable.Range(0, 12).Select(_ => Chars[{|QLB1114:rng.Next(Chars.Length)|}]).ToArray());")]
    [InlineData("string ResetCode { get { return {|QLB1114:rng.Next(1000000)|}.ToString(\"D6\"); } }")]
    [InlineData("char[] NewApiKey() => {|QLB1114:rng.GetItems(Chars.ToCharArray(), 32)|};")]
    public async Task Random_for_security_fires(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));

    [Theory]
    [InlineData("int Delay() { int delay = rng.Next(100, 500); return delay; }")]
    [InlineData("void Shuffle(int[] items) { rng.Shuffle(items); }")]
    [InlineData("int Color() => rng.Next(255);")]
    [InlineData("int BuildTestData() { var tokenLength = rng.Next(5, 10); return tokenLength; }")]
    [InlineData("double Simulate() => rng.NextDouble() * 2.0;")]
    [InlineData("string GenerateToken() { var bytes = RandomNumberGenerator.GetBytes(32); return Convert.ToBase64String(bytes); }")]
    [InlineData("byte[] Noise() { var samples = new byte[64]; rng.NextBytes(samples); return samples; }")]
    [InlineData("byte[] Salt(SecureRandom secure) { var salt = new byte[16]; secure.NextBytes(salt); return salt; } class SecureRandom : Random { public override void NextBytes(byte[] b) => RandomNumberGenerator.Fill(b); }")]
    public async Task Random_for_other_purposes_is_silent(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));

    [Fact]
    public async Task Code_fix_uses_RandomNumberGenerator_and_adds_the_namespace()
    {
        const string source = """
            using System;
            using System.Text;
            class C
            {
                private readonly Random rng = new Random();
                string GenerateToken()
                {
                    var bytes = new byte[32];
                    {|QLB1114:rng.NextBytes(bytes)|};
                    return Convert.ToBase64String(bytes);
                }
                int NewPin() { int otp = {|QLB1114:rng.Next(100000, 1000000)|}; return otp; }
                int NewSalt() { int salt = {|QLB1114:rng.Next()|}; return salt; }
                int CreateSessionId() => {|QLB1114:Random.Shared.Next(int.MaxValue)|};
            }
            """;
        const string fixedSource = """
            using System;
            using System.Text;
            using System.Security.Cryptography;

            class C
            {
                private readonly Random rng = new Random();
                string GenerateToken()
                {
                    var bytes = new byte[32];
                    RandomNumberGenerator.Fill(bytes);
                    return Convert.ToBase64String(bytes);
                }
                int NewPin() { int otp = RandomNumberGenerator.GetInt32(100000, 1000000); return otp; }
                int NewSalt() { int salt = RandomNumberGenerator.GetInt32(int.MaxValue); return salt; }
                int CreateSessionId() => RandomNumberGenerator.GetInt32(int.MaxValue);
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<InsecureRandomAnalyzer, InsecureRandomCodeFix>.VerifyCodeFixAsync(source, fixedSource);
    }
}
