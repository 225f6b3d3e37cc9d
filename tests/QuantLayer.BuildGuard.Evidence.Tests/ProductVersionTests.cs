using System.Reflection;

namespace QuantLayer.BuildGuard.Evidence.Tests;

public sealed class ProductVersionTests
{
    [Fact]
    public void The_version_is_the_informational_version_without_the_commit_suffix()
    {
        var assembly = typeof(ProductVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var version = ProductVersion.Of(assembly);

        Assert.DoesNotContain('+', version);
        Assert.StartsWith(version, informational, StringComparison.Ordinal);
        Assert.Equal(informational.Split('+')[0], version);
    }
}
