using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Licensing;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Writes the SBOM of one target framework of a project (<c>&lt;TargetName&gt;.cdx.json</c>, and
/// <c>.spdx.json</c> when asked) from project.assets.json and the package folders, then checks the
/// licence policy. The work is in the evidence core (<see cref="SbomBuilder"/>).
/// </summary>
public sealed class WriteSbom : BuildGuardTask
{
    /// <summary>$(ProjectAssetsFile).</summary>
    [Required]
    public string AssetsFile { get; set; } = string.Empty;

    /// <summary>$(TargetFramework).</summary>
    [Required]
    public string TargetFramework { get; set; } = string.Empty;

    /// <summary>$(RuntimeIdentifier).</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>The CycloneDX file to write.</summary>
    [Required]
    public string OutputPath { get; set; } = string.Empty;

    /// <summary>cyclonedx (default), spdx or both.</summary>
    public string? Format { get; set; }

    /// <summary>$(PackageId).</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>$(PackageVersion).</summary>
    public string? Version { get; set; }

    /// <summary>$(OutputType).</summary>
    public string? OutputType { get; set; }

    /// <summary>$(IsTestProject).</summary>
    public string? IsTestProject { get; set; }

    /// <summary>The built assembly.</summary>
    public string? AssemblyPath { get; set; }

    /// <summary>$(Description).</summary>
    public string? Description { get; set; }

    /// <summary>$(Authors).</summary>
    public string? Authors { get; set; }

    /// <summary>$(Copyright).</summary>
    public string? Copyright { get; set; }

    /// <summary>$(PackageLicenseExpression).</summary>
    public string? PackageLicenseExpression { get; set; }

    /// <summary>$(PackageProjectUrl).</summary>
    public string? ProjectUrl { get; set; }

    /// <summary>$(RepositoryUrl).</summary>
    public string? RepositoryUrl { get; set; }

    /// <summary>The source commit.</summary>
    public string? SourceCommit { get; set; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>$(NETCoreSdkVersion).</summary>
    public string? SdkVersion { get; set; }

    /// <summary>Built assemblies of project references (@(ReferencePath) from projects), with MSBuildSourceProjectFile.</summary>
    public ITaskItem[] ProjectReferenceAssemblies { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>@(BuildGuardPackageLicense): Include = package id, metadata License and optional Version.</summary>
    public ITaskItem[] LicenseOverrides { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>$(BuildGuardAllowedLicenses).</summary>
    public string? AllowedLicenses { get; set; }

    /// <summary>$(BuildGuardDeniedLicenses).</summary>
    public string? DeniedLicenses { get; set; }

    /// <summary>$(MSBuildProjectFullPath): where licence policy findings are reported.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Where the package inventory is kept between builds (obj/…/&lt;name&gt;.sbom.cache); empty reads project.assets.json every time.</summary>
    public string? InventoryCacheFile { get; set; }

    /// <summary>The files written.</summary>
    [Output]
    public ITaskItem[] SbomFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var format = SbomFiles_ParseFormat();
        var request = new ProjectSbomRequest
        {
            AssetsFile = AssetsFile,
            TargetFramework = TargetFramework,
            RuntimeIdentifier = NullIfEmpty(RuntimeIdentifier),
            Name = Name,
            Version = NullIfEmpty(Version),
            IsApplication = OutputType?.Trim() is { } type && (type.Equals("Exe", StringComparison.OrdinalIgnoreCase) || type.Equals("WinExe", StringComparison.OrdinalIgnoreCase)),
            IsTestProject = IsTrue(IsTestProject),
            AssemblyPath = NullIfEmpty(AssemblyPath),
            Description = NullIfEmpty(Description),
            Authors = NullIfEmpty(Authors),
            Copyright = NullIfEmpty(Copyright),
            LicenseExpression = NullIfEmpty(PackageLicenseExpression),
            ProjectUrl = NullIfEmpty(ProjectUrl),
            RepositoryUrl = NullIfEmpty(RepositoryUrl),
            RepositoryCommit = NullIfEmpty(SourceCommit),
            ProjectReferenceAssemblies = ProjectReferenceAssemblies
                .Where(i => !string.IsNullOrEmpty(i.GetMetadata("MSBuildSourceProjectFile")))
                .GroupBy(i => Path.GetFullPath(i.GetMetadata("MSBuildSourceProjectFile")), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().GetMetadata("FullPath"), StringComparer.Ordinal),
            LicenseOverrides = SbomTaskHelpers.ParseOverrides(LicenseOverrides, Diagnostics),
            Timestamp = SbomTaskHelpers.ParseEpoch(SourceDateEpoch),
            Tools = SbomTaskHelpers.Tools(SdkVersion),
            InventoryCacheFile = NullIfEmpty(InventoryCacheFile),
            InventoryPreload = PreloadSbomInventory.Take(BuildEngine, AssetsFile, TargetFramework, RuntimeIdentifier),
        };
        var policy = LicensePolicy.Parse(AllowedLicenses, DeniedLicenses, Diagnostics);
        if (format is null)
        {
            return;
        }

        var inventory = SbomBuilder.LoadInventory(request, Diagnostics);
        var document = SbomBuilder.Build(request, inventory, Diagnostics);
        policy.Check(document, Diagnostics, NullIfEmpty(ProjectFile) ?? BuildEngine?.ProjectFileOfTaskNode);
        var written = Evidence.Sbom.SbomFiles.Write(document, OutputPath, format.Value, Diagnostics);
        SbomFiles = SbomTaskHelpers.Items(written);
        var source = inventory.Source switch
        {
            PackageInventorySource.Cache => "from the inventory cache",
            PackageInventorySource.Preload => "read while the project compiled",
            _ => "read now",
        };
        Log.LogMessage(MessageImportance.Normal, "BuildGuard: wrote {0} ({1} components; packages {2})", string.Join(", ", written), document.Components.Count, source);
    }

    private SbomFormat? SbomFiles_ParseFormat() => Evidence.Sbom.SbomFiles.ParseFormat(Format, Diagnostics);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
