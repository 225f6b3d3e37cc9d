using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Licensing;
using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>What the SBOM tasks share: tools, epoch, licence overrides, the merged subject.</summary>
internal static class SbomTaskHelpers
{
    public static long? ParseEpoch(string? value)
        => long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : null;

    public static IReadOnlyList<SbomTool> Tools(string? sdkVersion)
    {
        var tools = new List<SbomTool>
        {
            new("QuantLayer.BuildGuard", ThisAssembly.InformationalVersion, PackageUrl.NuGet("QuantLayer.BuildGuard", ThisAssembly.InformationalVersion), "QuantLayer"),
        };
        if (!string.IsNullOrWhiteSpace(sdkVersion))
        {
            tools.Add(new SbomTool(".NET SDK", sdkVersion!.Trim(), null, "Microsoft"));
        }

        return tools;
    }

    public static IReadOnlyList<LicenseOverride> ParseOverrides(ITaskItem[] items, DiagnosticBag diagnostics)
    {
        var result = new List<LicenseOverride>();
        foreach (var item in items)
        {
            var license = item.GetMetadata("License");
            var version = item.GetMetadata("Version");
            if (SpdxExpression.TryParse(license, out var expression, out var error))
            {
                result.Add(new LicenseOverride(item.ItemSpec, string.IsNullOrWhiteSpace(version) ? null : version.Trim(), expression!));
            }
            else
            {
                diagnostics.Error(
                    BuildDiagnosticIds.LicensePolicyInvalid,
                    $"BuildGuardPackageLicense '{item.ItemSpec}' has License='{license}', which is not a valid SPDX expression ({error}). Write the licence as SPDX, for example License=\"MIT\" or License=\"Apache-2.0 OR MIT\".");
            }
        }

        return result;
    }

    public static SbomComponent Subject(string name, string? version, string? type, IReadOnlyList<SbomDocument> inputs)
    {
        var v = string.IsNullOrWhiteSpace(version) ? null : version!.Trim();
        var purl = PackageUrl.NuGet(name, v);
        var fromInput = inputs.FirstOrDefault(i => i.Subject.BomRef == purl)?.Subject;
        var subject = new SbomComponent
        {
            Type = type?.Trim().ToLowerInvariant() is "application" or "exe" or "winexe" ? SbomComponentType.Application
                : fromInput?.Type ?? SbomComponentType.Library,
            BomRef = purl,
            Purl = purl,
            Name = name,
            Version = v,
            Description = fromInput?.Description,
            Copyright = fromInput?.Copyright,
            License = fromInput?.License,
            Authors = fromInput?.Authors.ToList() ?? new List<string>(),
            ExternalReferences = fromInput?.ExternalReferences.ToList() ?? new List<SbomExternalReference>(),
        };
        subject.Properties.Add(new SbomProperty(SbomComponent.FirstPartyProperty, "true"));
        return subject;
    }

    public static ITaskItem[] Items(IEnumerable<string> files) => files.Select(f =>
    {
        var item = new TaskItem(f);
        item.SetMetadata("Kind", f.EndsWith(".spdx.json", StringComparison.OrdinalIgnoreCase) ? "sbom-spdx" : "sbom");
        return (ITaskItem)item;
    }).ToArray();
}
