using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>
/// QLB1013: untrusted data deserialized by serializers that create the types named in the data
/// (BinaryFormatter, SoapFormatter, NetDataContractSerializer, LosFormatter, ObjectStateFormatter,
/// any IFormatter, Json.NET with TypeNameHandling). QLB12xx flags the use of these serializers
/// as such; this rule needs untrusted data on the way in.
/// </summary>
internal static class UnsafeDeserializationRule
{
    private const TaintCategory C = TaintCategory.Deserialization;
    private const string Id = DiagnosticIds.UnsafeDeserialization;

    public static TaintRule Rule { get; } = new(Descriptors.UnsafeDeserialization, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        yield return TaintRule.Sink(Id, C, "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter", "Deserialize", "serializationStream");
        yield return TaintRule.Sink(Id, C, "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter", "UnsafeDeserialize", "serializationStream");
        yield return TaintRule.Sink(Id, C, "System.Runtime.Serialization.IFormatter", "Deserialize", "serializationStream");
        yield return TaintRule.Sink(Id, C, "System.Runtime.Serialization.Formatters.Soap.SoapFormatter", "Deserialize", "serializationStream");
        yield return TaintRule.Sink(Id, C, "System.Runtime.Serialization.NetDataContractSerializer", "Deserialize", "stream");
        yield return TaintRule.Sink(Id, C, "System.Runtime.Serialization.NetDataContractSerializer", "ReadObject", "stream", "reader");
        yield return TaintRule.Sink(Id, C, "System.Web.UI.LosFormatter", "Deserialize", "stream", "input");
        yield return TaintRule.Sink(Id, C, "System.Web.UI.ObjectStateFormatter", "Deserialize", "inputStream", "inputString");
        yield return TaintRule.Sink(Id, C, "Newtonsoft.Json.JsonConvert", "DeserializeObject", "value") with { Condition = SinkCondition.JsonTypeNameHandling };
    }
}
