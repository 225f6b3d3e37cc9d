namespace QuantLayer.BuildGuard.Analyzers.Tests.Stubs;

/// <summary>
/// Minimal declarations of third-party and .NET Framework-only APIs the rules match, with the
/// namespaces, type and member names of the real libraries (System.Web.Extensions, System.Web,
/// System.Runtime.Serialization.Formatters.Soap, Newtonsoft.Json 13). Bodies are placeholders:
/// the analyzers only look at symbols.
/// </summary>
internal static class LibraryStubs
{
    public const string NetFrameworkSerializers = """
        namespace System.Web.Script.Serialization
        {
            public abstract class JavaScriptTypeResolver
            {
                public abstract System.Type ResolveType(string id);
                public abstract string ResolveTypeId(System.Type type);
            }

            public class SimpleTypeResolver : JavaScriptTypeResolver
            {
                public override System.Type ResolveType(string id) => System.Type.GetType(id);
                public override string ResolveTypeId(System.Type type) => type.AssemblyQualifiedName;
            }

            public class JavaScriptSerializer
            {
                public JavaScriptSerializer() { }
                public JavaScriptSerializer(JavaScriptTypeResolver resolver) { }
                public T Deserialize<T>(string input) => default;
                public object DeserializeObject(string input) => null;
            }
        }

        namespace System.Web.UI
        {
            public interface IStateFormatter
            {
                object Deserialize(string serializedState);
                string Serialize(object state);
            }

            public sealed class LosFormatter
            {
                public object Deserialize(string input) => null;
                public object Deserialize(System.IO.Stream stream) => null;
                public void Serialize(System.IO.Stream stream, object value) { }
            }

            public sealed class ObjectStateFormatter : IStateFormatter
            {
                public object Deserialize(string inputString) => null;
                public object Deserialize(System.IO.Stream inputStream) => null;
                public string Serialize(object stateGraph) => null;
            }
        }

        namespace System.Runtime.Serialization.Formatters.Soap
        {
            public sealed class SoapFormatter
            {
                public object Deserialize(System.IO.Stream serializationStream) => null;
                public void Serialize(System.IO.Stream serializationStream, object graph) { }
            }
        }

        namespace System.Runtime.Serialization
        {
            public sealed class NetDataContractSerializer
            {
                public object Deserialize(System.IO.Stream stream) => null;
                public object ReadObject(System.IO.Stream stream) => null;
                public void Serialize(System.IO.Stream stream, object graph) { }
            }
        }
        """;

    public const string NewtonsoftJson = """
        namespace Newtonsoft.Json
        {
            public enum TypeNameHandling { None = 0, Objects = 1, Arrays = 2, All = 3, Auto = 4 }

            public class JsonSerializerSettings
            {
                public TypeNameHandling TypeNameHandling { get; set; }
                public Newtonsoft.Json.Serialization.ISerializationBinder SerializationBinder { get; set; }
                public System.Runtime.Serialization.SerializationBinder Binder { get; set; }
                public bool CheckAdditionalContent { get; set; }
            }

            public class JsonSerializer
            {
                public virtual TypeNameHandling TypeNameHandling { get; set; }
                public virtual Newtonsoft.Json.Serialization.ISerializationBinder SerializationBinder { get; set; }
                public static JsonSerializer Create() => new JsonSerializer();
                public static JsonSerializer Create(JsonSerializerSettings settings) => new JsonSerializer();
                public static JsonSerializer CreateDefault(JsonSerializerSettings settings) => new JsonSerializer();
                public object Deserialize(System.IO.TextReader reader, System.Type objectType) => null;
                public void Serialize(System.IO.TextWriter textWriter, object value) { }
            }

            public static class JsonConvert
            {
                public static System.Func<JsonSerializerSettings> DefaultSettings { get; set; }
                public static string SerializeObject(object value) => null;
                public static string SerializeObject(object value, JsonSerializerSettings settings) => null;
                public static object DeserializeObject(string value, JsonSerializerSettings settings) => null;
                public static T DeserializeObject<T>(string value) => default;
                public static T DeserializeObject<T>(string value, JsonSerializerSettings settings) => default;
                public static void PopulateObject(string value, object target, JsonSerializerSettings settings) { }
            }

            [System.AttributeUsage(System.AttributeTargets.Field | System.AttributeTargets.Property | System.AttributeTargets.Parameter)]
            public sealed class JsonPropertyAttribute : System.Attribute
            {
                public JsonPropertyAttribute() { }
                public JsonPropertyAttribute(string propertyName) { }
                public TypeNameHandling TypeNameHandling { get; set; }
                public TypeNameHandling ItemTypeNameHandling { get; set; }
                public bool IsReference { get; set; }
            }

            public abstract class JsonContainerAttribute : System.Attribute
            {
                public TypeNameHandling ItemTypeNameHandling { get; set; }
                public string Title { get; set; }
            }

            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct | System.AttributeTargets.Interface)]
            public sealed class JsonObjectAttribute : JsonContainerAttribute { }

            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Interface)]
            public sealed class JsonArrayAttribute : JsonContainerAttribute { }
        }

        namespace Newtonsoft.Json.Serialization
        {
            public interface ISerializationBinder
            {
                System.Type BindToType(string assemblyName, string typeName);
                void BindToName(System.Type serializedType, out string assemblyName, out string typeName);
            }

            public class DefaultSerializationBinder : ISerializationBinder
            {
                public System.Type BindToType(string assemblyName, string typeName) => null;
                public void BindToName(System.Type serializedType, out string assemblyName, out string typeName) { assemblyName = null; typeName = null; }
            }
        }
        """;
}
