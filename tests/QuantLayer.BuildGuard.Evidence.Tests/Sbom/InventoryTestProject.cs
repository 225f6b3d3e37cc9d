using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Sbom;
using QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

/// <summary>
/// The restored project the inventory cache and preload tests share: every kind of licence, a
/// transitive edge, a broken licence expression and a private development-only package.
/// </summary>
internal static class InventoryTestProject
{
    /// <summary>The packages of <see cref="Varied"/>, sorted by name.</summary>
    public static readonly string[] PackageNames = { "Broken", "Either", "Filed", "Lib.A", "Lib.B", "Odd", "Serilog", "Tool.Pkg" };

    public static SbomFixture Varied(string prefix) => new SbomFixture(prefix)
        .Package("Serilog", "3.1.1")
        .Package("Lib.A", "2.0.0", deps: new[] { "Lib.B/1.0.0" })
        .Package("Lib.B", "1.0.0", license: "<licenseUrl>http://www.apache.org/licenses/LICENSE-2.0</licenseUrl>")
        .Package("Either", "1.0.0", license: "<license type=\"expression\">MIT OR Apache-2.0 WITH LLVM-exception</license>")
        .Package("Filed", "1.0.0", license: "<license type=\"file\">LICENSE.txt</license>")
        .Package("Odd", "1.0.0", license: "<licenseUrl>https://example.com/my-license.html</licenseUrl>")
        .Package("Broken", "1.0.0", license: "<license type=\"expression\">MIT OR (Apache-2.0</license>")
        .Package("Tool.Pkg", "9.0.0", runtime: false, devDependency: true)
        .Direct("Serilog").Direct("Lib.A").Direct("Either").Direct("Filed").Direct("Odd").Direct("Broken").Direct("Tool.Pkg", privateAssets: true);

    public static ProjectSbomRequest Request(string assets, string? cache, PackageInventoryPreload? preload = null) => new()
    {
        AssetsFile = assets,
        TargetFramework = "net8.0",
        Name = "App",
        Version = "1.2.3",
        Timestamp = 1714557600,
        InventoryCacheFile = cache,
        InventoryPreload = preload,
    };

    /// <summary>The CycloneDX bytes of the request's SBOM and the diagnostics of building it.</summary>
    public static (byte[] Sbom, IReadOnlyList<EvidenceDiagnostic> Diagnostics) Sbom(ProjectSbomRequest request)
    {
        var diagnostics = new DiagnosticBag();
        return (CycloneDxWriter.Write(SbomBuilder.Build(request, diagnostics)), diagnostics.Items);
    }
}
