using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Io;

public sealed class AtomicFileTests
{
    [Fact]
    public void Writes_new_and_replaces_existing_files_leaving_no_temporary_file()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("out", "x.json");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "two");

        Assert.Equal("two", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(temp.Combine("out")));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_reports_QLB3006_with_the_path()
    {
        using var temp = new TempDirectory();
        temp.Write("blocked", "a file where a folder is needed");
        var path = temp.Combine("blocked", "x.json");
        var diagnostics = new DiagnosticBag();

        Assert.False(AtomicFile.TryWriteAllBytes(path, new byte[] { 1 }, diagnostics));

        var diagnostic = Assert.Single(diagnostics.Items);
        Assert.Equal("QLB3006", diagnostic.Id);
        Assert.Equal(path, diagnostic.File);
        Assert.Equal("a file where a folder is needed", File.ReadAllText(temp.Combine("blocked")));
    }

    [Fact]
    public void Digest_matches_the_platform_hashes()
    {
        using var temp = new TempDirectory();
        var bytes = new byte[200_000];
        new Random(42).NextBytes(bytes);
        var path = temp.Combine("blob.bin");
        File.WriteAllBytes(path, bytes);

        var digest = FileDigest.Compute(path);

        Assert.Equal(bytes.Length, digest.Size);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), digest.Sha256);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA512.HashData(bytes)).ToLowerInvariant(), digest.Sha512);
    }

    [Fact]
    public void Hex_round_trips_and_rejects_bad_input()
    {
        var bytes = new byte[] { 0, 1, 0xab, 0xff };
        Assert.Equal("0001abff", Hex.Lower(bytes));
        Assert.Equal(bytes, Hex.Parse("0001ABff"));
        Assert.Throws<FormatException>(() => Hex.Parse("abc"));
        Assert.Throws<FormatException>(() => Hex.Parse("zz"));
    }
}
