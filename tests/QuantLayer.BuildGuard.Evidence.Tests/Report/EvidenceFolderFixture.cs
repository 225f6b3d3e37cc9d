using System.Security.Cryptography;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Analysis;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Manifest;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Report;

/// <summary>
/// Writes hand-made evidence folders shaped like a build's output: artifacts, buildguard/ with the
/// manifest (by the real writer), analysis summary, trace matrix, SBOM and bundles beside the
/// artifacts, and a repository folder with a disclosure policy and a hardening guide.
/// </summary>
internal sealed class EvidenceFolderFixture : IDisposable
{
    public EvidenceFolderFixture()
    {
        Temp = new TempDirectory("bg-report");
        Output = Temp.Combine("repo", "bin", "Release", "net8.0");
        Repository = Temp.Combine("repo");
        Directory.CreateDirectory(Output);
    }

    public TempDirectory Temp { get; }

    /// <summary>The build's output folder (the report's evidence folder).</summary>
    public string Output { get; }

    /// <summary>The "repository" (no git: no change dates).</summary>
    public string Repository { get; }

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Output, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteRepository(string relative, string content)
    {
        var path = Path.Combine(Repository, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Everything a complete release build writes: every provable requirement has evidence.</summary>
    public EvidenceFolderFixture Complete()
    {
        Write("Lib.dll", "assembly bytes");
        Sbom("Lib.cdx.json", ("Newtonsoft.Json", "13.0.3", "MIT", true), ("Serilog", "3.1.1", "Apache-2.0", true));
        Analysis(new Finding("QLB1100", "warning", "weak hash", "src/A.cs", 3, 5, new Suppression("inSource", "SuppressMessageAttribute", "Legacy protocol checksum, not security")));
        Trace(testResults: true, ("SR-1", "security", "covered"), ("SR-2", "security", "covered"), ("T-1", "threat", "mitigated"), ("M-1", "mitigation", "covered"));
        Bundle("Lib.dll.sigstore.json", "Lib.dll", "Lib.cdx.json");
        Write("buildguard/rebuild-check.json", RebuildCheck(true));
        Write("Lib.change.json", "{\"changeRecordType\": \"https://quantlayer.io/buildguard/change-record/v1\", \"version\": \"1.1.0\"}\n");
        Manifest("Lib", ("Lib.dll", "assembly"), ("Lib.cdx.json", "sbom"), ("buildguard/Lib.analysis.json", "analysis"), ("buildguard/Lib.trace.json", "trace-matrix"), ("Lib.dll.sigstore.json", "sigstore-bundle"));
        WriteRepository("SECURITY.md", "# Security policy\n\nReport vulnerabilities to security@contoso.example.\n");
        WriteRepository("docs/hardening.md", "# Hardening guide\n\nDefense in depth: run with least privilege. Restrict network exposure with firewall rules and segmentation.\nOperation: monitor the logs. Decommissioning: wipe the keys. Accounts: no default password.\n");
        WriteRepository("ledger/entries.jsonl", "{}\n");
        WriteRepository("ledger/checkpoint", "github.com/example/ledger\n1\nAAAA\n");
        return this;
    }

    public void Manifest(string name, params (string Path, string Kind)[] entries)
    {
        var manifest = new EvidenceManifest
        {
            Name = name,
            Version = "1.1.0",
            Configuration = "Release",
            TargetFramework = "net8.0",
            SourceCommit = "0123456789abcdef0123456789abcdef01234567",
            SourceDateEpoch = 1714557600,
            Artifacts = entries.Where(e => e.Kind == "assembly").Select(e => EvidenceManifest.Entry(Output, Path.Combine(Output, e.Path), e.Kind)).ToList(),
            Evidence = entries.Where(e => e.Kind != "assembly").Select(e => EvidenceManifest.Entry(Output, Path.Combine(Output, e.Path), e.Kind)).ToList(),
        };
        var path = Path.Combine(Output, "buildguard", name + ".manifest.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, manifest.ToJson());
    }

    public void Analysis(params Finding[] findings)
    {
        var summary = new AnalysisSummary { Name = "Lib", Tool = "Microsoft (R) Visual C# Compiler 5.9.0", Findings = findings };
        var path = Path.Combine(Output, "buildguard", "Lib.analysis.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, summary.ToJson());
    }

    /// <summary>A CycloneDX 1.6 SBOM; licence null = no licence; "?" = the Unknown named licence.</summary>
    public void Sbom(string file, params (string Name, string Version, string? License, bool Hash)[] components)
    {
        var items = components.Select(c =>
        {
            var license = c.License switch
            {
                null => string.Empty,
                "?" => ", \"licenses\": [{\"license\": {\"name\": \"Unknown\"}}]",
                "Proprietary EULA" => ", \"licenses\": [{\"license\": {\"name\": \"Proprietary EULA\", \"url\": \"https://example.com/eula\"}}]",
                _ => ", \"licenses\": [{\"expression\": \"" + c.License + "\"}]",
            };
            var hash = c.Hash ? ", \"hashes\": [{\"alg\": \"SHA-512\", \"content\": \"" + new string('a', 128) + "\"}]" : string.Empty;
            return $"{{\"type\": \"library\", \"bom-ref\": \"pkg:nuget/{c.Name}@{c.Version}\", \"name\": \"{c.Name}\", \"version\": \"{c.Version}\", \"scope\": \"required\", \"purl\": \"pkg:nuget/{c.Name}@{c.Version}\"{hash}{license}}}";
        });
        Write(file, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"version\": 1, \"metadata\": {\"component\": {\"type\": \"library\", \"bom-ref\": \"lib\", \"name\": \"Lib\", \"version\": \"1.1.0\"}}, \"components\": [" + string.Join(", ", items) + "]}\n");
    }

    public void Trace(bool testResults, params (string Id, string Kind, string Status)[] items)
    {
        var json = items.Select(i =>
            $"{{\"id\": \"{i.Id}\", \"revision\": 1, \"kind\": \"{i.Kind}\", \"title\": \"{i.Id} title\", \"needs\": [], \"status\": \"{i.Status}\", \"missing\": [], \"source\": {{\"file\": \"requirements/r.yaml\", \"line\": 1}}, \"covers\": [], \"derivesFrom\": [], \"mitigatedBy\": [], \"implementations\": [], "
            + $"\"tests\": [{{\"name\": \"Tests.{i.Id}\", \"assembly\": \"Lib.Tests\", \"result\": \"{(i.Status == "failing" ? "failed" : i.Status == "covered" ? "passed" : "not run")}\", \"passed\": 1, \"failed\": 0, \"skipped\": 0}}], \"outdated\": []}}");
        Write(
            "buildguard/Lib.trace.json",
            "{\"traceMatrixType\": \"https://quantlayer.io/buildguard/trace-matrix/v1\", \"name\": \"Lib\", \"testResults\": " + (testResults ? "true" : "false")
            + ", \"summary\": {\"items\": " + items.Length + "}, \"registryFiles\": [\"requirements/r.yaml\"], \"resultFiles\": [" + (testResults ? "\"Lib.trx\"" : string.Empty) + "], \"items\": [" + string.Join(", ", json) + "], \"unknownTags\": []}\n");
    }

    /// <summary>A keyed Sigstore bundle (DSSE, SLSA provenance) over files in the output folder.</summary>
    public void Bundle(string file, params string[] subjects)
    {
        var subjectJson = subjects.Select(s => $"{{\"name\":\"{s}\",\"digest\":{{\"sha256\":\"{FileDigest.Compute(Path.Combine(Output, s)).Sha256}\"}}}}");
        var statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[" + string.Join(",", subjectJson) + "],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{\"buildDefinition\":{\"buildType\":\"https://quantlayer.io/buildguard/buildtype/dotnet/v1\",\"externalParameters\":{},\"internalParameters\":{\"buildGuardProfile\":\"Strict\"}},\"runDetails\":{\"builder\":{\"id\":\"https://quantlayer.io/buildguard/builder/local/v1\"}}}}";
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(statement));
        var signature = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(statement)));
        Write(file, "{\n  \"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\",\n  \"verificationMaterial\": {\n    \"publicKey\": {\n      \"hint\": \"" + KeyHint + "\"\n    }\n  },\n  \"dsseEnvelope\": {\n    \"payload\": \"" + payload + "\",\n    \"payloadType\": \"application/vnd.in-toto+json\",\n    \"signatures\": [\n      {\n        \"sig\": \"" + signature + "\",\n        \"keyid\": \"" + KeyHint + "\"\n      }\n    ]\n  }\n}\n");
    }

    public const string KeyHint = "mWmvl0p4x5mXoT2r0GZ3u6wzyBr4cGXx2bQ0AZbq3jQ=";

    public static string RebuildCheck(bool reproducible) =>
        "{\"reportType\": \"https://quantlayer.io/buildguard/rebuild-check/v1\", \"commit\": \"0123456789abcdef0123456789abcdef01234567\", \"reproducible\": " + (reproducible ? "true" : "false")
        + ", \"filesCompared\": 2, \"filesDifferent\": " + (reproducible ? "0" : "1") + ", \"files\": [{\"path\": \"bin/Release/net8.0/Lib.dll\", \"identical\": " + (reproducible ? "true" : "false") + "}, {\"path\": \"bin/Release/net8.0/Lib.pdb\", \"identical\": true}]}\n";

    public void Dispose() => Temp.Dispose();
}
