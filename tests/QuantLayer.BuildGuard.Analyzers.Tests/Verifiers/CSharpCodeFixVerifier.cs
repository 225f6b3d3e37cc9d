using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Verifiers;

/// <summary>Runs a code fix (and its fix-all) over marked source and compares with the fixed source.</summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Verifies the diagnostics of <paramref name="source"/> and that fixing all gives <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, params string[] additionalSources)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        foreach (var extra in additionalSources)
        {
            test.TestState.Sources.Add(extra);
            test.FixedState.Sources.Add(extra);
        }

        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The test type, on the .NET 8 reference assemblies.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        /// <summary>Creates a test.</summary>
        public Test()
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        }
    }
}
