using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using QuantLayer.BuildGuard.Evidence.Reproducibility;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Reproducibility;

public sealed class FileComparerTests
{
    private static readonly byte[] Assembly = File.ReadAllBytes(typeof(FileComparer).Assembly.Location);

    [Fact]
    public void Identical_assemblies_are_identical()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Combine("a.dll"), Assembly);
        File.WriteAllBytes(temp.Combine("b.dll"), Assembly);
        Assert.True(FileComparer.Compare("x.dll", temp.Combine("a.dll"), temp.Combine("b.dll")).Identical);
    }

    [Fact]
    public void A_different_PE_timestamp_is_reported_as_the_PE_header()
    {
        var changed = (byte[])Assembly.Clone();
        var peHeader = BitConverter.ToInt32(changed, 0x3c);
        var timestampOffset = peHeader + 4 + 4; // "PE\0\0", Machine (2), NumberOfSections (2)
        changed[timestampOffset] ^= 0xff;

        var parts = FileComparer.Explain("a.dll", Assembly, changed);

        Assert.Contains(parts, p => p.StartsWith("PE header: timestamp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_different_MVID_is_reported_as_metadata()
    {
        var changed = (byte[])Assembly.Clone();
        using (var reader = new PEReader(new MemoryStream(Assembly)))
        {
            var metadata = reader.GetMetadataReader();
            var mvid = metadata.GetGuid(metadata.GetModuleDefinition().Mvid).ToByteArray();
            var index = IndexOf(changed, mvid);
            Assert.True(index > 0);
            changed[index] ^= 0x01;
        }

        var parts = FileComparer.Explain("a.dll", Assembly, changed);

        Assert.Contains(parts, p => p.StartsWith("metadata (MVID", StringComparison.Ordinal));
    }

    [Fact]
    public void Zip_entries_that_differ_only_in_time_point_to_SOURCE_DATE_EPOCH()
    {
        var a = Zip(("lib/a.dll", "x"u8.ToArray(), new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var b = Zip(("lib/a.dll", "x"u8.ToArray(), new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var parts = FileComparer.Explain("p.nupkg", a, b);

        Assert.Contains(parts, p => p.Contains("SOURCE_DATE_EPOCH", StringComparison.Ordinal));
    }

    [Fact]
    public void Zip_entries_with_different_content_are_named()
    {
        var time = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var a = Zip(("readme.txt", "one\ntwo\n"u8.ToArray(), time), ("only-a.txt", "a"u8.ToArray(), time));
        var b = Zip(("readme.txt", "one\nTWO\n"u8.ToArray(), time));

        var parts = FileComparer.Explain("p.nupkg", a, b);

        Assert.Contains("entry only-a.txt: only in the reference build", parts);
        Assert.Contains(parts, p => p.StartsWith("entry readme.txt: line 2: \"two\" vs \"TWO\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_files_report_the_first_different_line_and_missing_files_are_reported()
    {
        using var temp = new TempDirectory();
        var a = temp.Write("a/x.json", "{\n  \"t\": 1\n}\n");
        var b = temp.Write("b/x.json", "{\n  \"t\": 2\n}\n");

        var comparison = FileComparer.Compare("x.json", a, b);
        Assert.False(comparison.Identical);
        Assert.Equal("line 2: \"  \"t\": 1\" vs \"  \"t\": 2\"", Assert.Single(comparison.Differences));

        var missing = FileComparer.Compare("y.json", a, temp.Combine("b", "y.json"));
        Assert.Equal("missing from the rebuild", Assert.Single(missing.Differences));
    }

    [Fact]
    public void Output_files_are_those_under_bin_configuration_and_artifacts()
    {
        using var temp = new TempDirectory();
        temp.Write("src/A/bin/Release/net8.0/A.dll", "x");
        temp.Write("src/A/bin/Release/A.1.0.0.nupkg", "x");
        temp.Write("src/A/bin/Debug/net8.0/A.dll", "x");
        temp.Write("src/A/obj/Release/net8.0/A.dll", "x");
        temp.Write("artifacts/sbom.cdx.json", "x");
        temp.Write(".git/bin/Release/x", "x");

        Assert.Equal(
            new[] { "artifacts/sbom.cdx.json", "src/A/bin/Release/A.1.0.0.nupkg", "src/A/bin/Release/net8.0/A.dll" },
            RebuildCheck.OutputFiles(temp.Path, "Release"));
    }

    private static byte[] Zip(params (string Name, byte[] Content, DateTimeOffset Time)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, time) in entries)
            {
                var entry = zip.CreateEntry(name);
                entry.LastWriteTime = time;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
