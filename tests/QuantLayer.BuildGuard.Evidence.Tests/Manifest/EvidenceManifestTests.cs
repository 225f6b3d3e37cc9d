using CsCheck;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Manifest;

namespace QuantLayer.BuildGuard.Evidence.Tests.Manifest;

public sealed class EvidenceManifestTests
{
    [Fact]
    public void Output_is_sorted_indented_with_LF_and_a_final_newline()
    {
        var manifest = new EvidenceManifest
        {
            Name = "App",
            Version = "1.0.0",
            SourceDateEpoch = 0,
            Artifacts = new[]
            {
                new ManifestEntry("b.dll", "assembly", new FileDigest(1, "bb", "bbbb")),
                new ManifestEntry("a.dll", "assembly", new FileDigest(2, "aa", "aaaa")),
            },
        };

        var text = System.Text.Encoding.UTF8.GetString(manifest.ToJson());

        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("a.dll", StringComparison.Ordinal) < text.IndexOf("b.dll", StringComparison.Ordinal));
        Assert.Contains("\"sourceDate\": \"1970-01-01T00:00:00Z\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trips_any_manifest_and_serializes_identical_content_identically()
    {
        var entry = Gen.Select(
            Gen.String[Gen.Char.AlphaNumeric, 1, 20],
            Gen.OneOfConst("assembly", "symbols", "sbom", "package"),
            Gen.Long[0, long.MaxValue / 2],
            Gen.Byte.Array[32],
            Gen.Byte.Array[64])
            .Select((path, kind, size, h256, h512) => new ManifestEntry(path + ".bin", kind, new FileDigest(size, Hex.Lower(h256), Hex.Lower(h512))));
        var manifests = Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 30], entry.Array[0, 8], Gen.Long[0, 4_000_000_000])
            .Select((name, entries, epoch) => new EvidenceManifest
            {
                Name = name,
                SourceDateEpoch = epoch,
                Artifacts = entries.GroupBy(e => e.Path).Select(g => g.First()).ToArray(),
            });

        manifests.Sample(manifest =>
        {
            var json = manifest.ToJson();
            var parsed = EvidenceManifest.Parse(json);
            Assert.Equal(manifest.Name, parsed.Name);
            Assert.Equal(manifest.SourceDateEpoch, parsed.SourceDateEpoch);
            Assert.Equal(manifest.Artifacts.OrderBy(a => a.Path, StringComparer.Ordinal), parsed.Artifacts);
            Assert.Equal(json, parsed.ToJson());
        });
    }

    [Fact]
    public void Parse_rejects_a_file_that_is_not_a_manifest()
    {
        Assert.Throws<FormatException>(() => EvidenceManifest.Parse("{\"name\":\"x\"}"u8.ToArray()));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => EvidenceManifest.Parse("{not json"u8.ToArray()));
    }

    [Theory]
    [InlineData("/a/b/", "/a/b/c.dll", "c.dll")]
    [InlineData("/a/b", "/a/b/sub/c.dll", "sub/c.dll")]
    [InlineData("/a/b/", "/a/x/c.dll", "../x/c.dll")]
    [InlineData("/a/b/", "/a/b/with space#.dll", "with space#.dll")]
    [InlineData("/a/b/", "/a/b", "")]
    [InlineData("/a/b", "/a/b/", "")]
    public void Relative_paths_use_forward_slashes(string baseDirectory, string file, string expected)
    {
        Assert.Equal(expected, EvidenceManifest.RelativePath(baseDirectory, file));
    }
}
