using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class UnsafeDeserializationTests
{
    [Fact]
    public async Task Untrusted_payloads_in_type_embedding_serializers_fire()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            using MQTTnet;
            using Newtonsoft.Json;
            #pragma warning disable SYSLIB0011
            class C
            {
                object? M(MqttApplicationMessage message)
                {
                    var payload = Convert.FromBase64String(message.ConvertPayloadToString());
                    var a = {|QLB1013:new BinaryFormatter().Deserialize(new MemoryStream(payload))|};
                    var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto };
                    return {|QLB1013:JsonConvert.DeserializeObject(message.ConvertPayloadToString(), settings)|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.Mqtt, TaintStubs.Newtonsoft);
    }

    [Fact]
    public async Task Plain_json_and_trusted_data_are_silent()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            using MQTTnet;
            using Newtonsoft.Json;
            #pragma warning disable SYSLIB0011
            class C
            {
                object? M(MqttApplicationMessage message, byte[] embedded)
                {
                    var a = JsonConvert.DeserializeObject<string[]>(message.ConvertPayloadToString());
                    var b = JsonConvert.DeserializeObject(message.ConvertPayloadToString(), new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });
                    return new BinaryFormatter().Deserialize(new MemoryStream(embedded));
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.Mqtt, TaintStubs.Newtonsoft);
    }
}
