using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

/// <summary>Writes TRX files shaped like the ones dotnet test's TRX logger writes (TestDefinitions + Results).</summary>
internal static class Trx
{
    public sealed record Case(string ClassName, string Method, string DisplayName, string Outcome);

    public static string Write(params Case[] cases)
    {
        var results = new StringBuilder();
        var definitions = new StringBuilder();
        var n = 0;
        foreach (var c in cases)
        {
            n++;
            var testId = $"00000000-0000-0000-0000-{n:D12}";
            var executionId = $"10000000-0000-0000-0000-{n:D12}";
            results.Append($"""
                    <UnitTestResult executionId="{executionId}" testId="{testId}" testName="{Escape(c.DisplayName)}" computerName="ci" duration="00:00:00.0010000" startTime="2026-01-15T10:00:00.0000000+00:00" endTime="2026-01-15T10:00:00.0010000+00:00" testType="13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b" outcome="{c.Outcome}" testListId="8c84fa94-04c1-424b-9868-57a2d4851a1d" relativeResultsDirectory="{executionId}" />

                """);
            definitions.Append($"""
                    <UnitTest name="{Escape(c.DisplayName)}" storage="/src/tests/bin/tests.dll" id="{testId}">
                      <Execution id="{executionId}" />
                      <TestMethod codeBase="/src/tests/bin/tests.dll" adapterTypeName="executor://xunit/VsTestRunner2/netcoreapp" className="{Escape(c.ClassName)}" name="{Escape(c.Method)}" />
                    </UnitTest>

                """);
        }

        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="5a1d3c55-0000-4000-8000-000000000001" name="ci 2026-01-15 10:00:00" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Times creation="2026-01-15T10:00:00.0000000+00:00" queuing="2026-01-15T10:00:00.0000000+00:00" start="2026-01-15T10:00:00.0000000+00:00" finish="2026-01-15T10:00:01.0000000+00:00" />
              <TestSettings name="default" id="6c4d7e8f-0000-4000-8000-000000000002"><Deployment runDeploymentRoot="ci_2026-01-15_10_00_00" /></TestSettings>
              <Results>
            {results}  </Results>
              <TestDefinitions>
            {definitions}  </TestDefinitions>
              <ResultSummary outcome="Completed"><Counters total="{cases.Length}" /></ResultSummary>
            </TestRun>
            """;
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text)!;
}
