using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>QLB1001: the program and command line of a process (Process.Start, ProcessStartInfo).</summary>
internal static class CommandInjectionRule
{
    private const TaintCategory C = TaintCategory.Command;
    private const string Id = DiagnosticIds.CommandInjection;

    public static TaintRule Rule { get; } = new(Descriptors.CommandInjection, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        yield return TaintRule.Sink(Id, C, "System.Diagnostics.Process", "Start", "fileName", "arguments");
        yield return TaintRule.Sink(Id, C, "System.Diagnostics.ProcessStartInfo", ".ctor", "fileName", "arguments");
        yield return TaintRule.Sink(Id, C, "System.Diagnostics.ProcessStartInfo", "FileName");
        yield return TaintRule.Sink(Id, C, "System.Diagnostics.ProcessStartInfo", "Arguments");
    }
}
