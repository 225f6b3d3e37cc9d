using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using QuantLayer.BuildGuard.Analyzers.Tests.Verifiers;
using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Traceability;

/// <summary>Builds analyzer tests with registry files marked the way the package marks them.</summary>
internal static class TraceabilityTest
{
    /// <summary>The attribute definitions the package adds to every C# project (the real file).</summary>
    public static string AttributeSource { get; } = File.ReadAllText(RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard", "build", "QuantLayer.BuildGuard.TraceAttributes.cs"));

    /// <summary>Stubs of the test frameworks' trait attributes (same names and constructors as the real ones).</summary>
    public const string FrameworkStubs = """
        namespace Xunit { [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)] public sealed class TraitAttribute : System.Attribute { public TraitAttribute(string name, string value) { } } public sealed class FactAttribute : System.Attribute { } }
        namespace NUnit.Framework { [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)] public class PropertyAttribute : System.Attribute { public PropertyAttribute(string propertyName, string propertyValue) { } public PropertyAttribute(string propertyName, int propertyValue) { } } public sealed class TestAttribute : System.Attribute { } }
        namespace Microsoft.VisualStudio.TestTools.UnitTesting { [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)] public sealed class TestPropertyAttribute : System.Attribute { public TestPropertyAttribute(string name, string value) { } } public sealed class TestMethodAttribute : System.Attribute { } }
        """;

    public const string Registry = """
        requirements:
          - id: SR-12
            revision: 2
            title: Frames carry a MAC
            kind: security
          - id: SR-13
            title: Sessions expire
          - id: FR-1
            title: Show the version
            kind: functional
            needs: implementation
        threats:
          - id: T-1
            title: Spoofed frames
        mitigations:
          - id: M-1
            title: Verify the frame MAC
            covers: [T-1]
        """;

    public static CSharpAnalyzerVerifier<TAnalyzer>.Test Create<TAnalyzer>(string source, string? globalConfig = null, params (string Name, string Text)[] registryFiles)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = CSharpAnalyzerVerifier<TAnalyzer>.CreateTest(source, new[] { AttributeSource, FrameworkStubs }, globalConfig);
        foreach (var (name, text) in registryFiles)
        {
            test.TestState.AdditionalFiles.Add(("/0/" + name, text));
        }

        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.{yaml,yml,md,csv,reqif,json,tm7}]
            build_metadata.AdditionalFiles.BuildGuardRequirementFile = true
            """));
        return test;
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);
}
