using NuGet.Versioning;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>A SemVer bump.</summary>
public enum Bump
{
    /// <summary>The same version, or lower.</summary>
    None,

    /// <summary>Only the pre-release label or build metadata changed.</summary>
    Prerelease,

    /// <summary>Patch.</summary>
    Patch,

    /// <summary>Minor.</summary>
    Minor,

    /// <summary>Major.</summary>
    Major,
}

/// <summary>The bump a change needs, the bump made, and why.</summary>
/// <param name="BaselineVersion">The baseline's version.</param>
/// <param name="Version">This release's version.</param>
/// <param name="Actual">The bump made.</param>
/// <param name="Required">The bump the changes need.</param>
/// <param name="Reasons">Why the required bump is needed (breaking changes, declared breaks, additions).</param>
public sealed record SemVerVerdict(string BaselineVersion, string Version, Bump Actual, Bump Required, IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// True when the bump made is enough. Moving within one pre-release line (2.0.0-beta.1 to
    /// 2.0.0-beta.2 or 2.0.0) always is: SemVer lets pre-releases change freely, and the line's
    /// bump was judged when it started.
    /// </summary>
    public bool Satisfied => Actual >= Required || Actual == Bump.Prerelease;

    /// <summary>The lower-case name of a bump.</summary>
    public static string Name(Bump bump) => bump.ToString().ToLowerInvariant();
}

/// <summary>
/// SemVer 2.0 rules: a breaking change needs a major bump (below 1.0.0, where SemVer says anything
/// may change, a minor bump is accepted, as Cargo and npm's caret ranges treat 0.x); new public API
/// needs at least a minor bump; anything else a patch.
/// </summary>
public static class SemVerPolicy
{
    /// <summary>Decides. <paramref name="breaking"/> and <paramref name="additions"/> describe the changes.</summary>
    public static SemVerVerdict Evaluate(string baselineVersion, string version, IReadOnlyList<string> breaking, int additions)
    {
        var actual = ActualBump(baselineVersion, version);
        var reasons = new List<string>();
        Bump required;
        var baseline = NuGetVersion.TryParse(baselineVersion, out var b) ? b : null;
        if (breaking.Count > 0)
        {
            required = baseline is { Major: 0 } ? Bump.Minor : Bump.Major;
            reasons.AddRange(breaking);
        }
        else if (additions > 0)
        {
            required = Bump.Minor;
            reasons.Add($"{additions} public API addition(s)");
        }
        else
        {
            required = Bump.Patch;
        }

        return new SemVerVerdict(baselineVersion, version, actual, required, reasons);
    }

    /// <summary>The bump from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Bump ActualBump(string from, string to)
    {
        if (!NuGetVersion.TryParse(from, out var a) || !NuGetVersion.TryParse(to, out var b) || b.CompareTo(a) <= 0)
        {
            return Bump.None;
        }

        if (b.Major > a.Major)
        {
            return Bump.Major;
        }

        if (b.Minor > a.Minor)
        {
            return Bump.Minor;
        }

        if (b.Patch > a.Patch || b.Revision > a.Revision)
        {
            return Bump.Patch;
        }

        // Same numbers, higher version: 1.2.3-beta to 1.2.3-rc or 1.2.3.

        return a.IsPrerelease ? Bump.Prerelease : Bump.None;
    }
}
