// Compiled into this test assembly so AssemblyTagReader reads real metadata written by the C#
// compiler. The attributes are this namespace's own (BuildGuard matches them by name); the
// "Fact"/"Theory" attributes are stand-ins so xunit does not run these methods.
#pragma warning disable CA1018, CA1813, CA1019, CA1034, CA1822, CS0067
namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability.Tagged
{
    [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)]
    internal sealed class ImplementsAttribute : System.Attribute
    {
        public ImplementsAttribute(string id) => Id = id;

        public string Id { get; }

        public int Revision { get; set; }
    }

    [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)]
    internal sealed class VerifiesAttribute : System.Attribute
    {
        public VerifiesAttribute(string id) => Id = id;

        public string Id { get; }

        public int Revision { get; set; }
    }

    internal sealed class FactAttribute : System.Attribute
    {
    }

    internal sealed class TheoryAttribute : System.Attribute
    {
    }

    [Implements("SR-1")]
    public sealed class FrameParser
    {
        [Implements("SR-2", Revision = 3)]
        public void Parse()
        {
        }

        [Implements("SR-3")]
        public int Limit { get; set; }

        [Implements("SR-4")]
        public event System.EventHandler? Rejected;

        [Implements("SR-5")]
        public const int Version = 1;
    }

    [Verifies("SR-9")]
    public sealed class ParserTests
    {
        [Fact]
        public void Accepts_valid_frame()
        {
        }

        [Theory]
        [Verifies("SR-2", Revision = 2)]
        public void Rejects_bad_frame(int length)
        {
            _ = length;
        }

        public void Helper()
        {
        }

        public sealed class Nested
        {
            [Fact]
            [Xunit.Trait("Requirement", "SR-6")]
            [Xunit.Trait("Category", "SR-7")]
            public void Inner()
            {
            }
        }
    }
}
