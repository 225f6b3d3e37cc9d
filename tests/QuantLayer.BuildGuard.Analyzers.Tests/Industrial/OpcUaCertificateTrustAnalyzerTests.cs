using QuantLayer.BuildGuard.Analyzers.Industrial;
using QuantLayer.BuildGuard.Analyzers.Tests.Stubs;
using QuantLayer.BuildGuard.CodeFixes.Industrial;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Industrial.OpcUaCertificateTrustAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Industrial;

public sealed class OpcUaCertificateTrustAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System;
        using Opc.Ua;
        using Opc.Ua.Configuration;
        class C
        {
            static readonly string[] Approved = { "AB12" };
            bool autoAccept;

            void M(ApplicationConfiguration config, IApplicationConfigurationBuilderSecurityOptions builder, CertificateManager manager, OpcUaApplicationOptions options)
            {
                {{body}}
            }

            static void AcceptEverything(CertificateValidator sender, CertificateValidationEventArgs e) { e.AcceptAll = true; }

            static void AcceptApproved(CertificateValidator sender, CertificateValidationEventArgs e)
            {
                if (e.Error.StatusCode == StatusCodes.BadCertificateUntrusted && Array.IndexOf(Approved, e.Certificate.Thumbprint) >= 0)
                {
                    e.Accept = true;
                }
            }
        }
        """;

    [Theory]
    [InlineData("{|QLB1500:config.SecurityConfiguration.AutoAcceptUntrustedCertificates = true|};")]
    [InlineData("builder.{|QLB1500:SetAutoAcceptUntrustedCertificates(true)|};")]
    [InlineData("var security = new SecurityConfiguration { {|QLB1500:AutoAcceptUntrustedCertificates = true|} };")]
    [InlineData("{|QLB1500:config.CertificateValidator.AutoAcceptUntrustedCertificates = true|};")]
    [InlineData("{|QLB1500:manager.AutoAcceptUntrustedCertificates = true|};")]
    [InlineData("{|QLB1500:options.AutoAcceptUntrustedCertificates = true|};")]
    public async Task Auto_accept_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.OpcUa);

    [Theory]
    [InlineData("config.SecurityConfiguration.AutoAcceptUntrustedCertificates = false;")]
    [InlineData("builder.SetAutoAcceptUntrustedCertificates(false);")]
    [InlineData("config.SecurityConfiguration.AutoAcceptUntrustedCertificates = autoAccept;")]
    [InlineData("var security = new SecurityConfiguration { RejectSHA1SignedCertificates = true };")]
    [InlineData("builder.SetRejectSHA1SignedCertificates(true);")]
    [InlineData("var accepted = config.SecurityConfiguration.AutoAcceptUntrustedCertificates == true;")]
    public async Task Explicit_trust_is_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.OpcUa);

    [Theory]
    [InlineData("{|QLB1501:config.CertificateValidator.CertificateValidation += (s, e) => { e.Accept = true; }|};")]
    [InlineData("{|QLB1501:config.CertificateValidator.CertificateValidation += AcceptEverything|};")]
    [InlineData("{|QLB1501:config.CertificateValidator.CertificateValidation += delegate (CertificateValidator s, CertificateValidationEventArgs e) { Console.WriteLine(e.Certificate.Subject); e.Accept = true; }|};")]
    [InlineData("{|QLB1501:config.CertificateValidator.CertificateValidation += (s, e) => { if (autoAccept) { e.Accept = true; } }|};")]
    [InlineData("{|QLB1501:manager.AcceptError = (certificate, error) => true|};")]
    [InlineData("CertificateValidationEventHandler h = (s, e) => e.AcceptAll = true; {|QLB1501:config.CertificateValidator.CertificateValidation += h|};")]
    public async Task Handlers_that_accept_everything_fire(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.OpcUa);

    [Theory]
    [InlineData("config.CertificateValidator.CertificateValidation += AcceptApproved;")]
    [InlineData("config.CertificateValidator.CertificateValidation += (s, e) => { if (e.Error.StatusCode == StatusCodes.BadCertificateUntrusted) { e.Accept = autoAccept; } };")]
    [InlineData("config.CertificateValidator.CertificateValidation += (s, e) => { e.Accept = e.Certificate.Thumbprint == \"AB12\"; };")]
    [InlineData("config.CertificateValidator.CertificateValidation -= AcceptEverything;")]
    [InlineData("manager.AcceptError = (certificate, error) => error.StatusCode == StatusCodes.BadCertificateUntrusted && autoAccept;")]
    [InlineData("config.CertificateValidator.CertificateValidation += (s, e) => { e.Accept = false; };")]
    public async Task Handlers_that_decide_per_certificate_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), IndustrialStubs.OpcUa);

    [Fact]
    public async Task The_xml_configuration_file_is_checked()
    {
        var test = Verify.CreateTest("class C { Opc.Ua.ApplicationConfiguration Config; }", new[] { IndustrialStubs.OpcUa });
        test.TestState.AdditionalFiles.Add(("Gateway.Config.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <ApplicationConfiguration xmlns:ua="http://opcfoundation.org/UA/2008/02/Types.xsd" xmlns="http://opcfoundation.org/UA/SDK/Configuration.xsd">
              <SecurityConfiguration>
                <AutoAcceptUntrustedCertificates>{|QLB1500:true|}</AutoAcceptUntrustedCertificates>
              </SecurityConfiguration>
            </ApplicationConfiguration>
            """));
        test.TestState.AdditionalFiles.Add(("Other.Config.xml", """
            <ApplicationConfiguration xmlns="http://opcfoundation.org/UA/SDK/Configuration.xsd">
              <SecurityConfiguration><AutoAcceptUntrustedCertificates>false</AutoAcceptUntrustedCertificates></SecurityConfiguration>
            </ApplicationConfiguration>
            """));
        test.TestState.AdditionalFiles.Add(("NotOpcUa.xml", "<Settings><AutoAcceptUntrustedCertificates>true</AutoAcceptUntrustedCertificates></Settings>"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_the_stack_nothing_is_reported()
    {
        const string source = """
            class SecurityConfiguration { public bool AutoAcceptUntrustedCertificates { get; set; } }
            class C { object M() => new SecurityConfiguration { AutoAcceptUntrustedCertificates = true }; }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Code_fix_turns_auto_accept_off()
    {
        const string source = """
            using Opc.Ua;
            using Opc.Ua.Configuration;
            class C
            {
                void M(ApplicationConfiguration config, IApplicationConfigurationBuilderSecurityOptions builder)
                {
                    {|QLB1500:config.SecurityConfiguration.AutoAcceptUntrustedCertificates = true|};
                    builder.{|QLB1500:SetAutoAcceptUntrustedCertificates(true)|};
                }
            }
            """;
        const string fixedSource = """
            using Opc.Ua;
            using Opc.Ua.Configuration;
            class C
            {
                void M(ApplicationConfiguration config, IApplicationConfigurationBuilderSecurityOptions builder)
                {
                    config.SecurityConfiguration.AutoAcceptUntrustedCertificates = false;
                    builder.SetAutoAcceptUntrustedCertificates(false);
                }
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<OpcUaCertificateTrustAnalyzer, TrustOverrideCodeFix>.VerifyCodeFixAsync(source, fixedSource, IndustrialStubs.OpcUa);
    }
}
