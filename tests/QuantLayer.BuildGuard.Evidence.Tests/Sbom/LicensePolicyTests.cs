using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Licensing;
using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

public sealed class LicensePolicyTests
{
    private static SbomDocument Graph(string license, SbomScope scope = SbomScope.Required)
    {
        var document = new SbomDocument { Subject = new SbomComponent { Name = "App", Version = "1.0.0", BomRef = "pkg:nuget/App@1.0.0" } };
        document.Components.Add(new SbomComponent { Name = "Middle", Version = "2.0.0", BomRef = "pkg:nuget/Middle@2.0.0", Scope = scope, License = SbomLicense.FromExpression(SpdxExpression.Parse("MIT")) });
        document.Components.Add(new SbomComponent
        {
            Name = "Leaf",
            Version = "3.0.0",
            BomRef = "pkg:nuget/Leaf@3.0.0",
            Scope = scope,
            License = license == "unknown" ? SbomLicense.Unknown("https://example.com/l") : SbomLicense.FromExpression(SpdxExpression.Parse(license)),
        });
        document.AddDependency("pkg:nuget/App@1.0.0", "pkg:nuget/Middle@2.0.0");
        document.AddDependency("pkg:nuget/Middle@2.0.0", "pkg:nuget/Leaf@3.0.0");
        return document;
    }

    [Theory]
    [InlineData("GPL-3.0-only", "QLB5000")]
    [InlineData("MIT AND GPL-3.0-only", "QLB5000")]
    [InlineData("gpl-3.0-only", "QLB5000")]
    [InlineData("MIT OR GPL-3.0-only", null)]
    [InlineData("Apache-2.0", null)]
    public void Denied_licences_fire_only_when_there_is_no_way_around_them(string license, string? expected)
    {
        var diagnostics = new DiagnosticBag();
        LicensePolicy.Parse(null, "GPL-3.0-only;AGPL-3.0-only", diagnostics).Check(Graph(license), diagnostics);
        if (expected is null)
        {
            Assert.Empty(diagnostics.Items);
        }
        else
        {
            var error = Assert.Single(diagnostics.Items);
            Assert.Equal(expected, error.Id);
            Assert.Contains("Leaf 3.0.0", error.Message, StringComparison.Ordinal);
            Assert.Contains("App 1.0.0 -> Middle 2.0.0 -> Leaf 3.0.0", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("MIT", null)]
    [InlineData("MIT OR GPL-2.0-only", null)]
    [InlineData("MIT AND BSD-3-Clause", "QLB5001")]
    [InlineData("LGPL-2.1-only", "QLB5001")]
    [InlineData("unknown", "QLB5002")]
    public void The_allow_list_needs_one_fully_allowed_choice(string license, string? expected)
    {
        var diagnostics = new DiagnosticBag();
        LicensePolicy.Parse("MIT;Apache-2.0", null, diagnostics).Check(Graph(license), diagnostics);
        Assert.Equal(expected, diagnostics.Items.SingleOrDefault()?.Id);
    }

    [Fact]
    public void Development_only_components_are_not_checked()
    {
        var diagnostics = new DiagnosticBag();
        LicensePolicy.Parse("MIT", "GPL-3.0-only", diagnostics).Check(Graph("GPL-3.0-only", SbomScope.Excluded), diagnostics);
        Assert.Empty(diagnostics.Items);
    }

    [Theory]
    [InlineData("Apache2")]
    [InlineData("MIT OR Apache-2.0")]
    [InlineData("GPL 3")]
    public void A_misspelt_policy_entry_is_QLB5003(string entry)
    {
        var diagnostics = new DiagnosticBag();
        var policy = LicensePolicy.Parse("MIT;" + entry, null, diagnostics);
        Assert.Equal("QLB5003", Assert.Single(diagnostics.Items).Id);
        Assert.Equal(new[] { "MIT" }, policy.Allowed);
    }
}
