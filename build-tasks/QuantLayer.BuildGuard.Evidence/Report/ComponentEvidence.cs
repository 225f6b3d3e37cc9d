using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>
/// Third-party components (SM-9, SM-10): the CycloneDX SBOMs (<c>X.cdx.json</c>) read with the
/// SBOM reader; components counted once per purl (else name and version) across all SBOMs, with
/// their licences (SPDX, named but not SPDX, unknown) and hashes. First-party components (the
/// supplier's own projects) and components outside the shipped scope are counted apart.
/// </summary>
internal sealed class ComponentEvidence
{
    private readonly List<EvidenceFileRef> _refs = new();
    private readonly Dictionary<string, SbomComponent> _components = new(StringComparer.Ordinal);
    private int _unreadable;

    public int Sboms { get; private set; }

    public static ComponentEvidence Read(ReportContext context)
    {
        var result = new ComponentEvidence();
        foreach (var (relative, full, _) in context.OfKind(EvidenceKinds.Sbom))
        {
            result.ReadSbom(context, relative, full);
        }

        foreach (var (relative, full, kind) in context.OfKind(EvidenceKinds.SbomSpdx))
        {
            if (context.Use(relative, full, kind) is { } reference)
            {
                result._refs.Add(reference);
            }
        }

        return result;
    }

    public RequirementResult Result(CatalogueRequirement requirement)
    {
        var thirdParty = _components.Values.Where(c => !c.IsFirstParty).ToList();
        var shipped = thirdParty.Where(c => c.Scope != SbomScope.Excluded).ToList();
        var spdx = shipped.Count(c => c.License?.Kind == SbomLicenseKind.Expression);
        var named = shipped.Count(c => c.License?.Kind == SbomLicenseKind.Named);
        var unknown = shipped.Count(c => c.License is null || c.License.Kind == SbomLicenseKind.Unknown);
        var hashed = shipped.Count(c => c.Hashes.Count > 0);
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("sboms", Sboms),
            ReportFigure.Of("components", thirdParty.Count),
            ReportFigure.Of("componentsShipped", shipped.Count),
            ReportFigure.Of("componentsExcluded", thirdParty.Count - shipped.Count),
            ReportFigure.Of("firstPartyComponents", _components.Count - thirdParty.Count),
            ReportFigure.Of("licensesSpdx", spdx),
            ReportFigure.Of("licensesNamed", named),
            ReportFigure.Of("licensesUnknown", unknown),
            ReportFigure.Of("componentsWithHashes", hashed),
        };
        var notes = new List<string>();
        if (unknown > 0)
        {
            var names = shipped.Where(c => c.License is null || c.License.Kind == SbomLicenseKind.Unknown).Select(Key).OrderBy(n => n, StringComparer.Ordinal).Take(10);
            notes.Add($"{unknown} shipped component(s) have no known licence: {string.Join(", ", names)}{(unknown > 10 ? ", ..." : string.Empty)}. Declare them with BuildGuardPackageLicense.");
        }

        if (hashed < shipped.Count)
        {
            notes.Add($"{shipped.Count - hashed} shipped component(s) have no hash in the SBOM.");
        }

        if (_unreadable > 0)
        {
            notes.Add($"{_unreadable} SBOM file(s) could not be read (see problems).");
        }

        notes.Add("Vulnerabilities of these components are not assessed in this report (SVV-3, DM).");
        RequirementStatus status;
        string summary;
        if (Sboms == 0)
        {
            status = RequirementStatus.Missing;
            summary = _unreadable > 0 ? "No readable CycloneDX SBOM." : "No CycloneDX SBOM (X.cdx.json): the externally provided components are not listed.";
        }
        else
        {
            status = _unreadable == 0 && hashed == shipped.Count ? RequirementStatus.Found : RequirementStatus.Partial;
            summary = $"{Sboms} CycloneDX SBOM(s) list {shipped.Count} shipped third-party component(s): {spdx} with an SPDX licence, {named} with a named non-SPDX licence, {unknown} unknown.";
        }

        return new RequirementResult
        {
            Requirement = requirement,
            Status = status,
            Summary = summary,
            Figures = figures,
            Evidence = IntegrityEvidence.Sorted(_refs),
            Notes = notes,
        };
    }

    private static string Key(SbomComponent component)
        => component.Purl ?? (component.Name + (component.Version is null ? string.Empty : "@" + component.Version));

    private void ReadSbom(ReportContext context, string relative, string full)
    {
        if (context.ReadBytes(relative, full) is not { } bytes)
        {
            _unreadable++;
            return;
        }

        SbomDocument document;
        try
        {
            document = CycloneDxReader.Read(bytes);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            _unreadable++;
            context.Problem(relative, full, "is not a CycloneDX JSON SBOM (" + ex.Message.TrimEnd('.') + ")");
            return;
        }

        Sboms++;
        if (context.Use(relative, full, EvidenceKinds.Sbom) is { } reference)
        {
            _refs.Add(reference);
        }

        var stack = new Stack<SbomComponent>(document.Components);
        while (stack.Count > 0)
        {
            var component = stack.Pop();
            var key = Key(component);
            if (!_components.TryGetValue(key, out var known) || Better(component, known))
            {
                _components[key] = component;
            }

            foreach (var child in component.Components)
            {
                stack.Push(child);
            }
        }
    }

    // One component in several SBOMs (a package in two frameworks): keep the most informative
    // view, independent of the order the SBOMs were read in.
    private static bool Better(SbomComponent candidate, SbomComponent known)
    {
        static int Rank(SbomComponent c) => (c.Scope == SbomScope.Excluded ? 0 : 4) + (c.License is { Kind: SbomLicenseKind.Expression } ? 2 : c.License is { Kind: SbomLicenseKind.Named } ? 1 : 0) + (c.Hashes.Count > 0 ? 8 : 0);
        return Rank(candidate) > Rank(known);
    }
}
