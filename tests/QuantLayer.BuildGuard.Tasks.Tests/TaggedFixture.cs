// Tagged code compiled into this test assembly, read back by TraceRequirements from its metadata.
// The attributes are this namespace's own (BuildGuard matches them by name); "Fact" is a stand-in
// so xunit does not run these methods.
#pragma warning disable CA1018, CA1813, CA1019, CA1822
namespace QuantLayer.BuildGuard.Tasks.Tests.Tagged
{
    [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)]
    internal sealed class ImplementsAttribute : System.Attribute
    {
        public ImplementsAttribute(string id) => Id = id;

        public string Id { get; }
    }

    [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)]
    internal sealed class VerifiesAttribute : System.Attribute
    {
        public VerifiesAttribute(string id) => Id = id;

        public string Id { get; }
    }

    internal sealed class FactAttribute : System.Attribute
    {
    }

    public sealed class Gateway
    {
        [Implements("SR-1")]
        public void VerifyMac()
        {
        }

        [Implements("SR-2")]
        public void ExpireSessions()
        {
        }
    }

    public sealed class GatewayTests
    {
        [Fact]
        [Verifies("SR-1")]
        public void Mac_is_checked()
        {
        }

        [Fact]
        [Verifies("SR-2")]
        public void Session_expires()
        {
        }
    }
}
