using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Evidence.Licensing;

/// <summary>
/// The licence policy: SPDX ids allowed (<c>BuildGuardAllowedLicenses</c>) and denied
/// (<c>BuildGuardDeniedLicenses</c>). Ids compare case-insensitively, as SPDX says. An entry may
/// also be a whole term with an exception (<c>GPL-2.0-only WITH Classpath-exception-2.0</c>).
/// </summary>
public sealed class LicensePolicy
{
    private LicensePolicy(IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> denied)
    {
        Allowed = allowed;
        Denied = denied;
    }

    /// <summary>Allowed ids (empty: no allow list).</summary>
    public IReadOnlyCollection<string> Allowed { get; }

    /// <summary>Denied ids.</summary>
    public IReadOnlyCollection<string> Denied { get; }

    /// <summary>True when there is nothing to check.</summary>
    public bool IsEmpty => Allowed.Count == 0 && Denied.Count == 0;

    /// <summary>
    /// Parses the two ';'-separated lists. An entry that is not an SPDX id or term is a QLB5003
    /// error and is left out.
    /// </summary>
    public static LicensePolicy Parse(string? allowed, string? denied, DiagnosticBag diagnostics)
        => new(ParseList(allowed, "BuildGuardAllowedLicenses", diagnostics), ParseList(denied, "BuildGuardDeniedLicenses", diagnostics));

    /// <summary>
    /// Checks every shipped component (scope required, not built from this solution) of the SBOM:
    /// QLB5000 when every way to satisfy its licence needs a denied licence, QLB5001 when none can
    /// be satisfied with allowed licences alone, QLB5002 when an allow list is set and the licence
    /// is not SPDX. Each message names the package, its licence and the path that pulled it in.
    /// </summary>
    public void Check(SbomDocument document, DiagnosticBag diagnostics, string? file = null)
    {
        if (IsEmpty)
        {
            return;
        }

        var denied = new HashSet<string>(Denied, StringComparer.OrdinalIgnoreCase);
        var allowed = new HashSet<string>(Allowed, StringComparer.OrdinalIgnoreCase);
        foreach (var component in CycloneDxWriter.Sorted(document.Components))
        {
            if (component.Scope == SbomScope.Excluded || component.IsFirstParty)
            {
                continue;
            }

            var label = component.Name + (component.Version is null ? string.Empty : " " + component.Version);
            var license = component.License;
            if (license?.Expression is not { } expression)
            {
                if (allowed.Count > 0)
                {
                    diagnostics.Warning(
                        BuildDiagnosticIds.LicenseUnverifiable,
                        $"{label} ships, but its licence ({Describe(license)}) is not an SPDX expression, so it cannot be checked against BuildGuardAllowedLicenses. Pulled in by: {PathTo(document, component)}. Read its licence and declare it with <BuildGuardPackageLicense Include=\"{component.Name}\" License=\"<SPDX expression>\" />.",
                        file);
                }

                continue;
            }

            var alternatives = expression.Alternatives();
            if (denied.Count > 0 && alternatives.All(a => a.Any(t => Matches(t, denied))))
            {
                var hits = alternatives.SelectMany(a => a).Where(t => Matches(t, denied)).Select(t => t.ToString()).Distinct(StringComparer.OrdinalIgnoreCase);
                diagnostics.Error(
                    BuildDiagnosticIds.LicenseDenied,
                    $"{label} ships under '{license.Text}', which needs {string.Join(", ", hits)} from BuildGuardDeniedLicenses. Pulled in by: {PathTo(document, component)}. Remove or replace the dependency, or change the policy after legal review.",
                    file);
                continue;
            }

            if (allowed.Count > 0 && !alternatives.Any(a => a.All(t => Matches(t, allowed))))
            {
                var missing = alternatives.SelectMany(a => a).Where(t => !Matches(t, allowed)).Select(t => t.ToString()).Distinct(StringComparer.OrdinalIgnoreCase);
                diagnostics.Error(
                    BuildDiagnosticIds.LicenseNotAllowed,
                    $"{label} ships under '{license.Text}', and {string.Join(", ", missing)} is not on BuildGuardAllowedLicenses. Pulled in by: {PathTo(document, component)}. Replace the dependency, or add the licence to the allow list after legal review.",
                    file);
            }
        }
    }

    /// <summary>The shortest dependency path from the SBOM's subject to a component, as "A 1.0 -> B 2.0".</summary>
    public static string PathTo(SbomDocument document, SbomComponent target)
    {
        var start = document.Subject.BomRef;
        var goal = target.BomRef;
        if (start is null || goal is null)
        {
            return target.Name;
        }

        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [start] = null };
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (current == goal)
            {
                break;
            }

            if (!document.Dependencies.TryGetValue(current, out var next))
            {
                continue;
            }

            foreach (var n in next)
            {
                if (!previous.ContainsKey(n))
                {
                    previous[n] = current;
                    queue.Enqueue(n);
                }
            }
        }

        if (!previous.ContainsKey(goal))
        {
            return Label(document, start) + " -> ? -> " + Label(document, goal);
        }

        var path = new List<string>();
        for (string? at = goal; at is not null; at = previous[at])
        {
            path.Add(Label(document, at));
        }

        path.Reverse();
        return string.Join(" -> ", path);
    }

    private static string Label(SbomDocument document, string bomRef)
    {
        var component = document.Find(bomRef);
        return component is null ? bomRef : component.Name + (component.Version is null ? string.Empty : " " + component.Version);
    }

    private static string Describe(SbomLicense? license) => license switch
    {
        null => "none declared",
        { Kind: SbomLicenseKind.Unknown, Url: { } url } => "unknown, " + url,
        { Kind: SbomLicenseKind.Unknown } => "unknown",
        _ => license.Text,
    };

    private static bool Matches(SpdxTerm term, HashSet<string> list)
        => list.Contains(term.ToString()) || (term.Exception is null && list.Contains(term.Id + (term.OrLater ? "+" : string.Empty))) || list.Contains(term.Id);

    private static IReadOnlyCollection<string> ParseList(string? value, string setting, DiagnosticBag diagnostics)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return result;
        }

        foreach (var raw in value!.Split(';'))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (SpdxExpression.TryParse(entry, out var parsed, out var error) && parsed is SpdxTerm term)
            {
                if (!term.IsLicenseRef && SpdxLicenseList.Canonical(term.Id) is null)
                {
                    diagnostics.Error(
                        BuildDiagnosticIds.LicensePolicyInvalid,
                        $"{setting} has '{entry}', which is not an SPDX licence id. Use the ids of the SPDX licence list (for example MIT, Apache-2.0, GPL-3.0-only) or LicenseRef-… for others; the entry is ignored until it is fixed.");
                    continue;
                }

                result.Add(term.ToString());
            }
            else
            {
                diagnostics.Error(
                    BuildDiagnosticIds.LicensePolicyInvalid,
                    $"{setting} has '{entry}', which is not a single SPDX licence id{(error is null ? string.Empty : ": " + error)}. List ids separated by ';' (for example 'MIT;Apache-2.0'); the entry is ignored until it is fixed.");
            }
        }

        return result;
    }
}
