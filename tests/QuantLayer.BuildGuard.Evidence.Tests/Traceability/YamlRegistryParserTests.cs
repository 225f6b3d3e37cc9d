using CsCheck;
using QuantLayer.BuildGuard.Traceability;
using YamlDotNet.Serialization;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class YamlRegistryParserTests
{
    [Fact]
    public void The_documented_format_is_read_with_kinds_needs_links_and_lines()
    {
        const string yaml = """
            # Security requirements of the gateway
            version: 1
            requirements:
              - id: SR-12
                revision: 2
                title: "Frames carry a MAC: HMAC-SHA256"
                kind: security
                needs: [implementation, test]
                derives-from: [SR-1]
                description: |
                  Every frame on the wire carries a MAC.
                  Frames with a wrong MAC are dropped.
              - id: SR-1
                title: 'Protocol security, as ''agreed'''
              - id: FR-3
                kind: functional
                needs: implementation   # documented only
                title: >
                  Shows the
                  firmware version
            threats:
              - id: T-1
                title: Spoofed frames
            mitigations:
              - id: M-1
                title: Verify the MAC
                covers:
                  - T-1
            """;
        var result = YamlRegistryParser.Parse("reqs.yaml", yaml);

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "SR-12", "SR-1", "FR-3", "T-1", "M-1" }, result.Items.Select(i => i.Id));
        var sr12 = result.Items[0];
        Assert.Equal(2, sr12.Revision);
        Assert.Equal("Frames carry a MAC: HMAC-SHA256", sr12.Title);
        Assert.Equal(RequirementKind.SecurityRequirement, sr12.Kind);
        Assert.Equal(RequirementNeeds.Implementation | RequirementNeeds.Test, sr12.Needs);
        Assert.Equal(new[] { "SR-1" }, sr12.DerivesFrom);
        Assert.Equal(new RegistryLocation("reqs.yaml", 4, 11 - 2), sr12.Location);
        Assert.Equal("Protocol security, as 'agreed'", result.Items[1].Title);
        Assert.Equal(1, result.Items[1].Revision);
        Assert.Equal(RequirementNeeds.Implementation, result.Items[2].Needs);
        Assert.Equal("Shows the firmware version", result.Items[2].Title);
        Assert.Equal(RequirementKind.Threat, result.Items[3].Kind);
        Assert.Equal(RequirementNeeds.None, result.Items[3].Needs);
        Assert.Equal(RequirementKind.Mitigation, result.Items[4].Kind);
        Assert.Equal(new[] { "T-1" }, result.Items[4].Covers);
    }

    [Theory]
    [InlineData("requirements:\n  - id: SR-1\n\ttitle: x\n", 3, 1, "tab")]
    [InlineData("requirements:\n  - id: SR-1\n    title: \"never closed\n", 3, 12, "never closed")]
    [InlineData("requirements:\n  - id: SR-1\n    title: *alias\n", 3, 12, "aliases")]
    [InlineData("requirements:\n  - id: SR-1\n    title: {a: b}\n", 3, 12, "Flow mappings")]
    [InlineData("requirements:\n  - id: SR-1\n      title: too deep\n", 3, 7, "indent")]
    [InlineData("requirements:\n  - id: SR-1\n    id: SR-2\n", 3, 5, "twice")]
    [InlineData("requirements:\n  - id: SR-1\n    title: [a, b\n", 3, 17, "not closed")]
    [InlineData("requirements:\n  - just a value\n", 2, 5, "mapping")]
    [InlineData("requirements:\n  - id: SR-1\n    revision: two\n", 3, 15, "whole number")]
    [InlineData("requirements:\n  - title: no id\n", 2, 5, "no id")]
    [InlineData("hello\n", 1, 1, "key: value")]
    public void Malformed_input_gives_one_problem_with_line_column_and_what_is_wrong(string yaml, int line, int column, string what)
    {
        var result = YamlRegistryParser.Parse("reqs.yaml", yaml);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(RegistryProblemKind.Unparsable, problem.Kind);
        Assert.Equal(("reqs.yaml", line, column), (problem.Location.File, problem.Location.Line, problem.Location.Column));
        Assert.Contains(what, problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_malformed_id_is_QLB2002_at_the_id()
    {
        var result = YamlRegistryParser.Parse("r.yaml", "requirements:\n  - id: SR 1\n");
        var problem = Assert.Single(result.Problems);
        Assert.Equal(RegistryProblemKind.MalformedId, problem.Kind);
        Assert.Equal(2, problem.Location.Line);
        Assert.Equal(9, problem.Location.Column);
        Assert.Empty(result.Items);
    }

    [Fact]
    public void Documents_written_by_YamlDotNet_round_trip()
    {
        var serializer = new SerializerBuilder().Build();
        Generators.Items.Sample(items =>
        {
            var document = new Dictionary<string, object>
            {
                ["requirements"] = items.Select(Generators.ToDictionary).ToList(),
            };
            var yaml = serializer.Serialize(document);
            var result = YamlRegistryParser.Parse("gen.yaml", yaml);
            Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems) + "\n" + yaml);
            Generators.AssertSame(items, result.Items, yaml);
        }, iter: 300);
    }

    [Fact]
    public void Block_style_documents_written_by_YamlDotNet_with_long_values_round_trip()
    {
        var serializer = new SerializerBuilder().WithIndentedSequences().Build();
        Generators.Items.Sample(items =>
        {
            var yaml = serializer.Serialize(new Dictionary<string, object> { ["requirements"] = items.Select(Generators.ToDictionary).ToList() });
            var result = YamlRegistryParser.Parse("gen.yaml", yaml);
            Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems) + "\n" + yaml);
            Generators.AssertSame(items, result.Items, yaml);
        }, iter: 200);
    }

    [Fact]
    public void Any_text_gives_items_or_problems_but_never_an_exception()
    {
        Gen.String[Gen.Char["-: #[]{}'\"|>&*!\n\t abc\\"], 0, 200].Sample(text =>
        {
            var result = YamlRegistryParser.Parse("fuzz.yaml", "requirements:\n  - id: SR-1\n" + text);
            Assert.All(result.Problems, p => Assert.True(p.Location.Line >= 1, p.ToString()));
        }, iter: 2000);
    }
}
