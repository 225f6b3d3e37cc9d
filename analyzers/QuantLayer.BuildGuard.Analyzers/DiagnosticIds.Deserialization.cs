namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Unsafe deserialization rule ids (QLB1200–1249).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>BinaryFormatter, SoapFormatter, NetDataContractSerializer, LosFormatter, ObjectStateFormatter deserializing.</summary>
    public const string InsecureFormatter = "QLB1200";

    /// <summary>JavaScriptSerializer with a type resolver that turns input into any type.</summary>
    public const string JavaScriptSerializerTypeResolver = "QLB1201";

    /// <summary>Json.NET settings or serializer with TypeNameHandling other than None and no binder.</summary>
    public const string JsonTypeNameHandling = "QLB1202";

    /// <summary>Json.NET [JsonProperty]/[JsonObject] attributes with TypeNameHandling other than None.</summary>
    public const string JsonTypeNameHandlingAttribute = "QLB1203";

    /// <summary>DataSet/DataTable.ReadXml of data the application does not control.</summary>
    public const string DataSetReadXml = "QLB1204";
}
