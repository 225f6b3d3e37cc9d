using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Evidence.Tests.Conventions;

/// <summary>Every build / CLI diagnostic id has its page and sits in its range.</summary>
public sealed class BuildDiagnosticConventionTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in BuildDiagnosticIds.All)
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void Ids_are_unique_and_in_the_build_ranges()
    {
        Assert.Equal(BuildDiagnosticIds.All.Count, BuildDiagnosticIds.All.Distinct().Count());
        Assert.All(BuildDiagnosticIds.All, id =>
        {
            Assert.Matches("^QLB[3-5][0-9]{3}$", id);
        });
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_has_a_docs_page_with_the_required_sections(string id)
    {
        var path = RepoPaths.Combine("docs", "rules", id + ".md");
        Assert.True(File.Exists(path), "missing " + path);
        var text = File.ReadAllText(path);
        Assert.StartsWith("# " + id + ":", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Cause", "## Why it matters", "## How to fix", "## How to suppress" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_QLB_code_in_the_package_targets_is_declared()
    {
        var targets = Directory.GetFiles(RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard", "build"), "*.targets");
        foreach (var file in targets)
        {
            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), "Code=\"(QLB[0-9]{4})\""))
            {
                Assert.Contains(match.Groups[1].Value, BuildDiagnosticIds.All);
            }
        }
    }

    [Fact]
    public void Every_rule_page_is_in_the_rules_index()
    {
        var folder = RepoPaths.Combine("docs", "rules");
        var index = File.ReadAllText(Path.Combine(folder, "README.md"));
        var missing = Directory.GetFiles(folder, "QLB*.md")
            .Select(Path.GetFileName)
            .Where(name => !index.Contains("](" + name + ")", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "not in docs/rules/README.md (run python3 tools/rules-index.py): " + string.Join(", ", missing));
    }
}
