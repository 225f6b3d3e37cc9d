using System.Reflection;

namespace QuantLayer.BuildGuard.Evidence.Tests;

public sealed class ProductVersionTests
{
    [Theory]
    [InlineData("1.2.3+0123abcd", "1.2.3")]
    [InlineData("0.1.0-e2e.20261129+abc+def", "0.1.0-e2e.20261129")]
    [InlineData("2.4.0", "2.4.0")]
    [InlineData("", "0.0.0")]
    [InlineData("  ", "0.0.0")]
    [InlineData(null, "0.0.0")]
    public void The_version_is_the_informational_version_without_the_commit_suffix(string? informational, string expected)
        => Assert.Equal(expected, ProductVersion.WithoutCommit(informational));

    [Fact]
    public void An_assembly_s_version_is_read_from_its_informational_version_attribute()
    {
        var assembly = typeof(ProductVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(ProductVersion.WithoutCommit(informational), ProductVersion.Of(assembly));
        Assert.DoesNotContain('+', ProductVersion.Of(assembly));
    }
}
