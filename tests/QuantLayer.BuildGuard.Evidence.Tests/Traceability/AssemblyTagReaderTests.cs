using QuantLayer.BuildGuard.Evidence.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class AssemblyTagReaderTests
{
    private const string Ns = "QuantLayer.BuildGuard.Evidence.Tests.Traceability.Tagged.";

    private static readonly IReadOnlyList<TraceTag> Tags = AssemblyTagReader.Read(typeof(Tagged.FrameParser).Assembly.Location)
        .Where(t => t.Symbol.StartsWith(Ns, StringComparison.Ordinal))
        .ToList();

    [Fact]
    public void Implements_on_types_methods_properties_events_and_fields_is_read_with_revisions()
    {
        var implements = Tags.Where(t => t.Relation == TraceRelation.Implements).Select(t => (t.RequirementId, t.Symbol, t.Revision, t.TestName)).OrderBy(t => t.RequirementId, StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                ("SR-1", Ns + "FrameParser", 0, (string?)null),
                ("SR-2", Ns + "FrameParser.Parse", 3, null),
                ("SR-3", Ns + "FrameParser.Limit", 0, null),
                ("SR-4", Ns + "FrameParser.Rejected", 0, null),
                ("SR-5", Ns + "FrameParser.Version", 0, null),
            },
            implements);
        Assert.All(Tags, t => Assert.Equal("QuantLayer.BuildGuard.Evidence.Tests", t.Assembly));
    }

    [Fact]
    public void Class_level_Verifies_covers_each_test_method_and_nested_classes_use_a_plus()
    {
        var verifies = Tags.Where(t => t.Relation == TraceRelation.Verifies).Select(t => (t.RequirementId, t.TestName, t.Revision, t.Source)).OrderBy(t => t.RequirementId, StringComparer.Ordinal).ThenBy(t => t.TestName, StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                ("SR-2", (string?)(Ns + "ParserTests.Rejects_bad_frame"), 2, "[Verifies]"),
                ("SR-6", Ns + "ParserTests+Nested.Inner", 0, "xunit trait"),
                ("SR-9", Ns + "ParserTests.Accepts_valid_frame", 0, "[Verifies]"),
                ("SR-9", Ns + "ParserTests.Rejects_bad_frame", 0, "[Verifies]"),
            },
            verifies);
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_a_BadImageFormatException()
    {
        using var temp = new TestUtilities.TempDirectory();
        var path = temp.Write("not.dll", "MZ but not really");
        Assert.ThrowsAny<BadImageFormatException>(() => AssemblyTagReader.Read(path));
    }
}
