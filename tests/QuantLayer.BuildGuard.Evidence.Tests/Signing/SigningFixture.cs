using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Signing;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Signing;

/// <summary>A signed release folder: an assembly, its apphost, a CycloneDX SBOM and their bundles.</summary>
internal sealed class SignedRelease : IDisposable
{
    public SignedRelease(EcPrivateKey? key = null)
    {
        Key = key ?? EcPrivateKey.Generate();
        Signer = new EcdsaP256Signer(EcPrivateKey.FromPkcs8(Key.ToPkcs8()), "test key");
        Assembly = Temp.Write("out/App.dll", "MZ assembly bytes " + Guid.NewGuid());
        AppHost = Temp.Write("out/App", "ELF apphost bytes");
        var sha = Evidence.Io.FileDigest.Compute(Assembly).Sha256;
        Sbom = Temp.Write("out/App.cdx.json", Sbom_(sha));
        var diagnostics = new DiagnosticBag();
        Bundles = ArtifactSigner.Sign(
            new ArtifactSet { Primary = Assembly, Others = new[] { AppHost }, Sbom = Sbom },
            Provenance(),
            Signer,
            diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(3, Bundles.Count);
    }

    public TempDirectory Temp { get; } = new();

    public EcPrivateKey Key { get; }

    public EcdsaP256Signer Signer { get; }

    public string Folder => Temp.Combine("out");

    public string Assembly { get; }

    public string AppHost { get; }

    public string Sbom { get; }

    public IReadOnlyList<SignedBundle> Bundles { get; }

    public string ProvenanceBundle => Assembly + ".sigstore.json";

    public static SlsaProvenance Provenance() => new()
    {
        ExternalParameters = new Dictionary<string, string> { ["project"] = "src/App/App.csproj", ["configuration"] = "Release", ["targetFramework"] = "net8.0" },
        InternalParameters = new Dictionary<string, string> { ["buildGuardVersion"] = "0.1.0" },
        ResolvedDependencies = new[] { new ResourceDescriptor(name: "source", uri: "git+https://example.com/app.git", digest: new Dictionary<string, string> { ["gitCommit"] = new string('1', 40) }) },
        SourceDateEpoch = 1714557600,
    };

    public static string Sbom_(string describedSha256) => $$"""
        {
          "bomFormat": "CycloneDX",
          "specVersion": "1.6",
          "version": 1,
          "metadata": { "component": { "type": "application", "name": "App", "hashes": [ { "alg": "SHA-256", "content": "{{describedSha256}}" } ] } },
          "components": [
            { "type": "library", "name": "Newtonsoft.Json", "version": "13.0.3", "purl": "pkg:nuget/Newtonsoft.Json@13.0.3",
              "hashes": [ { "alg": "SHA-512", "content": "{{new string('A', 128)}}" } ] },
            { "type": "library", "name": "NoPurl" }
          ]
        }
        """;

    public void Dispose()
    {
        Signer.Dispose();
        Key.Dispose();
        Temp.Dispose();
    }

    /// <summary>Copies the release folder to a fresh one (for one mutation; CsCheck samples run in parallel).</summary>
    public string CopyTo(string name)
    {
        var target = Temp.Combine(name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Folder))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
