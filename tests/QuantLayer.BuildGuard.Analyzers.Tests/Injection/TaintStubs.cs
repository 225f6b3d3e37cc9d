namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

/// <summary>
/// Minimal declarations of third-party APIs with their real namespaces and member names, for the
/// verifier tests (the .NET 8 reference assemblies do not contain them).
/// </summary>
internal static class TaintStubs
{
    public const string SqlClient = """
        namespace Microsoft.Data.SqlClient
        {
            public sealed class SqlConnection : System.Data.Common.DbConnection
            {
                public override string ConnectionString { get; set; } = "";
                public override string Database => "";
                public override string DataSource => "";
                public override string ServerVersion => "";
                public override System.Data.ConnectionState State => System.Data.ConnectionState.Closed;
                public override void ChangeDatabase(string databaseName) { }
                public override void Close() { }
                public override void Open() { }
                protected override System.Data.Common.DbTransaction BeginDbTransaction(System.Data.IsolationLevel isolationLevel) => null!;
                protected override System.Data.Common.DbCommand CreateDbCommand() => new SqlCommand();
            }

            public sealed class SqlCommand : System.Data.Common.DbCommand
            {
                public SqlCommand() { }
                public SqlCommand(string cmdText) { }
                public SqlCommand(string cmdText, SqlConnection connection) { }
                public override string CommandText { get; set; } = "";
                public override int CommandTimeout { get; set; }
                public override System.Data.CommandType CommandType { get; set; }
                public override bool DesignTimeVisible { get; set; }
                public override System.Data.UpdateRowSource UpdatedRowSource { get; set; }
                protected override System.Data.Common.DbConnection? DbConnection { get; set; }
                protected override System.Data.Common.DbParameterCollection DbParameterCollection => null!;
                protected override System.Data.Common.DbTransaction? DbTransaction { get; set; }
                public SqlParameterCollection Parameters { get; } = new SqlParameterCollection();
                public override void Cancel() { }
                public override int ExecuteNonQuery() => 0;
                public override object? ExecuteScalar() => null;
                public override void Prepare() { }
                protected override System.Data.Common.DbParameter CreateDbParameter() => null!;
                protected override System.Data.Common.DbDataReader ExecuteDbDataReader(System.Data.CommandBehavior behavior) => null!;
            }

            public sealed class SqlParameterCollection
            {
                public object AddWithValue(string parameterName, object value) => value;
            }
        }
        """;

    public const string Dapper = """
        namespace Dapper
        {
            public static class SqlMapper
            {
                public static System.Collections.Generic.IEnumerable<T> Query<T>(this System.Data.IDbConnection cnn, string sql, object? param = null) => null!;
                public static int Execute(this System.Data.IDbConnection cnn, string sql, object? param = null) => 0;
            }
        }
        """;

    public const string EntityFrameworkCore = """
        namespace Microsoft.EntityFrameworkCore
        {
            using System.Linq;
            public class DbContext { public Infrastructure.DatabaseFacade Database { get; } = new(); }
            public abstract class DbSet<T> : IQueryable<T> where T : class
            {
                public System.Type ElementType => typeof(T);
                public System.Linq.Expressions.Expression Expression => null!;
                public IQueryProvider Provider => null!;
                public System.Collections.Generic.IEnumerator<T> GetEnumerator() => null!;
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => null!;
            }
            public static class RelationalQueryableExtensions
            {
                public static IQueryable<T> FromSqlRaw<T>(this DbSet<T> source, string sql, params object[] parameters) where T : class => source;
                public static IQueryable<T> FromSqlInterpolated<T>(this DbSet<T> source, System.FormattableString sql) where T : class => source;
                public static IQueryable<T> FromSql<T>(this DbSet<T> source, System.FormattableString sql) where T : class => source;
            }
            public static class RelationalDatabaseFacadeExtensions
            {
                public static int ExecuteSqlRaw(this Infrastructure.DatabaseFacade databaseFacade, string sql, params object[] parameters) => 0;
                public static int ExecuteSql(this Infrastructure.DatabaseFacade databaseFacade, System.FormattableString sql) => 0;
            }
        }
        namespace Microsoft.EntityFrameworkCore.Infrastructure
        {
            public class DatabaseFacade { }
        }
        """;

    public const string AspNetCore = """
        namespace Microsoft.AspNetCore.Http
        {
            public interface IQueryCollection { string? this[string key] { get; } }
            public interface IHeaderDictionary { string? this[string key] { get; } }
            public abstract class HttpRequest
            {
                public abstract IQueryCollection Query { get; set; }
                public abstract IHeaderDictionary Headers { get; }
                public abstract System.IO.Stream Body { get; set; }
                public abstract bool IsHttps { get; set; }
            }
            public abstract class HttpResponse { public virtual void Redirect(string location) { } }
            public abstract class HttpContext { public abstract HttpRequest Request { get; } public abstract HttpResponse Response { get; } }
            public interface IResult { }
            public static class Results { public static IResult Redirect(string url, bool permanent = false, bool preserveMethod = false) => null!; }
        }
        namespace Microsoft.AspNetCore.Mvc
        {
            [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class ApiControllerAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Parameter)] public sealed class FromBodyAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Parameter)] public sealed class FromServicesAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Property)] public sealed class BindPropertyAttribute : System.Attribute { }
            public interface IActionResult { }
            public interface IUrlHelper { bool IsLocalUrl(string? url); }
            public class RedirectResult : IActionResult { public RedirectResult(string url) { } }
            public abstract class ControllerBase
            {
                public Microsoft.AspNetCore.Http.HttpContext HttpContext { get; set; } = null!;
                public Microsoft.AspNetCore.Http.HttpRequest Request => HttpContext.Request;
                public IUrlHelper Url { get; set; } = null!;
                public virtual RedirectResult Redirect(string url) => new RedirectResult(url);
                public virtual IActionResult LocalRedirect(string localUrl) => null!;
                public virtual IActionResult Ok() => null!;
            }
            public abstract class Controller : ControllerBase { }
        }
        namespace Microsoft.AspNetCore.Builder
        {
            public interface IEndpointRouteBuilder { }
            public static class EndpointRouteBuilderExtensions
            {
                public static object MapGet(this IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
            }
        }
        """;

    public const string Logging = """
        namespace Microsoft.Extensions.Logging
        {
            public interface ILogger { }
            public interface ILogger<out T> : ILogger { }
            public static class LoggerExtensions
            {
                public static void LogInformation(this ILogger logger, string? message, params object?[] args) { }
                public static void LogWarning(this ILogger logger, string? message, params object?[] args) { }
            }
        }
        """;

    public const string DirectoryServices = """
        namespace System.DirectoryServices
        {
            public class DirectorySearcher : System.IDisposable
            {
                public DirectorySearcher() { }
                public DirectorySearcher(string filter) { }
                public string Filter { get; set; } = "";
                public void Dispose() { }
            }
            public class DirectoryEntry : System.IDisposable
            {
                public DirectoryEntry(string path) { }
                public void Dispose() { }
            }
        }
        """;

    public const string SerialPorts = """
        namespace System.IO.Ports
        {
            public class SerialPort { public string ReadLine() => ""; public string ReadExisting() => ""; }
        }
        """;

    public const string Mqtt = """
        namespace MQTTnet
        {
            public class MqttApplicationMessage
            {
                public string Topic { get; set; } = "";
                public byte[] PayloadSegment { get; set; } = System.Array.Empty<byte>();
            }
            public static class MqttApplicationMessageExtensions
            {
                public static string ConvertPayloadToString(this MqttApplicationMessage applicationMessage) => "";
            }
            public sealed class MqttApplicationMessageReceivedEventArgs : System.EventArgs
            {
                public MqttApplicationMessage ApplicationMessage { get; } = new();
            }
            public interface IMqttClient
            {
                event System.Func<MqttApplicationMessageReceivedEventArgs, System.Threading.Tasks.Task> ApplicationMessageReceivedAsync;
            }
        }
        """;

    public const string OpcUa = """
        namespace Opc.Ua
        {
            public sealed class NodeId { public NodeId(string text) { } }
            public class DataValue { public object? Value { get; set; } }
        }
        namespace Opc.Ua.Client
        {
            public interface ISession { Opc.Ua.DataValue ReadValue(Opc.Ua.NodeId nodeId); }
        }
        """;

    public const string Configuration = """
        namespace Microsoft.Extensions.Configuration
        {
            public interface IConfiguration { string? this[string key] { get; set; } }
        }
        """;

    public const string Newtonsoft = """
        namespace Newtonsoft.Json
        {
            public enum TypeNameHandling { None = 0, Objects = 1, Arrays = 2, All = 3, Auto = 4 }
            public class JsonSerializerSettings { public TypeNameHandling TypeNameHandling { get; set; } }
            public static class JsonConvert
            {
                public static object? DeserializeObject(string value, JsonSerializerSettings? settings) => null;
                public static T? DeserializeObject<T>(string value) => default;
            }
        }
        """;
}
