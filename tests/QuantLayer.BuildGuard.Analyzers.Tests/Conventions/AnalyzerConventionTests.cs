using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

using QuantLayer.BuildGuard.TestUtilities;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Conventions;

/// <summary>Checks every analyzer and descriptor of the assembly, found by reflection.</summary>
public sealed class AnalyzerConventionTests
{
    public static TheoryData<string> AnalyzerTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Analyzers())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in AllDescriptors().Select(d => d.Id).Distinct())
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void The_assembly_has_analyzers()
    {
        Assert.NotEmpty(Analyzers());
    }

    [Theory]
    [MemberData(nameof(AnalyzerTypes))]
    public void Analyzer_is_sealed_csharp_and_derives_from_the_base(string typeName)
    {
        var type = typeof(BuildGuardAnalyzer).Assembly.GetType(typeName)!;
        Assert.True(type.IsSealed, typeName + " must be sealed");
        Assert.True(typeof(BuildGuardAnalyzer).IsAssignableFrom(type), typeName + " must derive from BuildGuardAnalyzer (it honours BuildGuardEnabled)");
        var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
        Assert.NotNull(attribute);
        Assert.Contains(LanguageNames.CSharp, attribute!.Languages);
    }

    [Theory]
    [MemberData(nameof(AnalyzerTypes))]
    public async Task Analyzer_reports_nothing_on_empty_source(string typeName)
    {
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(typeof(BuildGuardAnalyzer).Assembly.GetType(typeName)!)!;
        var compilation = CSharpCompilation.Create(
            "Empty",
            new[] { CSharpSyntaxTree.ParseText(string.Empty) },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(diagnostics);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_has_help_link_title_message_and_category_in_its_range(string id)
    {
        var descriptor = AllDescriptors().First(d => d.Id == id);
        Assert.Matches("^QLB[0-9]{4}$", id);
        Assert.Equal("https://github.com/QuantLayer/BuildGuard/blob/main/docs/rules/" + id + ".md", descriptor.HelpLinkUri);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        var number = int.Parse(id.Substring(3), System.Globalization.CultureInfo.InvariantCulture);
        var expectedCategory = number switch
        {
            >= 1000 and < 1700 => "BuildGuardSecurity",
            >= 2000 and < 2100 => "BuildGuardTraceability",
            _ => throw new Xunit.Sdk.XunitException(id + " is outside the analyzer ranges (QLB1000–1699, QLB2000–2099)"),
        };
        Assert.Equal(expectedCategory, descriptor.Category);
        // Security findings carry their CWE; a configuration-file diagnostic (tag "Configuration") has none.
        if (number < 2000 && !descriptor.CustomTags.Contains("Configuration"))
        {
            Assert.Contains(descriptor.CustomTags, t => Regex.IsMatch(t, "^CWE-[0-9]+$"));
        }
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_has_a_docs_page_with_the_required_sections(string id)
    {
        var path = RepoPaths.Combine("docs", "rules", id + ".md");
        Assert.True(File.Exists(path), "missing " + path);
        var text = File.ReadAllText(path);
        Assert.StartsWith("# " + id + ":", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Cause", "## Why it matters", "## How to fix", "## How to suppress" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_is_in_release_tracking_with_its_category_and_severity(string id)
    {
        var descriptor = AllDescriptors().First(d => d.Id == id);
        var folder = RepoPaths.Combine("analyzers", "QuantLayer.BuildGuard.Analyzers");
        var lines = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")))
            .Where(l => l.StartsWith(id + " ", StringComparison.Ordinal))
            .ToList();
        var line = Assert.Single(lines);
        var cells = line.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
    }

    [Fact]
    public void Every_id_constant_has_a_descriptor_and_ids_are_unique()
    {
        var constants = typeof(BuildGuardAnalyzer).Assembly.GetType("QuantLayer.BuildGuard.Analyzers.DiagnosticIds")!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.Equal(constants.Count, constants.Distinct().Count());
        var described = AllDescriptors().Select(d => d.Id).ToHashSet();
        Assert.All(constants, c => Assert.Contains(c, described));
    }

    [Fact]
    public void Every_descriptor_is_supported_by_some_analyzer()
    {
        var supported = Analyzers()
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Select(d => d.Id)
            .ToHashSet();
        Assert.All(AllDescriptors(), d => Assert.Contains(d.Id, supported));
    }

    private static IReadOnlyList<Type> Analyzers()
        => typeof(BuildGuardAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    private static IReadOnlyList<DiagnosticDescriptor> AllDescriptors()
        => typeof(BuildGuardAnalyzer).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
}
