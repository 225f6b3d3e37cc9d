
// Minimal stubs, with the real namespaces and member names, of APIs the package mirror does not
// serve: the OPC Foundation UA .NET Standard client and classic ASP.NET (System.Web).

namespace Opc.Ua
{
    public sealed class NodeId
    {
        public NodeId(string text) { }
    }

    public sealed class DataValue
    {
        public object Value { get; set; }
        public T GetValue<T>(T defaultValue) => defaultValue;
    }
}

namespace Opc.Ua.Client
{
    public class Session
    {
        public virtual Opc.Ua.DataValue ReadValue(Opc.Ua.NodeId nodeId) => new Opc.Ua.DataValue();
    }
}

namespace System.Web
{
    public class HttpRequest
    {
        public System.Collections.Specialized.NameValueCollection QueryString { get; } = new System.Collections.Specialized.NameValueCollection();
        public System.Collections.Specialized.NameValueCollection Form { get; } = new System.Collections.Specialized.NameValueCollection();
        public string this[string key] => null;
    }
}
