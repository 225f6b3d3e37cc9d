using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class RequirementRegistryTests
{
    [Fact]
    public void Files_of_every_format_combine_and_duplicates_across_files_name_both_places()
    {
        var registry = RequirementRegistry.Create(new[]
        {
            RequirementRegistry.ParseFile("a.yaml", "requirements:\n  - id: SR-1\n    title: One\n"),
            RequirementRegistry.ParseFile("b.csv", "Id,Title\nSR-2,Two\nsr-1,Again\n"),
            RequirementRegistry.ParseFile("c.md", "| Id | Kind | Covers |\n|-|-|-|\n| M-1 | mitigation | T-404 |\n"),
            RequirementRegistry.ParseFile("d.txt", "whatever"),
        });

        Assert.Equal(new[] { "SR-1", "SR-2", "M-1" }, registry.Items.Select(i => i.Id));
        var duplicate = Assert.Single(registry.Problems, p => p.Kind == RegistryProblemKind.DuplicateId);
        Assert.Equal(("b.csv", 3), (duplicate.Location.File, duplicate.Location.Line));
        Assert.Contains("a.yaml(2,9)", duplicate.Message, StringComparison.Ordinal);
        Assert.Single(registry.Problems, p => p.Kind == RegistryProblemKind.UnknownLink && p.Message.Contains("T-404", StringComparison.Ordinal));
        Assert.Single(registry.Problems, p => p.Kind == RegistryProblemKind.Unparsable && p.Location.File == "d.txt");
        Assert.True(registry.HasUnparsableFile);
    }

    [Theory]
    [InlineData("SR-21", "SR-12")]
    [InlineData("sr-12", "SR-12")]
    [InlineData("SR-1", "SR-12")]
    [InlineData("M-1", null)]
    [InlineData("COMPLETELY-ELSE", null)]
    public void The_closest_id_is_a_plausible_typo_or_nothing(string typo, string? expected)
    {
        Assert.Equal(expected, RequirementIds.Closest(typo, new[] { "SR-12", "SR-130", "FR-1" }));
    }

    [Theory]
    [InlineData("SR-12", true)]
    [InlineData("REQ_3.1", true)]
    [InlineData("TD-4-M", true)]
    [InlineData("12", false)]
    [InlineData("SR--1", false)]
    [InlineData("SR-1-", false)]
    [InlineData("SR 1", false)]
    [InlineData("", false)]
    public void Id_syntax(string id, bool valid) => Assert.Equal(valid, RequirementIds.IsWellFormed(id));
}
