using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs an analyzer over sources with <c>{|QLBnnnn:…|}</c> markup against the .NET 8 reference
/// assemblies. Extra stub sources (for third-party APIs) and analyzer config can be added.
/// </summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Verifies that exactly the marked diagnostics are reported.</summary>
    public static Task VerifyAnalyzerAsync(string source, params string[] additionalSources)
        => VerifyAnalyzerAsync(source, additionalSources, globalConfig: null);

    /// <summary>Same, with a global analyzer config (e.g. <c>build_property.BuildGuardProfile = Strict</c>).</summary>
    public static Task VerifyAnalyzerAsync(string source, string[] additionalSources, string? globalConfig)
    {
        var test = CreateTest(source, additionalSources, globalConfig);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A configured test, for cases that need more (additional files, expected diagnostics).</summary>
    public static Test CreateTest(string source, string[]? additionalSources = null, string? globalConfig = null)
    {
        var test = new Test { TestCode = source };
        foreach (var extra in additionalSources ?? Array.Empty<string>())
        {
            test.TestState.Sources.Add(extra);
        }

        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        return test;
    }

    /// <summary>The test type, on the .NET 8 reference assemblies.</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        /// <summary>Creates a test.</summary>
        public Test()
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        }
    }
}
