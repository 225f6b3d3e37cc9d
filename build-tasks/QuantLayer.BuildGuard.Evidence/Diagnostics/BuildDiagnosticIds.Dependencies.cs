namespace QuantLayer.BuildGuard.Evidence.Diagnostics;

/// <summary>Dependency licence policy ids (QLB5000–5049).</summary>
public static partial class BuildDiagnosticIds
{
    /// <summary>A shipped package's licence is on BuildGuardDeniedLicenses.</summary>
    public const string LicenseDenied = "QLB5000";

    /// <summary>A shipped package's licence is not on BuildGuardAllowedLicenses.</summary>
    public const string LicenseNotAllowed = "QLB5001";

    /// <summary>A shipped package's licence is unknown or not SPDX, so the allow list cannot be checked.</summary>
    public const string LicenseUnverifiable = "QLB5002";

    /// <summary>A licence policy setting (allow/deny list, BuildGuardPackageLicense) is not valid SPDX.</summary>
    public const string LicensePolicyInvalid = "QLB5003";
}
