using Microsoft.CodeAnalysis.Testing;
using QuantLayer.BuildGuard.Analyzers.Secrets;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Secrets.ConfigurationSecretAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Secrets;

public sealed class ConfigurationSecretAnalyzerTests
{
    private static async Task VerifyFileAsync(string name, string markedContent)
    {
        var test = Verify.CreateTest("class C { }");
        test.TestState.AdditionalFiles.Add((name, markedContent));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Secrets_in_appsettings_json_fire()
    {
        var json = $$"""
            {
              // comments are allowed, as in .NET configuration
              "ConnectionStrings": {
                "Main": "{|QLB1402:Server=db;User Id=app;Password=Pa55w0rd;|}",
                "Cache": "localhost:6379"
              },
              "Smtp": { "Host": "mail.example.com", "Password": "{|QLB1402:mailer#99|}" },
              "Payments": { "ApiKey": "{|QLB1402:9f8e7d6c5b4a39281706f5e4d3c2b1a0|}", },
              "GitHub": { "Token": "{|QLB1402:{{HardcodedCredentialAnalyzerTests.GitHubToken}}|}" },
              "Aws": { "AccessKeyId": "{|QLB1402:{{HardcodedCredentialAnalyzerTests.AwsKey}}|}" },
              "Certificates": [ { "Key": "{|QLB1402:{{HardcodedCredentialAnalyzerTests.PemKey}}|}" } ],
              "Storage": "{|QLB1402:DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY3ODkwQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMj==;|}"
            }
            """;
        await VerifyFileAsync("/0/appsettings.Production.json", json);
    }

    [Fact]
    public async Task Placeholders_and_non_secrets_in_appsettings_json_are_silent()
    {
        const string json = """
            {
              "ConnectionStrings": { "Main": "Server=db;Integrated Security=true;", "Other": "Server=db;User Id=app;Password=;" },
              "Smtp": { "Password": "", "PasswordMinLength": 12, "User": "mailer" },
              "Payments": { "ApiKey": "<set in user secrets>", "ApiKeyHeader": "X-Api-Key" },
              "Jwt": { "SigningKey": "${JWT_SIGNING_KEY}", "Issuer": "https://id.example.com" },
              "Logging": { "LogLevel": { "Default": "Information" } },
              "Storage": "UseDevelopmentStorage=true",
              "Aws": { "AccessKeyId": "AKIAIOSFODNN7EXAMPLE" }
            }
            """;
        await VerifyFileAsync("/0/appsettings.json", json);
    }

    [Fact]
    public async Task Secrets_in_config_files_fire()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <connectionStrings>
                <add name="Main" connectionString="{|QLB1402:Data Source=db;User ID=app;Password=Pa55w0rd|}" providerName="System.Data.SqlClient" />
              </connectionStrings>
              <appSettings>
                <add key="ApiKey" value="{|QLB1402:9f8e7d6c5b4a39281706f5e4d3c2b1a0|}" />
                <add key="AdminPassword" value="{|QLB1402:Adm1n!2024|}" />
              </appSettings>
              <system.net>
                <mailSettings><smtp><network host="mail" userName="u" password="{|QLB1402:mailer#99|}" /></smtp></mailSettings>
              </system.net>
              <packageSourceCredentials>
                <feed><add key="ClearTextPassword" value="{|QLB1402:f33dP4ss|}" /></feed>
              </packageSourceCredentials>
            </configuration>
            """;
        await VerifyFileAsync("/0/web.config", xml);
    }

    [Fact]
    public async Task Non_secrets_in_config_files_and_other_files_are_silent()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <connectionStrings>
                <add name="Main" connectionString="Data Source=db;Integrated Security=SSPI" />
              </connectionStrings>
              <appSettings>
                <add key="ApiKey" value="" />
                <add key="PasswordPolicy" value="strong" />
                <add key="RetryCount" value="3" />
              </appSettings>
              <password>%SERVICE_PASSWORD%</password>
            </configuration>
            """;
        await VerifyFileAsync("/0/app.config", xml);

        // Files that are not configuration files are not read, whatever they hold.
        await VerifyFileAsync("/0/notes.json", "{ \"Password\": \"Pa55w0rd\" }");
        await VerifyFileAsync("/0/settings.xml", "<a password=\"Pa55w0rd\" />");
    }

    [Fact]
    public async Task Malformed_files_report_what_was_read_and_never_crash()
    {
        await VerifyFileAsync("/0/appsettings.json", "{ \"Password\": \"{|QLB1402:Pa55w0rd|}\", \"Broken\": [ 1, 2 ");
        await VerifyFileAsync("/0/web.config", "<configuration><appSettings><add key=\"Password\" value=\"{|QLB1402:Pa55w0rd|}\" /><unclosed></configuration>");
    }

    [Fact]
    public void The_message_names_the_key_and_never_the_value()
    {
        var entries = ConfigurationEntries.ReadJson("{ \"Smtp\": { \"Password\": \"mailer#99\" } }");
        var entry = Assert.Single(entries);
        Assert.Equal("Smtp:Password", entry.Path);
        var message = string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            Descriptors.SecretInConfiguration.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture),
            entry.Path,
            "appsettings.json",
            "a password");
        Assert.DoesNotContain("mailer#99", message, StringComparison.Ordinal);
    }
}
