using System.Text;
using CsCheck;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class CsvRegistryParserTests
{
    [Fact]
    public void A_spreadsheet_export_with_aliases_quotes_and_a_multi_line_cell_is_read()
    {
        const string csv = "\uFEFFIdentifier;Rev;Name;Type;Needs;Mitigates;Owner\r\n"
            + "SR-1;2;\"Frames carry a MAC; always\";Security;implementation, test;;Ana\r\n"
            + "M-1;1;\"Verify the MAC\nbefore parsing\";mitigation;test;T-1 T-2;\r\n"
            + "T-1;;\"Spoofed \"\"frames\"\"\";threat;;;\r\n";
        var result = CsvRegistryParser.Parse("export.csv", csv);

        Assert.DoesNotContain(result.Problems, p => p.Kind != RegistryProblemKind.UnknownLink);
        Assert.Equal(new[] { "SR-1", "M-1", "T-1" }, result.Items.Select(i => i.Id));
        Assert.Equal("Frames carry a MAC; always", result.Items[0].Title);
        Assert.Equal(2, result.Items[0].Revision);
        Assert.Equal("Verify the MAC before parsing", result.Items[1].Title);
        Assert.Equal(new[] { "T-1", "T-2" }, result.Items[1].Covers);
        Assert.Equal(RequirementNeeds.Test, result.Items[1].Needs);
        Assert.Equal("Spoofed \"frames\"", result.Items[2].Title);
        Assert.Equal(5, result.Items[2].Location.Line);
    }

    [Theory]
    [InlineData("Id,Title\nSR-1,\"never closed\n", 2, 6, "never closed")]
    [InlineData("Id,Title\nSR-1,a\"b\n", 2, 7, "quote inside")]
    [InlineData("Id,Title\nSR-1,a,extra\n", 2, 1, "3 fields")]
    [InlineData("Owner,Title\nSR-1,a\n", 1, 1, "no id column")]
    [InlineData("Id,Title,Name\nSR-1,a,b\n", 1, 10, "same as an earlier column")]
    [InlineData("Id,Revision\nSR-1,1.5\n", 2, 6, "whole number")]
    public void Malformed_input_gives_a_problem_with_line_column_and_what_is_wrong(string csv, int line, int column, string what)
    {
        var result = CsvRegistryParser.Parse("bad.csv", csv);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((line, column), (problem.Location.Line, problem.Location.Column));
        Assert.Contains(what, problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Files_written_by_an_RFC4180_writer_round_trip()
    {
        Gen.Select(Generators.Items, Gen.OneOfConst(',', ';', '\t'), Gen.Bool).Sample((items, separator, crlf) =>
        {
            var newline = crlf ? "\r\n" : "\n";
            var csv = new StringBuilder();
            csv.Append(string.Join(separator, "Id", "Revision", "Title", "Kind", "Needs", "Covers")).Append(newline);
            foreach (var item in items)
            {
                var cells = new[] { item.Id, item.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Title, item.Kind, item.Needs.Length == 0 ? "none" : string.Join(" ", item.Needs), string.Join(" ", item.Covers) };
                csv.Append(string.Join(separator, cells.Select(c => Rfc4180(c, separator)))).Append(newline);
            }

            var result = CsvRegistryParser.Parse("gen.csv", csv.ToString());
            Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems) + "\n" + csv);
            Generators.AssertSame(items, result.Items, csv.ToString());
        }, iter: 500);
    }

    [Fact]
    public void Any_text_gives_items_or_problems_but_never_an_exception()
    {
        Gen.String[Gen.Char["\",;\n\r abSR-1"], 0, 200].Sample(text =>
        {
            var result = CsvRegistryParser.Parse("fuzz.csv", "Id,Title\n" + text);
            Assert.All(result.Problems, p => Assert.True(p.Location.Line >= 1));
        }, iter: 2000);
    }

    // Written independently of the parser: always quote, double the quotes (RFC 4180 section 2.7).
    private static string Rfc4180(string value, char separator) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
