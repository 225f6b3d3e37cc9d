using QuantLayer.BuildGuard.Analyzers.Xml;
using QuantLayer.BuildGuard.CodeFixes.Xml;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Xml.XmlReaderSettingsAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Xml;

public sealed class XmlReaderSettingsAnalyzerTests
{
    internal const string LegacyFramework = "[assembly: System.Runtime.Versioning.TargetFramework(\".NETFramework,Version=v4.5.1\")]";

    private static string Source(string body, string assemblyAttribute = "") => $$"""
        using System.IO;
        using System.Xml;
        {{assemblyAttribute}}
        #pragma warning disable CS0618
        class C
        {
            object M(Stream input, XmlResolver unknown)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() }; return {|QLB1250:XmlReader.Create(input, s)|};")]
    [InlineData("var s = new XmlReaderSettings(); s.DtdProcessing = DtdProcessing.Parse; s.XmlResolver = new XmlUrlResolver(); return {|QLB1250:XmlReader.Create(input, s)|};")]
    [InlineData("return {|QLB1250:XmlReader.Create(input, new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() })|};")]
    [InlineData("var s = new XmlReaderSettings { ProhibitDtd = false }; var r = new XmlUrlResolver(); s.XmlResolver = r; return {|QLB1250:XmlReader.Create(input, s)|};")]
    [InlineData("var s = new XmlReaderSettings { XmlResolver = XmlResolver.FileSystemResolver }; s.DtdProcessing = DtdProcessing.Parse; return {|QLB1250:XmlReader.Create(\"a.xml\", s)|};")]
    [InlineData("var s = new XmlReaderSettings { XmlResolver = new XmlUrlResolver() }; {|QLB1250:s.DtdProcessing = DtdProcessing.Parse|}; return s;")]
    public async Task Dtd_parsing_with_a_loading_resolver_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null }; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { XmlResolver = new XmlUrlResolver() }; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse }; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() }; s.XmlResolver = null; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() }; s.DtdProcessing = DtdProcessing.Prohibit; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlSecureResolver(new XmlUrlResolver(), \"file:///c:/schemas/\") }; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = unknown }; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = new XmlUrlResolver() }; return XmlReader.Create(input, s);")]
    public async Task Settings_that_do_not_resolve_external_entities_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Fact]
    public async Task The_state_at_the_call_counts_not_later_assignments()
    {
        const string body = """
            var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() };
                    var first = {|QLB1250:XmlReader.Create(input, s)|};
                    s.XmlResolver = null;
                    var second = XmlReader.Create(input, s);
                    return second;
            """;
        await Verify.VerifyAnalyzerAsync(Source(body));
    }

    [Theory]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse }; return {|QLB1250:XmlReader.Create(input, s)|};")]
    [InlineData("var s = new XmlReaderSettings(); {|QLB1250:s.ProhibitDtd = false|}; return s;")]
    public async Task On_old_frameworks_the_default_resolver_loads(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body, XmlReaderSettingsAnalyzerTests.LegacyFramework));

    [Theory]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null }; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings(); return XmlReader.Create(input, s);")]
    public async Task On_old_frameworks_a_null_resolver_or_no_dtd_is_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body, XmlReaderSettingsAnalyzerTests.LegacyFramework));

    [Theory]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, MaxCharactersFromEntities = 0 }; return {|QLB1251:XmlReader.Create(input, s)|};")]
    [InlineData("var s = new XmlReaderSettings { MaxCharactersFromEntities = 0 }; s.DtdProcessing = DtdProcessing.Parse; return {|QLB1251:XmlReader.Create(input, s)|};")]
    [InlineData("return {|QLB1251:XmlReader.Create(input, new XmlReaderSettings { ProhibitDtd = false, MaxCharactersFromEntities = 0L })|};")]
    [InlineData("var s = new XmlReaderSettings(); s.MaxCharactersFromEntities = 0; {|QLB1251:s.DtdProcessing = DtdProcessing.Parse|}; return s;")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse }; s.MaxCharactersFromEntities = 0; var r = {|QLB1251:XmlReader.Create(\"a.xml\", s)|}; return r;")]
    public async Task Unlimited_entity_expansion_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, MaxCharactersFromEntities = 1000000 }; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { MaxCharactersFromEntities = 0 }; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse }; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, MaxCharactersFromEntities = 0 }; s.MaxCharactersFromEntities = 1024; return XmlReader.Create(input, s);")]
    [InlineData("var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, MaxCharactersFromEntities = 0 }; return XmlReader.Create(input, s);")]
    public async Task Bounded_expansion_is_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Fact]
    public async Task Code_fix_sets_the_resolver_to_null()
    {
        const string source = """
            using System.IO;
            using System.Xml;
            class C
            {
                XmlReader A(Stream input)
                {
                    var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() };
                    return {|QLB1250:XmlReader.Create(input, s)|};
                }

                XmlReader B(Stream input)
                {
                    var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
                    s.XmlResolver = new XmlUrlResolver();
                    return {|QLB1250:XmlReader.Create(input, s)|};
                }
            }
            """;
        const string fixedSource = """
            using System.IO;
            using System.Xml;
            class C
            {
                XmlReader A(Stream input)
                {
                    var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null };
                    return XmlReader.Create(input, s);
                }

                XmlReader B(Stream input)
                {
                    var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
                    s.XmlResolver = null;
                    return XmlReader.Create(input, s);
                }
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<XmlReaderSettingsAnalyzer, XmlResolverCodeFix>.VerifyCodeFixAsync(source, fixedSource);
    }
}
