using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class XmlInjectionTests
{
    [Fact]
    public async Task Raw_markup_and_parsed_concatenations_fire()
    {
        const string source = """
            using System;
            using System.Xml;
            using System.Xml.Linq;
            class C
            {
                void M(XmlWriter writer, XmlDocument document)
                {
                    var name = Console.ReadLine();
                    {|QLB1005:writer.WriteRaw("<name>" + name + "</name>")|};
                    {|QLB1005:document.LoadXml("<user><name>" + name + "</name></user>")|};
                    {|QLB1005:XElement.Parse($"<n>{name}</n>")|};
                    {|QLB1005:document.DocumentElement!.InnerXml = name|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Escaped_values_writers_and_whole_documents_are_silent()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Security;
            using System.Xml;
            class C
            {
                void M(XmlWriter writer, XmlDocument document)
                {
                    var name = Console.ReadLine()!;
                    writer.WriteElementString("name", name);
                    writer.WriteRaw("<name>" + SecurityElement.Escape(name) + "</name>");
                    document.LoadXml(File.ReadAllText("/var/in.xml"));
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
