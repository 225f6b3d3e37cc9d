using QuantLayer.BuildGuard.Analyzers.Infrastructure;
using QuantLayer.BuildGuard.Analyzers.Secrets;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Secrets;

public sealed class SecretTextTests
{
    [Theory]
    [InlineData("adminPassword", "Password")]
    [InlineData("DB_PASSWORD", "Password")]
    [InlineData("smtpPwd", "Password")]
    [InlineData("adminpassword", "Password")]
    [InlineData("PasswordLength", "None")]
    [InlineData("passwordHash", "None")]
    [InlineData("ApiKey", "Secret")]
    [InlineData("APIKey", "Secret")]
    [InlineData("CacheKey", "None")]
    [InlineData("signingKey", "Key")]
    [InlineData("ClientSecret", "Secret")]
    [InlineData("accessToken", "Token")]
    [InlineData("ContinuationToken", "None")]
    [InlineData("TokenEndpoint", "None")]
    [InlineData("saltBytes", "Salt")]
    [InlineData("ivBuffer", "Nonce")]
    [InlineData("sessionId", "Token")]
    [InlineData("resetCode", "Token")]
    [InlineData("zipCode", "None")]
    public void Names_are_classified_by_their_last_meaningful_word(string name, string expected)
        => Assert.Equal(expected, SecurityNames.PurposeOfName(name, isMethod: false).ToString());

    [Theory]
    [InlineData("GenerateSalt", "Salt")]
    [InlineData("CreateSessionId", "Token")]
    [InlineData("NewRandomPassword", "Password")]
    [InlineData("GetNextDelay", "None")]
    public void Method_names_drop_leading_verbs(string name, string expected)
        => Assert.Equal(expected, SecurityNames.PurposeOfName(name, isMethod: true).ToString());

    [Theory]
    [InlineData("Pa55w0rd", true)]
    [InlineData("", false)]
    [InlineData("<your password>", false)]
    [InlineData("${DB_PASSWORD}", false)]
    [InlineData("%PWD%", false)]
    [InlineData("changeme", false)]
    [InlineData("Password:", false)]
    [InlineData("Enter your password", false)]
    [InlineData("********", false)]
    public void Real_passwords_are_told_from_placeholders_and_labels(string value, bool expected)
        => Assert.Equal(expected, SecretText.IsRealPassword(value, name: "password"));

    [Theory]
    [InlineData("Server=db;User Id=app;Password=Pa55w0rd;", true)]
    [InlineData("Server=db;Pwd = 'x7!k';", true)]
    [InlineData("postgres://app:Pa55w0rd@db:5432/main", true)]
    [InlineData("Server=db;Integrated Security=true", false)]
    [InlineData("Server=db;Password=;", false)]
    [InlineData("Server=db;Password={0};", false)]
    [InlineData("https://example.com/path", false)]
    public void Connection_strings_with_passwords_are_found(string value, bool expected)
        => Assert.Equal(expected, SecretText.ContainsPassword(value));

    [Theory]
    [InlineData("9f8e7d6c5b4a39281706f5e4d3c2b1a0", true)]
    [InlineData("Zq3v8R1tY6uP0wX4sB7nK2mL9cF5hJ1e", true)]
    [InlineData("X-Api-Key", false)]
    [InlineData("Microsoft.AspNetCore.Authentication", false)]
    [InlineData("https://id.example.com/token/2024", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaa1", false)]
    public void Random_looking_values_are_told_from_words(string value, bool expected)
        => Assert.Equal(expected, SecretText.LooksRandom(value));

    [Fact]
    public void Known_formats_are_recognised_and_public_examples_are_not()
    {
        Assert.Equal("GitHub token", SecretText.KnownFormat(HardcodedCredentialAnalyzerTests.GitHubToken));
        Assert.Equal("AWS access key", SecretText.KnownFormat("id=" + HardcodedCredentialAnalyzerTests.AwsKey));
        Assert.Equal("PEM private key", SecretText.KnownFormat(HardcodedCredentialAnalyzerTests.PemKey.Replace("\\n", "\n")));
        Assert.Null(SecretText.KnownFormat("AKIAIOSFODNN7EXAMPLE and more text"));
        Assert.Null(SecretText.KnownFormat("-----BEGIN PUBLIC KEY-----MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"));
        Assert.Null(SecretText.KnownFormat("an ordinary sentence that is long enough"));
    }
}
