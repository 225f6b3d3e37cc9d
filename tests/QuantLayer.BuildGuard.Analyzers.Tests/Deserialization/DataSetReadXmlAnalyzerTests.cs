using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Deserialization.DataSetReadXmlAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Deserialization;

public sealed class DataSetReadXmlAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System;
        using System.Data;
        using System.IO;
        using System.Xml;
        class C
        {
            void M(Stream upload, string path, TextReader reader, XmlReader xml, DataSet data, DataTable table)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("{|QLB1204:data.ReadXml(upload)|};")]
    [InlineData("{|QLB1204:data.ReadXml(path)|};")]
    [InlineData("{|QLB1204:table.ReadXml(reader)|};")]
    [InlineData("{|QLB1204:new DataSet().ReadXml(xml, XmlReadMode.ReadSchema)|};")]
    [InlineData("{|QLB1204:data.ReadXmlSchema(upload)|};")]
    [InlineData("var file = File.OpenRead(path); {|QLB1204:data.ReadXml(file)|};")]
    [InlineData("var dir = Environment.GetEnvironmentVariable(\"DATA\"); {|QLB1204:data.ReadXml(Path.Combine(dir!, \"x.xml\"))|};")]
    public async Task Reading_external_data_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("data.ReadXml(\"defaults.xml\");")]
    [InlineData("data.ReadXml(Path.Combine(AppContext.BaseDirectory, \"defaults.xml\"));")]
    [InlineData("table.ReadXml(new StringReader(\"<root/>\"));")]
    [InlineData("data.ReadXml(typeof(C).Assembly.GetManifestResourceStream(\"C.defaults.xml\")!);")]
    [InlineData("var file = File.OpenRead(Path.Combine(AppDomain.CurrentDomain.BaseDirectory, \"schema.xsd\")); data.ReadXmlSchema(file);")]
    [InlineData("data.WriteXml(upload);")]
    [InlineData("using var x = XmlReader.Create(\"defaults.xml\"); data.ReadXml(x);")]
    public async Task Reading_application_data_is_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));
}
