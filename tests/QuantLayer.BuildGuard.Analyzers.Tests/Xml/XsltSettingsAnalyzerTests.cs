using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Xml.XsltSettingsAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Xml;

public sealed class XsltSettingsAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System.Xml;
        using System.Xml.Xsl;
        class C
        {
            void M(XslCompiledTransform t, string path, XsltSettings unknown)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("{|QLB1253:t.Load(path, XsltSettings.TrustedXslt, new XmlUrlResolver())|};")]
    [InlineData("{|QLB1253:t.Load(path, new XsltSettings(true, false), null)|};")]
    [InlineData("{|QLB1253:t.Load(path, new XsltSettings(false, true), new XmlUrlResolver())|};")]
    [InlineData("var s = new XsltSettings(); s.EnableScript = true; {|QLB1253:t.Load(path, s, null)|};")]
    [InlineData("var s = new XsltSettings { EnableDocumentFunction = true }; {|QLB1253:t.Load(path, s, new XmlUrlResolver())|};")]
    [InlineData("var s = XsltSettings.TrustedXslt; {|QLB1253:t.Load(path, s, null)|};")]
    public async Task Scripts_or_document_function_fire(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("t.Load(path);")]
    [InlineData("t.Load(path, XsltSettings.Default, null);")]
    [InlineData("t.Load(path, new XsltSettings(false, false), null);")]
    [InlineData("var s = new XsltSettings(true, true); s.EnableScript = false; s.EnableDocumentFunction = false; t.Load(path, s, null);")]
    [InlineData("t.Load(path, new XsltSettings(), new XmlUrlResolver());")]
    [InlineData("t.Load(path, unknown, null);")]
    public async Task Default_settings_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));
}
