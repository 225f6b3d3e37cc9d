using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class XPathInjectionTests
{
    [Fact]
    public async Task Expressions_from_input_fire()
    {
        const string source = """
            using System;
            using System.Xml;
            using System.Xml.Linq;
            using System.Xml.XPath;
            class C
            {
                void M(XmlDocument document, XDocument x)
                {
                    var user = Console.ReadLine();
                    {|QLB1004:document.SelectSingleNode("//user[name='" + user + "']")|};
                    {|QLB1004:document.CreateNavigator()!.Evaluate("count(//user[@id='" + user + "'])")|};
                    {|QLB1004:x.XPathSelectElement("//item[@key='" + user + "']")|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Numbers_and_constants_are_silent()
    {
        const string source = """
            using System;
            using System.Xml;
            class C
            {
                void M(XmlDocument document)
                {
                    var id = int.Parse(Console.ReadLine()!);
                    document.SelectNodes("//order[@id=" + id + "]");
                    document.SelectNodes("//order");
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
