using CsCheck;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

/// <summary>Random registry items for property tests, and how to compare them after a round trip.</summary>
internal static class Generators
{
    public sealed record Item(string Id, int Revision, string Title, string Kind, string[] Needs, string[] Covers);

    private static readonly Gen<string> Id =
        Gen.Select(Gen.OneOfConst("SR", "FR", "T", "M", "REQ", "sec"), Gen.Int[1, 9999], Gen.OneOfConst("", ".1", "-a", "_b2"), (p, n, s) => p + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + s);

    // Titles with the characters that make YAML and CSV quoting hard.
    private static readonly Gen<string> Title = Gen.String[Gen.Char["abcxyz ABC019:#,;\"'-[]{}|>&*!%@`?\\/é中\u00a0"], 1, 60];

    private static readonly Gen<Item> OneItem = Gen.Select(
        Id,
        Gen.Int[1, 20],
        Title,
        Gen.OneOfConst("security", "functional", "mitigation"),
        Gen.OneOfConst(new[] { "implementation", "test" }, new[] { "test" }, new[] { "implementation" }, Array.Empty<string>()),
        Gen.OneOfConst(Array.Empty<string>(), new[] { "T-1" }, new[] { "T-1", "T-2" }),
        (id, revision, title, kind, needs, covers) => new Item(id, revision, title, kind, needs, covers));

    public static Gen<Item[]> Items { get; } = OneItem.Array[1, 12].Select(items => items.GroupBy(i => i.Id.ToUpperInvariant()).Select(g => g.First()).ToArray());

    public static Dictionary<string, object> ToDictionary(Item item)
    {
        var map = new Dictionary<string, object>
        {
            ["id"] = item.Id,
            ["revision"] = item.Revision,
            ["title"] = item.Title,
            ["kind"] = item.Kind,
            ["needs"] = item.Needs.Length == 0 ? new List<string> { "none" } : item.Needs.ToList(),
        };
        if (item.Covers.Length > 0)
        {
            map["covers"] = item.Covers.ToList();
        }

        return map;
    }

    public static void AssertSame(Item[] expected, IReadOnlyList<RequirementItem> actual, string document)
    {
        Assert.True(expected.Length == actual.Count, document);
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Revision, a.Revision);
            Assert.True(ItemFields.OneLine(e.Title) == a.Title, $"title '{e.Title}' read as '{a.Title}' from\n{document}");
            Assert.Equal(e.Kind, RequirementItem.KindName(a.Kind));
            var needs = (e.Needs.Contains("implementation") ? RequirementNeeds.Implementation : RequirementNeeds.None)
                | (e.Needs.Contains("test") ? RequirementNeeds.Test : RequirementNeeds.None);
            Assert.Equal(needs, a.Needs);
            Assert.Equal(e.Covers, a.Covers);
        }
    }
}
