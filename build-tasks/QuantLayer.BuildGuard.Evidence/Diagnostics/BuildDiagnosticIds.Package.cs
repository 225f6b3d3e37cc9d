namespace QuantLayer.BuildGuard.Evidence.Diagnostics;

/// <summary>Ids about how the package itself is referenced (QLB3080–3089).</summary>
public static partial class BuildDiagnosticIds
{
    /// <summary>QuantLayer.BuildGuard is referenced without PrivateAssets="all".</summary>
    public const string NotPrivateAssets = "QLB3080";
}
