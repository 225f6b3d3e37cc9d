using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the unsafe deserialization rules (QLB1200–1249).</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor InsecureFormatter = DescriptorFactory.Create(
        DiagnosticIds.InsecureFormatter,
        title: "Do not deserialize with a formatter that lets the input choose the types",
        messageFormat: "{0}.{1} instantiates whatever types the input names, so crafted input runs code; use a serializer with a fixed contract (System.Text.Json, DataContractSerializer with known types, protobuf)",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "BinaryFormatter, SoapFormatter, NetDataContractSerializer, LosFormatter and ObjectStateFormatter "
            + "write .NET type names into the stream and instantiate them when reading. Gadget chains in the framework "
            + "turn that into remote code execution; no binder or validation makes them safe for untrusted data.",
        cwe: "CWE-502");

    public static readonly DiagnosticDescriptor JavaScriptSerializerTypeResolver = DescriptorFactory.Create(
        DiagnosticIds.JavaScriptSerializerTypeResolver,
        title: "Do not give JavaScriptSerializer a type resolver that accepts any type",
        messageFormat: "JavaScriptSerializer is created with {0}, which turns the input's \"__type\" into any .NET type; remove the resolver or resolve only an allow-list of types",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "With a JavaScriptTypeResolver such as SimpleTypeResolver, JavaScriptSerializer instantiates the type "
            + "named by the input's __type field. Crafted JSON then creates gadget types and runs code.",
        cwe: "CWE-502");

    public static readonly DiagnosticDescriptor JsonTypeNameHandling = DescriptorFactory.Create(
        DiagnosticIds.JsonTypeNameHandling,
        title: "Do not enable Json.NET TypeNameHandling without a SerializationBinder",
        messageFormat: "TypeNameHandling.{0} lets the JSON input choose the .NET type to create{1}; use TypeNameHandling.None, or set a SerializationBinder that allows only your types",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "With TypeNameHandling other than None, Json.NET reads \"$type\" from the input and instantiates that type. "
            + "Without an ISerializationBinder that allow-lists types, crafted JSON creates gadget types and runs code.",
        cwe: "CWE-502");

    public static readonly DiagnosticDescriptor JsonTypeNameHandlingAttribute = DescriptorFactory.Create(
        DiagnosticIds.JsonTypeNameHandlingAttribute,
        title: "Do not enable Json.NET TypeNameHandling on a member or type",
        messageFormat: "{0} = TypeNameHandling.{1} lets the JSON input choose the .NET type of this {2}; remove it, or make sure every serializer that reads it has a SerializationBinder that allows only your types",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "[JsonProperty(TypeNameHandling = ...)], [JsonProperty(ItemTypeNameHandling = ...)] and "
            + "[JsonObject/JsonArray/JsonDictionary(ItemTypeNameHandling = ...)] make Json.NET honour \"$type\" for that member "
            + "even when the serializer's own setting is None.",
        cwe: "CWE-502");

    public static readonly DiagnosticDescriptor DataSetReadXml = DescriptorFactory.Create(
        DiagnosticIds.DataSetReadXml,
        title: "Do not read a DataSet or DataTable from data the application does not control",
        messageFormat: "{0}.{1} reads an XML schema and rows from input the application does not control; the input decides column types, constraints and size; read only trusted files or use a typed model",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "DataSet.ReadXml and DataTable.ReadXml take the column types from the document's inline schema. "
            + "Microsoft's guidance treats them as unsafe for untrusted input (type instantiation, denial of service).",
        cwe: "CWE-502");
}
