using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Report;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Report;

public sealed class ReportContextTests
{
    [Fact]
    public void An_input_is_recorded_with_the_digest_of_the_bytes_that_were_read_even_if_the_file_changes_afterwards()
    {
        using var temp = new TempDirectory();
        var full = temp.Write("Lib.cdx.json", "{\"read\":true}");
        var context = new ReportContext(temp.Path, new[] { ("Lib.cdx.json", full, EvidenceKinds.Sbom) }, new DiagnosticBag());

        var bytes = context.ReadBytes("Lib.cdx.json", full);
        File.WriteAllText(full, "{\"rewritten\":true}");
        var reference = context.Use("Lib.cdx.json", full, EvidenceKinds.Sbom);

        Assert.Equal("{\"read\":true}", Encoding.UTF8.GetString(bytes!));
        Assert.Equal(FileDigest.Sha256Hex(Encoding.UTF8.GetBytes("{\"read\":true}")), reference!.Sha256);
        Assert.Equal(reference, Assert.Single(context.Inputs));
    }

    [Fact]
    public void An_unreadable_file_is_a_problem_naming_it_and_no_input()
    {
        using var temp = new TempDirectory();
        var full = temp.Combine("missing.cdx.json");
        var diagnostics = new DiagnosticBag();
        var context = new ReportContext(temp.Path, Array.Empty<(string, string, string)>(), diagnostics);

        Assert.Null(context.ReadBytes("missing.cdx.json", full));
        Assert.Null(context.ReadJson("missing.cdx.json", full));

        var problem = Assert.Single(context.Problems);
        Assert.Equal("missing.cdx.json", problem.File);
        Assert.StartsWith("cannot be read (", problem.Message, StringComparison.Ordinal);
        Assert.All(diagnostics.Items, d => Assert.Equal("QLB3090", d.Id));
        Assert.Empty(context.Inputs);
    }
}
