using CsCheck;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class MarkdownRegistryParserTests
{
    [Fact]
    public void Tables_with_an_id_column_are_read_and_prose_and_other_tables_are_ignored()
    {
        const string markdown = """
            # Security requirements

            Some prose with a | pipe.

            | Term | Meaning |
            |------|---------|
            | MAC  | Message authentication code |

            | Id | Rev | Title | Kind | Needs |
            |:---|:---:|-------|------|-------|
            | `SR-1` | 3 | **Frames carry a MAC** | security | implementation, test |
            | SR-2 | | Values with a \| pipe | functional | implementation |

            ```
            | Id | Title |
            |----|-------|
            | SR-99 | in a code block |
            ```

            ## Threats

            | ID | Title | Kind | Covers |
            | --- | --- | --- | --- |
            | T-1 | Spoofing | threat | |
            | M-1 | MAC check | mitigation | T-1 |
            """;
        var result = MarkdownRegistryParser.Parse("reqs.md", markdown);

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "SR-1", "SR-2", "T-1", "M-1" }, result.Items.Select(i => i.Id));
        Assert.Equal(3, result.Items[0].Revision);
        Assert.Equal("Frames carry a MAC", result.Items[0].Title);
        Assert.Equal("Values with a | pipe", result.Items[1].Title);
        Assert.Equal(new RegistryLocation("reqs.md", 11, 3), result.Items[0].Location);
        Assert.Equal(new[] { "T-1" }, result.Items[3].Covers);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_a_problem_at_its_line()
    {
        var result = MarkdownRegistryParser.Parse("r.md", "| Id | Title |\n|---|---|\n| SR-1 | a | b |\n| SR-2 | ok |\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Location.Line);
        Assert.Contains("3 cells", problem.Message, StringComparison.Ordinal);
        Assert.Equal("SR-2", Assert.Single(result.Items).Id);
    }

    [Fact]
    public void Items_written_as_a_table_round_trip()
    {
        Gen.Select(Generators.Items, Gen.Bool).Sample((items, pad) =>
        {
            var sp = pad ? " " : string.Empty;
            var md = new System.Text.StringBuilder("# Registry\n\n|Id|Revision|Title|Kind|Needs|Covers|\n|-|-|-|-|-|-|\n");
            foreach (var item in items)
            {
                md.Append('|').Append(sp).Append(item.Id).Append(sp).Append('|').Append(item.Revision).Append('|')
                    .Append(MarkdownRegistryParser.EscapeCell(item.Title)).Append('|').Append(item.Kind).Append('|')
                    .Append(item.Needs.Length == 0 ? "none" : string.Join(", ", item.Needs)).Append('|').Append(string.Join(", ", item.Covers)).Append("|\n");
            }

            var result = MarkdownRegistryParser.Parse("gen.md", md.ToString());
            Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems) + "\n" + md);

            // Markdown cells are trimmed, and ** / ` around a whole cell are formatting.
            var expected = items.Select(i => i with { Title = CleanCell(i.Title) }).ToArray();
            Generators.AssertSame(expected, result.Items, md.ToString());
        }, iter: 300);
    }

    private static string CleanCell(string title)
    {
        var text = title.Trim();
        foreach (var marker in new[] { "**", "__", "`" })
        {
            if (text.Length >= 2 * marker.Length && text.StartsWith(marker, StringComparison.Ordinal) && text.EndsWith(marker, StringComparison.Ordinal))
            {
                text = text.Substring(marker.Length, text.Length - (2 * marker.Length)).Trim();
            }
        }

        return text;
    }
}
