using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>
/// The traceability gate: every security requirement at its current revision has an
/// implementation and a passing test (as its <c>needs</c> say), every mitigation has a passing
/// test. Other kinds can be gated too (<c>BuildGuardTraceGateKinds</c>). One QLB3060 error per item
/// that falls short, saying what is missing.
/// </summary>
public static class TraceGate
{
    /// <summary>The kinds gated by default.</summary>
    public static IReadOnlyList<RequirementKind> DefaultKinds { get; } = new[] { RequirementKind.SecurityRequirement, RequirementKind.Mitigation };

    /// <summary>Parses a kinds list ("security;mitigation"); unknown names are QLB3007 errors.</summary>
    public static IReadOnlyList<RequirementKind> ParseKinds(string? value, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultKinds;
        }

        var kinds = new List<RequirementKind>();
        foreach (var part in value!.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (ItemFields.ParseKind(part) is { } kind)
            {
                kinds.Add(kind);
            }
            else
            {
                diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"BuildGuardTraceGateKinds contains '{part.Trim()}'; use security, functional, threat or mitigation, separated by ';'.");
            }
        }

        return kinds;
    }

    /// <summary>Adds one QLB3060 error per gated item that lacks what it needs; returns how many failed.</summary>
    public static int Evaluate(TraceMatrix matrix, IReadOnlyCollection<RequirementKind> kinds, DiagnosticBag diagnostics, string? registryBase = null)
    {
        var failures = 0;
        foreach (var entry in matrix.Entries)
        {
            var item = entry.Item;
            if (!kinds.Contains(item.Kind))
            {
                continue;
            }

            var reasons = new List<string>();
            if (item.Kind == RequirementKind.Threat)
            {
                if (entry.Status == "unmitigated")
                {
                    reasons.Add(entry.MitigatedBy.Count == 0 ? "no mitigation covers it" : "none of its mitigations (" + string.Join(", ", entry.MitigatedBy) + ") is covered");
                }
            }
            else
            {
                var gateImplementation = item.Kind != RequirementKind.Mitigation && (item.Needs & RequirementNeeds.Implementation) != 0;
                if (gateImplementation && entry.Implementations.Count == 0)
                {
                    reasons.Add("no implementation ([Implements(\"" + item.Id + "\")])");
                }

                if ((item.Needs & RequirementNeeds.Test) != 0 && !entry.Tests.Any(t => t.Result == "passed"))
                {
                    reasons.Add(TestReason(entry, matrix.HasTestResults));
                }

                if (entry.Outdated.Count > 0 && reasons.Count > 0)
                {
                    reasons.Add(entry.Outdated.Count + " link(s) to an older revision: " + string.Join(", ", entry.Outdated.Select(o => o.Symbol + " (rev " + o.Revision + ")")));
                }
            }

            if (reasons.Count == 0)
            {
                continue;
            }

            failures++;
            var file = item.Location.File is { Length: > 0 } f && registryBase is not null ? Path.GetFullPath(Path.Combine(registryBase, f)) : item.Location.File;
            diagnostics.Error(
                BuildDiagnosticIds.TraceGateFailed,
                $"{item.Id} rev {item.Revision} ({RequirementItem.KindName(item.Kind)}) '{item.Title}': {string.Join("; ", reasons)}.",
                file,
                item.Location.Line,
                item.Location.Column);
        }

        return failures;
    }

    private static string TestReason(TraceEntry entry, bool hasResults)
    {
        if (entry.Tests.Count == 0)
        {
            return "no test ([Verifies(\"" + entry.Item.Id + "\")] or a Requirement trait)";
        }

        if (!hasResults)
        {
            return "no test results (run dotnet test)";
        }

        return "no passing test (" + string.Join(", ", entry.Tests.Select(t => t.Name + " " + t.Result)) + ")";
    }
}
