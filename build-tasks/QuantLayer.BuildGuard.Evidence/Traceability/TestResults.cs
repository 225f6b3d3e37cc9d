using System.Xml;
using System.Xml.Linq;
using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>The outcome of one test method over all its cases (theory rows, data rows, target frameworks).</summary>
public sealed record TestOutcome(int Passed, int Failed, int Skipped)
{
    /// <summary>"failed" when any case failed, "passed" when some passed and none failed, else "skipped".</summary>
    public string Result => Failed > 0 ? "failed" : Passed > 0 ? "passed" : "skipped";

    /// <summary>Adds two outcomes.</summary>
    public TestOutcome Add(TestOutcome other) => new(Passed + other.Passed, Failed + other.Failed, Skipped + other.Skipped);
}

/// <summary>
/// Test results by fully qualified test method name (<c>Namespace.Class.Method</c>), read from TRX
/// files. TRX written by xunit carries no traits, so results are joined to the tags read from the
/// test assemblies by name: the TestMethod's class name (without an assembly qualification) and
/// method name (without a parameter list), so every case of a theory counts for its method.
/// </summary>
public sealed class TestResultSet
{
    private readonly Dictionary<string, TestOutcome> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _files = new();

    /// <summary>The result files read.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Results by test name.</summary>
    public IReadOnlyDictionary<string, TestOutcome> ByName => _byName;

    /// <summary>The outcome of a test method, or null when it did not run.</summary>
    public TestOutcome? Find(string testName) => _byName.TryGetValue(testName, out var outcome) ? outcome : null;

    /// <summary>Adds a result.</summary>
    public void Add(string testName, TestOutcome outcome)
        => _byName[testName] = _byName.TryGetValue(testName, out var existing) ? existing.Add(outcome) : outcome;

    /// <summary>Reads a TRX file into the set; problems become QLB3062 warnings with file and line.</summary>
    public bool AddTrx(string path, DiagnosticBag diagnostics, string? displayPath = null)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            AddTrx(stream, displayPath ?? path);
            return true;
        }
        catch (XmlException ex)
        {
            diagnostics.Warning(BuildDiagnosticIds.TestResultsUnreadable, $"The test results file is not valid TRX XML: {ex.Message} Its results are not in the traceability matrix; run the tests again.", path, ex.LineNumber, ex.LinePosition);
        }
        catch (FormatException ex)
        {
            diagnostics.Warning(BuildDiagnosticIds.TestResultsUnreadable, $"The test results file is not a TRX file: {ex.Message} Its results are not in the traceability matrix.", path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Warning(BuildDiagnosticIds.TestResultsUnreadable, $"Cannot read the test results file: {ex.Message}", path);
        }

        return false;
    }

    /// <summary>Reads TRX from a stream. Throws <see cref="XmlException"/> or <see cref="FormatException"/>.</summary>
    public void AddTrx(Stream stream, string name)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(stream, settings);
        var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        var root = document.Root!;
        if (root.Name.LocalName != "TestRun")
        {
            throw new FormatException($"the root element is '{root.Name.LocalName}', expected 'TestRun'");
        }

        var methods = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var unitTest in root.Descendants().Where(e => e.Name.LocalName == "UnitTest"))
        {
            var id = (string?)unitTest.Attribute("id");
            var method = unitTest.Elements().FirstOrDefault(e => e.Name.LocalName == "TestMethod");
            if (id is null || method is null)
            {
                continue;
            }

            var className = (string?)method.Attribute("className") ?? string.Empty;
            var comma = className.IndexOf(',');
            if (comma >= 0)
            {
                className = className.Substring(0, comma);
            }

            var methodName = StripArguments((string?)method.Attribute("name") ?? string.Empty);
            methods[id] = className.Length == 0 ? methodName : className.Trim() + "." + methodName;
        }

        foreach (var result in root.Descendants().Where(e => e.Name.LocalName == "UnitTestResult" && e.Parent?.Name.LocalName == "Results"))
        {
            var testId = (string?)result.Attribute("testId");
            var testName = testId is not null && methods.TryGetValue(testId, out var m) ? m : StripArguments((string?)result.Attribute("testName") ?? string.Empty);
            if (testName.Length == 0)
            {
                continue;
            }

            Add(testName, Outcome((string?)result.Attribute("outcome")));
        }

        _files.Add(name);
    }

    /// <summary>Maps a TRX outcome to passed / failed / skipped counts.</summary>
    public static TestOutcome Outcome(string? outcome) => outcome switch
    {
        "Passed" or "PassedButRunAborted" or "Completed" or "Warning" => new TestOutcome(1, 0, 0),
        "NotExecuted" or "Inconclusive" or "Pending" or "InProgress" or null => new TestOutcome(0, 0, 1),
        _ => new TestOutcome(0, 1, 0),
    };

    private static string StripArguments(string name)
    {
        var paren = name.IndexOf('(');
        return (paren >= 0 ? name.Substring(0, paren) : name).Trim();
    }
}
