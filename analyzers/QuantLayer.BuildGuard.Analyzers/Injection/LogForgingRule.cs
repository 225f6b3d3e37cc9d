using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>
/// QLB1006: the message (template) of Microsoft.Extensions.Logging, System.Diagnostics.Trace and
/// TraceSource, log4net, NLog and Serilog. Structured-logging arguments are not sinks: they are
/// passed as data to the logging provider.
/// </summary>
internal static class LogForgingRule
{
    private const TaintCategory C = TaintCategory.Log;
    private const string Id = DiagnosticIds.LogForging;

    public static TaintRule Rule { get; } = new(Descriptors.LogForging, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        foreach (var method in new[] { "LogTrace", "LogDebug", "LogInformation", "LogWarning", "LogError", "LogCritical", "Log" })
        {
            yield return TaintRule.Sink(Id, C, "Microsoft.Extensions.Logging.LoggerExtensions", method, "message");
        }

        foreach (var method in new[] { "Write", "WriteLine", "WriteIf", "WriteLineIf", "TraceInformation", "TraceWarning", "TraceError", "Fail" })
        {
            yield return TaintRule.Sink(Id, C, "System.Diagnostics.Trace", method, "message", "format");
        }

        yield return TaintRule.Sink(Id, C, "System.Diagnostics.TraceSource", "TraceEvent", "message", "format");
        yield return TaintRule.Sink(Id, C, "System.Diagnostics.TraceSource", "TraceInformation", "message", "format");
        foreach (var method in new[] { "Debug", "Info", "Warn", "Error", "Fatal", "DebugFormat", "InfoFormat", "WarnFormat", "ErrorFormat", "FatalFormat" })
        {
            yield return TaintRule.Sink(Id, C, "log4net.ILog", method, "message", "format");
        }

        foreach (var method in new[] { "Trace", "Debug", "Info", "Warn", "Error", "Fatal", "Log" })
        {
            yield return TaintRule.Sink(Id, C, "NLog.ILogger", method, "message");
            yield return TaintRule.Sink(Id, C, "NLog.Logger", method, "message");
        }

        foreach (var method in new[] { "Verbose", "Debug", "Information", "Warning", "Error", "Fatal", "Write" })
        {
            yield return TaintRule.Sink(Id, C, "Serilog.ILogger", method, "messageTemplate");
            yield return TaintRule.Sink(Id, C, "Serilog.Log", method, "messageTemplate");
        }
    }
}
