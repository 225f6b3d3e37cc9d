using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>Which SBOM formats to write (<c>BuildGuardSbomFormat</c>).</summary>
[Flags]
public enum SbomFormat
{
    /// <summary>CycloneDX 1.6 JSON (<c>.cdx.json</c>), the default.</summary>
    CycloneDx = 1,

    /// <summary>SPDX 2.3 JSON (<c>.spdx.json</c>).</summary>
    Spdx = 2,

    /// <summary>Both.</summary>
    Both = CycloneDx | Spdx,
}

/// <summary>Parses the format setting and writes the files.</summary>
public static class SbomFiles
{
    /// <summary>Parses <c>cyclonedx</c>, <c>spdx</c> or <c>both</c> (case-insensitive; empty means cyclonedx). Invalid: QLB3007, null.</summary>
    public static SbomFormat? ParseFormat(string? value, DiagnosticBag diagnostics)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "cyclonedx":
                return SbomFormat.CycloneDx;
            case "spdx":
                return SbomFormat.Spdx;
            case "both":
                return SbomFormat.Both;
            default:
                diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"BuildGuardSbomFormat is '{value}'; use cyclonedx (the default), spdx or both.");
                return null;
        }
    }

    /// <summary>The SPDX file that goes with a CycloneDX path: <c>X.cdx.json</c> → <c>X.spdx.json</c>.</summary>
    public static string SpdxPathFor(string cycloneDxPath)
    {
        const string suffix = ".cdx.json";
        return cycloneDxPath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? cycloneDxPath.Substring(0, cycloneDxPath.Length - suffix.Length) + ".spdx.json"
            : Path.ChangeExtension(cycloneDxPath, ".spdx.json");
    }

    /// <summary>
    /// Writes the document atomically in the requested formats; returns the files written. The
    /// CycloneDX file is always written (it is what merges read back); SPDX only when asked.
    /// </summary>
    public static IReadOnlyList<string> Write(SbomDocument document, string cycloneDxPath, SbomFormat format, DiagnosticBag diagnostics)
    {
        var written = new List<string>();
        if (AtomicFile.TryWriteAllBytes(cycloneDxPath, CycloneDxWriter.Write(document), diagnostics))
        {
            written.Add(cycloneDxPath);
        }

        if ((format & SbomFormat.Spdx) != 0)
        {
            var spdx = SpdxPathFor(cycloneDxPath);
            if (AtomicFile.TryWriteAllBytes(spdx, SpdxWriter.Write(document), diagnostics))
            {
                written.Add(spdx);
            }
        }

        return written;
    }
}
