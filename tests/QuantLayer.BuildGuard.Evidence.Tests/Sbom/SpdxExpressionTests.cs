using CsCheck;
using QuantLayer.BuildGuard.Evidence.Licensing;

namespace QuantLayer.BuildGuard.Evidence.Tests.Sbom;

public sealed class SpdxExpressionTests
{
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("  MIT   OR  Apache-2.0 ", "MIT OR Apache-2.0")]
    [InlineData("(MIT AND BSD-3-Clause) OR Apache-2.0", "MIT AND BSD-3-Clause OR Apache-2.0")]
    [InlineData("MIT AND (BSD-3-Clause OR Apache-2.0)", "MIT AND (BSD-3-Clause OR Apache-2.0)")]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0")]
    [InlineData("GPL-2.0+", "GPL-2.0+")]
    [InlineData("LicenseRef-Acme", "LicenseRef-Acme")]
    public void Parses_and_normalizes(string text, string normalized)
        => Assert.Equal(normalized, SpdxExpression.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("MIT OR")]
    [InlineData("(MIT")]
    [InlineData("MIT)")]
    [InlineData("mit or apache-2.0")]
    [InlineData("MIT WITH")]
    [InlineData("M+T")]
    [InlineData("MIT AND AND BSD")]
    public void Rejects_what_is_not_SPDX(string text)
        => Assert.False(SpdxExpression.TryParse(text, out _, out var error) && error is null);

    [Fact]
    public void Alternatives_are_the_ways_to_comply()
    {
        var alternatives = SpdxExpression.Parse("MIT AND (GPL-3.0-only OR Apache-2.0)").Alternatives();
        Assert.Equal(new[] { "MIT GPL-3.0-only", "MIT Apache-2.0" }, alternatives.Select(a => string.Join(" ", a)));
    }

    [Fact]
    public void Normalized_text_parses_back_to_itself()
    {
        var id = Gen.OneOfConst("MIT", "Apache-2.0", "BSD-3-Clause", "GPL-2.0-only", "LicenseRef-X1");
        var term = Gen.Select(id, Gen.Bool, Gen.Bool, (i, plus, with) => i + (plus && !i.StartsWith("LicenseRef", StringComparison.Ordinal) ? "+" : string.Empty) + (with ? " WITH Classpath-exception-2.0" : string.Empty));
        var expression = Gen.Recursive<string>((depth, self) => depth >= 3
            ? term
            : Gen.Frequency((3, term), (1, Gen.Select(self, self, Gen.OneOfConst(" AND ", " OR "), (a, b, op) => "(" + a + op + b + ")"))));
        expression.Sample(text =>
        {
            var once = SpdxExpression.Parse(text).ToString();
            Assert.Equal(once, SpdxExpression.Parse(once).ToString());
            Assert.Equal(
                SpdxExpression.Parse(text).Alternatives().Select(a => string.Join("|", a.Select(t => t.ToString()).OrderBy(t => t, StringComparer.Ordinal))).OrderBy(t => t, StringComparer.Ordinal),
                SpdxExpression.Parse(once).Alternatives().Select(a => string.Join("|", a.Select(t => t.ToString()).OrderBy(t => t, StringComparer.Ordinal))).OrderBy(t => t, StringComparer.Ordinal));
        });
    }

    [Theory]
    [InlineData("https://licenses.nuget.org/MIT", "MIT")]
    [InlineData("https://licenses.nuget.org/Apache-2.0%20OR%20MIT", "Apache-2.0 OR MIT")]
    [InlineData("http://opensource.org/licenses/MIT", "MIT")]
    [InlineData("https://www.opensource.org/licenses/mit-license.php", "MIT")]
    [InlineData("http://www.apache.org/licenses/LICENSE-2.0.html", "Apache-2.0")]
    [InlineData("https://spdx.org/licenses/BSD-3-Clause.html", "BSD-3-Clause")]
    [InlineData("https://choosealicense.com/licenses/mit/", "MIT")]
    [InlineData("https://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0-only")]
    [InlineData("https://github.com/dotnet/corefx/blob/master/LICENSE.TXT", "MIT")]
    public void Well_known_licence_urls_map_to_SPDX(string url, string expected)
        => Assert.Equal(expected, LicenseUrlMap.Lookup(url)?.Expression);

    [Theory]
    [InlineData("https://github.com/someone/project/blob/main/LICENSE")]
    [InlineData("https://aka.ms/deprecateLicenseUrl")]
    [InlineData("not a url")]
    [InlineData("https://spdx.org/licenses/NotALicense.html")]
    public void Other_urls_are_not_guessed(string url) => Assert.Null(LicenseUrlMap.Lookup(url)?.Expression);

    [Fact]
    public void The_old_Microsoft_library_licence_is_named_not_unknown()
        => Assert.Equal("Microsoft .NET Library License", LicenseUrlMap.Lookup("http://go.microsoft.com/fwlink/?LinkId=329770")?.Name);
}

public sealed class SpdxLicenseListTests
{
    [Fact]
    public void The_common_ids_are_SPDX_list_ids_for_NuGet_and_for_the_CycloneDX_schema()
    {
        var schema = Path.Combine(QuantLayer.BuildGuard.TestUtilities.NodeInterop.Folder, "node_modules", "@cyclonedx", "cyclonedx-library", "res", "schema", "spdx.SNAPSHOT.schema.json");
        Assert.True(File.Exists(schema), "run 'npm ci --prefix tests/interop' first: " + schema);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(schema));
        var ids = json.RootElement.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal);
        Assert.All(SpdxLicenseList.CommonListedIds, id =>
        {
            Assert.Contains(id, ids);
            Assert.True(SpdxLicenseList.LookUp(id), id + " is not on NuGet's list");
        });
        Assert.False(SpdxLicenseList.IsListed("mit"));
        Assert.False(SpdxLicenseList.IsListed("NotALicense"));
    }
}
