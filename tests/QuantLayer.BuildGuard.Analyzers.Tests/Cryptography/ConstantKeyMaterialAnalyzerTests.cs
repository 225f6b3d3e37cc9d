using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Cryptography.ConstantKeyMaterialAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Cryptography;

public sealed class ConstantKeyMaterialAnalyzerTests
{
    private static string InClass(string members) => $$"""
        using System;
        using System.IO;
        using System.Security.Cryptography;
        using System.Text;
        #pragma warning disable SYSLIB0041, SYSLIB0022, CS0219, CS0414, CS0649, CS0169
        class C
        {
            {{members}}
            static byte[] LoadKey() => File.ReadAllBytes("key.bin");
        }
        """;

    [Theory]
    [InlineData("void M() { using var aes = Aes.Create(); aes.Key = {|QLB1107:Encoding.UTF8.GetBytes(\"0123456789abcdef\")|}; }")]
    [InlineData("static readonly byte[] Key = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }; void M() { using var aes = Aes.Create(); aes.Key = {|QLB1107:Key|}; }")]
    [InlineData("void M(byte[] d) { var k = \"secretsecretsecretsecretsecret12\"; var bytes = Encoding.ASCII.GetBytes(k); using var h = new HMACSHA256({|QLB1107:bytes|}); }")]
    [InlineData("static byte[] GetKey() => Convert.FromBase64String(\"AAECAwQFBgcICQoLDA0ODw==\"); void M(byte[] iv) { using var aes = Aes.Create(); using var t = aes.CreateEncryptor({|QLB1107:GetKey()|}, iv); }")]
    [InlineData("byte[] M(byte[] d) => HMACSHA256.HashData({|QLB1107:Encoding.UTF8.GetBytes(\"webhook\")|}, d);")]
    [InlineData("private readonly byte[] key; C() { key = Encoding.UTF8.GetBytes(\"0123456789abcdef\"); } void M() { using var aes = Aes.Create(); aes.Key = {|QLB1107:key|}; }")]
    [InlineData("void M(bool b) { var k = b ? Encoding.UTF8.GetBytes(\"aaaaaaaaaaaaaaaa\") : Encoding.UTF8.GetBytes(\"bbbbbbbbbbbbbbbb\"); using var aes = Aes.Create(); aes.Key = {|QLB1107:k|}; }")]
    [InlineData("void M() { var k = LoadKey(); k = \"0123456789abcdef\"u8.ToArray(); using var aes = Aes.Create(); aes.Key = {|QLB1107:k|}; }")]
    [InlineData("static byte[] Key { get; } = SHA256.HashData(Encoding.UTF8.GetBytes(\"passphrase\")); void M() { using var g = new AesGcm({|QLB1107:Key|}, 16); }")]
    [InlineData("void M(byte[] d) { using var h = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, {|QLB1107:new byte[32]|}); }")]
    public async Task Constant_keys_fire(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));

    [Theory]
    [InlineData("void M(byte[] key) { using var aes = Aes.Create(); aes.Key = key; }")]
    [InlineData("void M() { var k = RandomNumberGenerator.GetBytes(32); using var aes = Aes.Create(); aes.Key = k; }")]
    [InlineData("void M() { var k = new byte[32]; RandomNumberGenerator.Fill(k); using var aes = Aes.Create(); aes.Key = k; }")]
    [InlineData("void M(bool b) { var k = Encoding.UTF8.GetBytes(\"0123456789abcdef\"); if (b) { k = LoadKey(); } using var aes = Aes.Create(); aes.Key = k; }")]
    [InlineData("void M() { var k = Encoding.UTF8.GetBytes(\"0123456789abcdef\"); k = LoadKey(); using var aes = Aes.Create(); aes.Key = k; }")]
    [InlineData("public static byte[] Key = new byte[16]; void M() { using var aes = Aes.Create(); aes.Key = Key; }")]
    [InlineData("private byte[] key = new byte[16]; void Load() { key = LoadKey(); } void M() { using var aes = Aes.Create(); aes.Key = key; }")]
    [InlineData("static readonly byte[] Key = new byte[16]; static C() { RandomNumberGenerator.Fill(Key); } void M() { using var aes = Aes.Create(); aes.Key = Key; }")]
    [InlineData("static byte[] Derive(string p) => SHA256.HashData(Encoding.UTF8.GetBytes(p)); void M(string p) { using var aes = Aes.Create(); aes.Key = Derive(p); }")]
    [InlineData("void M() { var k = new byte[32]; using (var s = File.OpenRead(\"k\")) { s.ReadExactly(k); } using var aes = Aes.Create(); aes.Key = k; }")]
    [InlineData("void M() { using var aes = Aes.Create(); aes.GenerateKey(); var k = aes.Key; using var h = new HMACSHA256(k); }")]
    public async Task Unknown_or_random_keys_are_silent(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));

    [Theory]
    [InlineData("void M() { using var aes = Aes.Create(); aes.IV = {|QLB1108:new byte[16]|}; }")]
    [InlineData("void M(byte[] key) { using var aes = Aes.Create(); using var t = aes.CreateEncryptor(key, {|QLB1108:new byte[16]|}); }")]
    [InlineData("void M(byte[] d) { var zero = new byte[16]; using var aes = Aes.Create(); var c = aes.EncryptCbc(d, {|QLB1108:zero|}); }")]
    [InlineData("static readonly byte[] Iv = Encoding.ASCII.GetBytes(\"fixed-iv-1234567\"); void M() { using var aes = Aes.Create(); aes.IV = {|QLB1108:Iv|}; }")]
    [InlineData("void M(byte[] key, byte[] p, byte[] c, byte[] t) { using var g = new AesGcm(key, 16); g.Encrypt({|QLB1108:new byte[12]|}, p, c, t); }")]
    [InlineData("const string IvText = \"AAAAAAAAAAAAAAAAAAAAAA==\"; void M() { using var aes = Aes.Create(); aes.IV = {|QLB1108:Convert.FromBase64String(IvText)|}; }")]
    public async Task Constant_ivs_fire(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));

    [Theory]
    [InlineData("void M() { using var aes = Aes.Create(); aes.GenerateIV(); }")]
    [InlineData("void M() { using var aes = Aes.Create(); aes.IV = RandomNumberGenerator.GetBytes(16); }")]
    [InlineData("void M() { var iv = new byte[16]; RandomNumberGenerator.Fill(iv); using var aes = Aes.Create(); aes.IV = iv; }")]
    [InlineData("void M(byte[] iv) { using var aes = Aes.Create(); aes.IV = iv; }")]
    [InlineData("void M(Stream s) { var iv = new byte[16]; s.ReadExactly(iv); using var aes = Aes.Create(); aes.IV = iv; }")]
    [InlineData("void M(byte[] key, byte[] n, byte[] p, byte[] c, byte[] t) { using var g = new AesGcm(key, 16); g.Encrypt(n, p, c, t); }")]
    public async Task Random_or_received_ivs_are_silent(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));

    [Theory]
    [InlineData("byte[] M(string p) => Rfc2898DeriveBytes.Pbkdf2(p, {|QLB1109:Encoding.UTF8.GetBytes(\"QuantLayerSalt\")|}, 600000, HashAlgorithmName.SHA256, 32);")]
    [InlineData("static readonly byte[] Salt = { 1, 2, 3, 4, 5, 6, 7, 8 }; byte[] M(string p) { using var k = new Rfc2898DeriveBytes(p, {|QLB1109:Salt|}, 600000, HashAlgorithmName.SHA256); return k.GetBytes(32); }")]
    [InlineData("void M(string p) { using var k = new Rfc2898DeriveBytes(p, 16, 600000, HashAlgorithmName.SHA256); k.Salt = {|QLB1109:new byte[16]|}; }")]
    [InlineData("byte[] M(string p) { var salt = \"saltsaltsalt\"; return Rfc2898DeriveBytes.Pbkdf2(p, {|QLB1109:Encoding.UTF8.GetBytes(salt)|}, 600000, HashAlgorithmName.SHA256, 32); }")]
    [InlineData("byte[] M(string p) { var pdb = new PasswordDeriveBytes(p, {|QLB1109:new byte[] { 0x49, 0x76, 0x61, 0x6e }|}); return pdb.GetBytes(16); }")]
    public async Task Constant_salts_fire(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));

    [Theory]
    [InlineData("byte[] M(string p) => Rfc2898DeriveBytes.Pbkdf2(p, RandomNumberGenerator.GetBytes(16), 600000, HashAlgorithmName.SHA256, 32);")]
    [InlineData("byte[] M(string p, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(p, salt, 600000, HashAlgorithmName.SHA256, 32);")]
    [InlineData("byte[] M(string p) { using var k = new Rfc2898DeriveBytes(p, 16, 600000, HashAlgorithmName.SHA256); return k.GetBytes(32); }")]
    [InlineData("byte[] M(byte[] ikm) => HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, Encoding.UTF8.GetBytes(\"fixed\"), null);")]
    [InlineData("byte[] M(string p, byte[] stored) { var salt = new byte[16]; Array.Copy(stored, salt, 16); return Rfc2898DeriveBytes.Pbkdf2(p, salt, 600000, HashAlgorithmName.SHA256, 32); }")]
    public async Task Random_or_stored_salts_are_silent(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));

    [Theory]
    [InlineData("byte[] M(string password) => {|QLB1110:SHA256.HashData(Encoding.UTF8.GetBytes(password))|};")]
    [InlineData("byte[] M(string pwd) { using var sha = SHA256.Create(); return {|QLB1110:sha.ComputeHash(Encoding.UTF8.GetBytes(pwd))|}; }")]
    [InlineData("byte[] M(string adminPassword) { var bytes = Encoding.UTF8.GetBytes(adminPassword); return {|QLB1110:SHA512.HashData(bytes)|}; }")]
    [InlineData("string Password { get; set; } = \"\"; byte[] M() => {|QLB1110:SHA384.HashData(Encoding.Unicode.GetBytes(Password))|};")]
    [InlineData("byte[] M(string passphrase) { using var h = SHA1.Create(); return {|QLB1110:h.ComputeHash(Encoding.ASCII.GetBytes(passphrase))|}; }")]
    public async Task Unsalted_password_hashes_fire(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));

    [Theory]
    [InlineData("byte[] M(string fileName) => SHA256.HashData(Encoding.UTF8.GetBytes(fileName));")]
    [InlineData("byte[] M(string password, string salt) => SHA256.HashData(Encoding.UTF8.GetBytes(salt + password));")]
    [InlineData("byte[] M(string password, byte[] key) { using var h = new HMACSHA256(key); return h.ComputeHash(Encoding.UTF8.GetBytes(password)); }")]
    [InlineData("byte[] M(string passwordHint) => SHA256.HashData(Encoding.UTF8.GetBytes(passwordHint));")]
    [InlineData("byte[] M(string password, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, HashAlgorithmName.SHA256, 32);")]
    public async Task Salted_or_non_password_hashes_are_silent(string members) => await Verify.VerifyAnalyzerAsync(InClass(members));
}
