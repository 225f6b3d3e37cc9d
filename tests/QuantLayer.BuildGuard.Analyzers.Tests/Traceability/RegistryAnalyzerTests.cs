using QuantLayer.BuildGuard.Analyzers.Traceability;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Traceability;

public sealed class RegistryAnalyzerTests
{
    private const string Source = "class C { }";

    [Fact]
    public async Task Duplicate_and_malformed_ids_and_unknown_links_fire_in_the_registry_file_at_their_line()
    {
        const string registry = """
            requirements:
              - id: SR-1
                title: One
              - id: {|#0:SR-1|}
                title: Again
              - id: {|#1:12|} bad
                title: Broken id
            mitigations:
              - id: {|#2:M-1|}
                covers: [T-9]
            """;
        var test = TraceabilityTest.Create<RegistryAnalyzer>(Source, null, ("requirements.yaml", registry));
        test.ExpectedDiagnostics.Add(TraceabilityTest.Diagnostic("QLB2003").WithLocation(0).WithArguments("Duplicate id 'SR-1': it is already defined at /0/requirements.yaml(2,9). Give this item its own id, or remove one of the two."));
        test.ExpectedDiagnostics.Add(TraceabilityTest.Diagnostic("QLB2002").WithLocation(1).WithArguments("'12 bad' is not a valid requirement id: use a letter, then letters and digits in groups joined by '-', '_' or '.' (for example SR-12 or REQ_3.1), at most 64 characters."));
        test.ExpectedDiagnostics.Add(TraceabilityTest.Diagnostic("QLB2007").WithLocation(2).WithArguments("M-1 covers 'T-9', which is not in the registry."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Duplicates_across_files_are_reported_in_the_second_file()
    {
        var test = TraceabilityTest.Create<RegistryAnalyzer>(
            Source,
            null,
            ("a.yaml", "requirements:\n  - id: SR-1\n"),
            ("b.csv", "Id,Title\n{|#0:sr-1|},Same id in other case\n"));
        test.ExpectedDiagnostics.Add(TraceabilityTest.Diagnostic("QLB2003").WithLocation(0).WithArguments("Duplicate id 'sr-1': it is already defined at /0/a.yaml(2,9) as 'SR-1' (ids differ only in case). Give this item its own id, or remove one of the two."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_file_that_does_not_parse_fires_with_line_and_what_is_wrong()
    {
        const string registry = """
            requirements:
              - id: SR-1
                title: {|#0:&anchor|} value
            """;
        var test = TraceabilityTest.Create<RegistryAnalyzer>(Source, null, ("requirements.yaml", registry));
        test.ExpectedDiagnostics.Add(TraceabilityTest.Diagnostic("QLB2004").WithLocation(0).WithArguments("Anchors (&) and aliases (*) are not part of the BuildGuard YAML subset; repeat the value instead."));
        await test.RunAsync();
    }

    [Fact]
    public async Task An_unknown_kind_fires_at_the_value()
    {
        var test = TraceabilityTest.Create<RegistryAnalyzer>(Source, null, ("r.md", "| Id | Kind |\n|---|---|\n| SR-1 | {|#0:wish|} |\n"));
        test.ExpectedDiagnostics.Add(TraceabilityTest.Diagnostic("QLB2004").WithLocation(0).WithArguments("The kind of SR-1 is 'wish'; use security, functional, threat or mitigation."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_valid_registry_and_files_that_are_not_registry_files_are_silent()
    {
        var test = TraceabilityTest.Create<RegistryAnalyzer>(Source, null, ("requirements.yaml", TraceabilityTest.Registry));
        test.TestState.AdditionalFiles.Add(("/0/notes.txt", "- id: [broken"));
        await test.RunAsync();
    }
}
