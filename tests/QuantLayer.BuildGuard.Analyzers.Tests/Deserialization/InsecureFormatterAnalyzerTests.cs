using QuantLayer.BuildGuard.Analyzers.Tests.Stubs;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Deserialization.InsecureFormatterAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Deserialization;

public sealed class InsecureFormatterAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System.IO;
        using System.Runtime.Serialization;
        using System.Runtime.Serialization.Formatters.Binary;
        using System.Runtime.Serialization.Formatters.Soap;
        using System.Web.UI;
        #pragma warning disable SYSLIB0011, SYSLIB0050
        class C
        {
            object M(Stream s, string text)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("return {|QLB1200:new BinaryFormatter().Deserialize(s)|};")]
    [InlineData("var f = new BinaryFormatter(); return {|QLB1200:f.Deserialize(s)|};")]
    [InlineData("IFormatter f = new BinaryFormatter(); return {|QLB1200:f.Deserialize(s)|};")]
    [InlineData("return {|QLB1200:new SoapFormatter().Deserialize(s)|};")]
    [InlineData("return {|QLB1200:new NetDataContractSerializer().ReadObject(s)|};")]
    [InlineData("return {|QLB1200:new NetDataContractSerializer().Deserialize(s)|};")]
    [InlineData("return {|QLB1200:new LosFormatter().Deserialize(text)|};")]
    [InlineData("IStateFormatter f = new ObjectStateFormatter(); return {|QLB1200:f.Deserialize(text)|};")]
    public async Task Deserializing_with_a_type_embedding_formatter_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), LibraryStubs.NetFrameworkSerializers);

    [Theory]
    [InlineData("new BinaryFormatter().Serialize(s, text); return null;")]
    [InlineData("new SoapFormatter().Serialize(s, text); return null;")]
    [InlineData("return new DataContractSerializer(typeof(string)).ReadObject(s);")]
    [InlineData("return System.Text.Json.JsonSerializer.Deserialize<string>(s);")]
    [InlineData("return new LosFormatter();")]
    [InlineData("return new System.Xml.Serialization.XmlSerializer(typeof(string)).Deserialize(s);")]
    public async Task Serializing_or_fixed_contract_serializers_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), LibraryStubs.NetFrameworkSerializers);

    [Fact]
    public async Task An_IFormatter_of_unknown_origin_is_silent()
    {
        const string source = """
            using System.IO;
            using System.Runtime.Serialization;
            #pragma warning disable SYSLIB0050
            class C
            {
                object M(IFormatter formatter, Stream s) => formatter.Deserialize(s);
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
