namespace QuantLayer.BuildGuard.Evidence.Diagnostics;

/// <summary>SBOM ids (QLB3010–3029).</summary>
public static partial class BuildDiagnosticIds
{
    /// <summary>project.assets.json is missing, unreadable or corrupt: the SBOM lists only what is known.</summary>
    public const string SbomAssetsFileUnreadable = "QLB3010";

    /// <summary>The assets file has no restore result for the target framework (and runtime) being built.</summary>
    public const string SbomTargetMissing = "QLB3011";

    /// <summary>A resolved package is in none of the package folders.</summary>
    public const string SbomPackageFolderMissing = "QLB3012";

    /// <summary>A package folder has no .nupkg.sha512.</summary>
    public const string SbomPackageHashMissing = "QLB3013";

    /// <summary>A package folder's .nupkg.sha512 differs from the hash restore recorded.</summary>
    public const string SbomPackageHashMismatch = "QLB3014";

    /// <summary>A package's nuspec is missing or not valid XML.</summary>
    public const string SbomNuspecUnreadable = "QLB3015";

    /// <summary>A nuspec's licence expression is not a valid SPDX expression.</summary>
    public const string SbomLicenseExpressionInvalid = "QLB3016";

    /// <summary>A package's licence could not be identified as SPDX.</summary>
    public const string SbomLicenseUnknown = "QLB3017";

    /// <summary>An SBOM to read (merge, verify) is missing or not CycloneDX JSON.</summary>
    public const string SbomUnreadable = "QLB3018";

    /// <summary>Two SBOMs describe the same package (purl) with different hashes.</summary>
    public const string SbomMergeConflict = "QLB3019";
}
