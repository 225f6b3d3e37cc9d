using NuGet.Versioning;
using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>One dependency in a diff: name (purl without version), versions before and after, licences.</summary>
public sealed record DependencyChange(string Name, string? Purl, string? FromVersion, string? ToVersion, string? FromLicense, string? ToLicense, string? Scope);

/// <summary>The dependency difference between two SBOMs.</summary>
public sealed class DependencyDiff
{
    /// <summary>Packages only in this release.</summary>
    public List<DependencyChange> Added { get; } = new();

    /// <summary>Packages only in the baseline.</summary>
    public List<DependencyChange> Removed { get; } = new();

    /// <summary>Packages with a higher version.</summary>
    public List<DependencyChange> Upgraded { get; } = new();

    /// <summary>Packages with a lower version.</summary>
    public List<DependencyChange> Downgraded { get; } = new();

    /// <summary>Packages (in both) whose licence changed.</summary>
    public List<DependencyChange> LicenseChanged { get; } = new();

    /// <summary>Licences this release has that the baseline did not (sorted).</summary>
    public List<string> NewLicenses { get; } = new();

    /// <summary>True when nothing changed.</summary>
    public bool IsEmpty => Added.Count + Removed.Count + Upgraded.Count + Downgraded.Count + LicenseChanged.Count == 0;
}

/// <summary>
/// Compares the components of two CycloneDX SBOMs (BuildGuard's own, or any CycloneDX JSON):
/// packages are matched by purl without version (type/namespace/name), else by name; the release's
/// own first-party components are left out. Versions compare by NuGet's SemVer 2.0 rules when they
/// parse, else ordinally.
/// </summary>
public static class SbomDiff
{
    /// <summary>Compares the baseline SBOM with this release's.</summary>
    public static DependencyDiff Compare(SbomDocument baseline, SbomDocument current)
    {
        var before = Index(baseline);
        var after = Index(current);
        var diff = new DependencyDiff();
        foreach (var pair in after)
        {
            var now = pair.Value;
            if (!before.TryGetValue(pair.Key, out var old))
            {
                diff.Added.Add(Change(pair.Key, null, now));
                continue;
            }

            var order = CompareVersions(old.Version, now.Version);
            if (order < 0)
            {
                diff.Upgraded.Add(Change(pair.Key, old, now));
            }
            else if (order > 0)
            {
                diff.Downgraded.Add(Change(pair.Key, old, now));
            }

            if (License(old) != License(now))
            {
                diff.LicenseChanged.Add(Change(pair.Key, old, now));
            }
        }

        foreach (var pair in before)
        {
            if (!after.ContainsKey(pair.Key))
            {
                diff.Removed.Add(Change(pair.Key, pair.Value, null));
            }
        }

        var oldLicenses = new HashSet<string>(before.Values.Select(License).Where(l => l is not null)!, StringComparer.Ordinal);
        diff.NewLicenses.AddRange(after.Values.Select(License).Where(l => l is not null && !oldLicenses.Contains(l)).Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal)!);
        return diff;
    }

    /// <summary>Compares two version strings: SemVer when both parse, else ordinal.</summary>
    public static int CompareVersions(string? a, string? b)
    {
        if (NuGetVersion.TryParse(a ?? string.Empty, out var va) && NuGetVersion.TryParse(b ?? string.Empty, out var vb))
        {
            return va.CompareTo(vb);
        }

        return string.CompareOrdinal(a, b);
    }

    private static DependencyChange Change(string key, SbomComponent? old, SbomComponent? now)
        => new(key, (now ?? old)!.Purl, old?.Version, now?.Version, old is null ? null : License(old), now is null ? null : License(now), Scope((now ?? old)!));

    private static string? Scope(SbomComponent component) => component.Scope?.ToString().ToLowerInvariant();

    private static string? License(SbomComponent component) => component.License?.Text;

    private static SortedDictionary<string, SbomComponent> Index(SbomDocument document)
    {
        var index = new SortedDictionary<string, SbomComponent>(StringComparer.Ordinal);
        foreach (var component in Flatten(document.Components))
        {
            if (component.IsFirstParty || component.Type is not (SbomComponentType.Library or SbomComponentType.Framework))
            {
                continue;
            }

            var key = Key(component);

            // Several versions of one package (rare: different frameworks): keep the highest.
            if (!index.TryGetValue(key, out var existing) || CompareVersions(existing.Version, component.Version) < 0)
            {
                index[key] = component;
            }
        }

        return index;
    }

    private static IEnumerable<SbomComponent> Flatten(IEnumerable<SbomComponent> components)
        => components.SelectMany(c => new[] { c }.Concat(Flatten(c.Components)));

    private static string Key(SbomComponent component)
    {
        // The package's identity: its purl without the version (Sbom/PackageUrl parses it, so a
        // scoped name such as pkg:npm/%40scope/x or a raw '@' in a namespace stays distinct).
        if (component.Purl is { } purl)
        {
            return PackageUrl.TryParse(purl, out var parsed) ? (parsed! with { Version = null }).ToString().ToLowerInvariant() : purl.ToLowerInvariant();
        }

        return component.Name;
    }
}
