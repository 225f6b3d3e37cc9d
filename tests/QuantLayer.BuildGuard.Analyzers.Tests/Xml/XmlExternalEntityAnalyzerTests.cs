using QuantLayer.BuildGuard.Analyzers.Xml;
using QuantLayer.BuildGuard.CodeFixes.Xml;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Xml.XmlExternalEntityAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Xml;

public sealed class XmlExternalEntityAnalyzerTests
{
    private static string Source(string body, string assemblyAttribute = "") => $$"""
        using System.IO;
        using System.Xml;
        using System.Xml.XPath;
        {{assemblyAttribute}}
        #pragma warning disable CS0618, SYSLIB0047
        class C
        {
            object M(Stream input, string path, XmlDocument given)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("var d = new XmlDocument(); {|QLB1252:d.XmlResolver = new XmlUrlResolver()|}; d.Load(input); return d;")]
    [InlineData("var d = new XmlDocument { {|QLB1252:XmlResolver = new XmlUrlResolver()|} }; d.LoadXml(path); return d;")]
    [InlineData("{|QLB1252:given.XmlResolver = XmlResolver.FileSystemResolver|}; return given;")]
    [InlineData("var r = new XmlTextReader(input); {|QLB1252:r.XmlResolver = new XmlUrlResolver()|}; return r;")]
    [InlineData("var r = new XmlTextReader(input) { DtdProcessing = DtdProcessing.Parse }; {|QLB1252:r.XmlResolver = new XmlUrlResolver()|}; return r;")]
    [InlineData("var resolver = new XmlUrlResolver(); var d = new XmlDocument(); {|QLB1252:d.XmlResolver = resolver|}; return d;")]
    public async Task A_loading_resolver_fires_on_every_framework(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("var d = new XmlDocument(); d.XmlResolver = null; d.Load(input); return d;")]
    [InlineData("var d = new XmlDocument(); d.Load(input); return d;")]
    [InlineData("var r = new XmlTextReader(input); return r;")]
    [InlineData("var r = new XmlTextReader(input) { DtdProcessing = DtdProcessing.Prohibit }; r.XmlResolver = new XmlUrlResolver(); return r;")]
    [InlineData("return new XPathDocument(input);")]
    [InlineData("var d = new XmlDocument { XmlResolver = new XmlSecureResolver(new XmlUrlResolver(), \"file:///c:/x/\") }; return d;")]
    public async Task Safe_defaults_and_null_resolvers_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("var d = new XmlDocument(); {|QLB1252:d.Load(input)|}; return d;")]
    [InlineData("var d = new XmlDocument(); {|QLB1252:d.LoadXml(path)|}; return d;")]
    [InlineData("var d = new XmlDocument(); {|QLB1252:d.InnerXml = path|}; return d;")]
    [InlineData("return {|QLB1252:new XmlTextReader(input)|};")]
    [InlineData("return {|QLB1252:new XPathDocument(path)|};")]
    [InlineData("var r = {|QLB1252:new XmlTextReader(path)|}; r.DtdProcessing = DtdProcessing.Parse; return r;")]
    public async Task On_old_frameworks_the_defaults_fire(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body, XmlReaderSettingsAnalyzerTests.LegacyFramework));

    [Theory]
    [InlineData("var d = new XmlDocument(); d.XmlResolver = null; d.Load(input); return d;")]
    [InlineData("var d = new XmlDocument { XmlResolver = null }; d.LoadXml(path); return d;")]
    [InlineData("var d = new XmlDocument(); d.Load(XmlReader.Create(input)); return d;")]
    [InlineData("return new XmlTextReader(input) { DtdProcessing = DtdProcessing.Prohibit };")]
    [InlineData("var r = new XmlTextReader(input); r.XmlResolver = null; return r;")]
    [InlineData("return new XPathDocument(XmlReader.Create(input));")]
    [InlineData("given.Load(input); return given;")]
    public async Task On_old_frameworks_explicit_safe_settings_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body, XmlReaderSettingsAnalyzerTests.LegacyFramework));

    [Fact]
    public async Task Code_fix_sets_the_resolver_to_null()
    {
        const string source = """
            using System.Xml;
            class C
            {
                XmlDocument A() => new XmlDocument { {|QLB1252:XmlResolver = new XmlUrlResolver()|} };

                void B(XmlDocument d)
                {
                    {|QLB1252:d.XmlResolver = new XmlUrlResolver()|};
                }
            }
            """;
        const string fixedSource = """
            using System.Xml;
            class C
            {
                XmlDocument A() => new XmlDocument { XmlResolver = null };

                void B(XmlDocument d)
                {
                    d.XmlResolver = null;
                }
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<XmlExternalEntityAnalyzer, XmlResolverCodeFix>.VerifyCodeFixAsync(source, fixedSource);
    }
}
