using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

public sealed class PackageUrlAndUuidTests
{
    [Theory]
    [InlineData("Newtonsoft.Json", "13.0.3", "pkg:nuget/Newtonsoft.Json@13.0.3")]
    [InlineData("My.Pkg", "1.0.0-beta.1+build.5", "pkg:nuget/My.Pkg@1.0.0-beta.1%2Bbuild.5")]
    [InlineData("App", null, "pkg:nuget/App")]
    public void NuGet_purls_follow_the_purl_spec(string id, string? version, string purl)
    {
        Assert.Equal(purl, PackageUrl.NuGet(id, version));
        var parsed = PackageUrl.Parse(purl);
        Assert.Equal(("nuget", id, version), (parsed.Type, parsed.Name, parsed.Version));
    }

    [Fact]
    public void Uuid_v5_matches_the_RFC_test_vector()
    {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), NameBasedUuid.Create(dns, "www.example.com"));
    }
}
