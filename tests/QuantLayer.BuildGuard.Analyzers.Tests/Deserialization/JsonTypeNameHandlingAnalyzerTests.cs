using QuantLayer.BuildGuard.Analyzers.Tests.Stubs;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Deserialization.JsonTypeNameHandlingAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Deserialization;

public sealed class JsonTypeNameHandlingAnalyzerTests
{
    private const string Binder = """
        sealed class KnownTypesBinder : Newtonsoft.Json.Serialization.ISerializationBinder
        {
            public System.Type BindToType(string assemblyName, string typeName) => typeName == "Point" ? typeof(object) : throw new System.InvalidOperationException();
            public void BindToName(System.Type serializedType, out string assemblyName, out string typeName) { assemblyName = null; typeName = serializedType.Name; }
        }
        """;

    private static string Source(string members) => $$"""
        using Newtonsoft.Json;
        using Newtonsoft.Json.Serialization;
        class C
        {
            {{members}}
        }
        """ + "\n" + Binder;

    [Theory]
    [InlineData("object M(string json) { var s = new JsonSerializerSettings { {|QLB1202:TypeNameHandling = TypeNameHandling.All|} }; return JsonConvert.DeserializeObject(json, s); }")]
    [InlineData("object M(string json) { var s = new JsonSerializerSettings(); {|QLB1202:s.TypeNameHandling = TypeNameHandling.Auto|}; return JsonConvert.DeserializeObject<object>(json, s); }")]
    [InlineData("static readonly JsonSerializerSettings Settings = new JsonSerializerSettings { {|QLB1202:TypeNameHandling = TypeNameHandling.Objects|} };")]
    [InlineData("JsonSerializerSettings Make() => new JsonSerializerSettings { {|QLB1202:TypeNameHandling = TypeNameHandling.Arrays|} };")]
    [InlineData("void M(JsonSerializer serializer) { {|QLB1202:serializer.TypeNameHandling = TypeNameHandling.All|}; }")]
    [InlineData("object M(System.IO.TextReader r) { var serializer = new JsonSerializer { {|QLB1202:TypeNameHandling = TypeNameHandling.Auto|} }; return serializer.Deserialize(r, typeof(object)); }")]
    [InlineData("void M() { JsonConvert.DefaultSettings = () => new JsonSerializerSettings { {|QLB1202:TypeNameHandling = TypeNameHandling.All|} }; }")]
    [InlineData("object M(string json) { var s = new JsonSerializerSettings { {|QLB1202:TypeNameHandling = TypeNameHandling.All|}, SerializationBinder = new DefaultSerializationBinder() }; return JsonConvert.DeserializeObject(json, s); }")]
    public async Task Type_name_handling_without_a_binder_fires(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members), LibraryStubs.NewtonsoftJson);

    [Theory]
    [InlineData("object M(string json) { var s = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None }; return JsonConvert.DeserializeObject(json, s); }")]
    [InlineData("object M(string json) { var s = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All, SerializationBinder = new KnownTypesBinder() }; return JsonConvert.DeserializeObject(json, s); }")]
    [InlineData("object M(string json) { var s = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto }; s.SerializationBinder = new KnownTypesBinder(); return JsonConvert.DeserializeObject(json, s); }")]
    [InlineData("string M(object value) { var s = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All }; return JsonConvert.SerializeObject(value, s); }")]
    [InlineData("object M(string json) { var s = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All }; s.TypeNameHandling = TypeNameHandling.None; return JsonConvert.DeserializeObject(json, s); }")]
    [InlineData("object M(string json, TypeNameHandling fromConfig) { var s = new JsonSerializerSettings { TypeNameHandling = fromConfig }; return JsonConvert.DeserializeObject(json, s); }")]
    [InlineData("string M(object value) => JsonConvert.SerializeObject(value, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Objects });")]
    public async Task None_a_binder_or_serialize_only_is_silent(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members), LibraryStubs.NewtonsoftJson);

    [Fact]
    public async Task The_message_names_the_deserializer_the_settings_reach()
    {
        var test = Verify.CreateTest(
            Source("object M(string json) { var s = new JsonSerializerSettings(); {|#0:s.TypeNameHandling = TypeNameHandling.Auto|}; return JsonConvert.DeserializeObject(json, s); }"),
            new[] { LibraryStubs.NewtonsoftJson });
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.JsonTypeNameHandling)
            .WithLocation(0)
            .WithArguments("Auto", " (these settings reach JsonConvert.DeserializeObject on line 5)"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("[JsonProperty({|QLB1203:TypeNameHandling = TypeNameHandling.All|})] public object Payload { get; set; }")]
    [InlineData("[JsonProperty(\"items\", {|QLB1203:ItemTypeNameHandling = TypeNameHandling.Auto|})] public object[] Items;")]
    [InlineData("[JsonProperty({|QLB1203:TypeNameHandling = TypeNameHandling.Objects|}, IsReference = true)] public object Payload { get; set; }")]
    [InlineData("public C([JsonProperty({|QLB1203:TypeNameHandling = TypeNameHandling.All|})] object payload) { }")]
    [InlineData("[JsonProperty({|QLB1203:ItemTypeNameHandling = TypeNameHandling.Arrays|})] public System.Collections.Generic.List<object> Items { get; set; }")]
    public async Task Attributes_with_type_name_handling_fire(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members), LibraryStubs.NewtonsoftJson);

    [Fact]
    public async Task Container_attributes_with_item_type_name_handling_fire()
    {
        const string source = """
            using Newtonsoft.Json;
            [JsonObject({|QLB1203:ItemTypeNameHandling = TypeNameHandling.All|})]
            class Envelope { }
            [JsonArray(Title = "x", {|QLB1203:ItemTypeNameHandling = TypeNameHandling.Auto|})]
            class Bag { }
            """;
        await Verify.VerifyAnalyzerAsync(source, LibraryStubs.NewtonsoftJson);
    }

    [Theory]
    [InlineData("[JsonProperty] public object Payload { get; set; }")]
    [InlineData("[JsonProperty(\"p\")] public object Payload;")]
    [InlineData("[JsonProperty(TypeNameHandling = TypeNameHandling.None)] public object Payload { get; set; }")]
    [InlineData("[JsonProperty(IsReference = true)] public object Payload { get; set; }")]
    [InlineData("[JsonProperty(ItemTypeNameHandling = TypeNameHandling.None)] public object[] Items;")]
    public async Task Attributes_without_type_name_handling_are_silent(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members), LibraryStubs.NewtonsoftJson);

    [Fact]
    public async Task Without_JsonNet_the_rule_does_nothing()
    {
        const string source = """
            enum TypeNameHandling { None, All }
            class JsonSerializerSettings { public TypeNameHandling TypeNameHandling { get; set; } }
            class C { object M() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All }; }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
