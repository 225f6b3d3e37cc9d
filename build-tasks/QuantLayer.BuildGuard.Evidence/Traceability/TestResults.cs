using System.Xml;
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

    /// <summary>
    /// Reads TRX from a stream, streaming (a TRX of 50,000 results is tens of megabytes). Throws
    /// <see cref="XmlException"/> or <see cref="FormatException"/>.
    /// </summary>
    public void AddTrx(Stream stream, string name)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true };
        using var reader = XmlReader.Create(stream, settings);
        reader.MoveToContent();
        if (reader.LocalName != "TestRun")
        {
            throw new FormatException($"the root element is '{reader.LocalName}', expected 'TestRun'");
        }

        var methods = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var results = new List<(string? TestId, string TestName, string? Outcome)>();
        var inResults = false;
        string? unitTestId = null;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "Results")
            {
                inResults = false;
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "Results":
                    inResults = !reader.IsEmptyElement;
                    break;
                case "UnitTestResult" when inResults && reader.Depth == 2:
                    results.Add((reader.GetAttribute("testId"), reader.GetAttribute("testName") ?? string.Empty, reader.GetAttribute("outcome")));
                    break;
                case "UnitTest":
                    unitTestId = reader.GetAttribute("id");
                    break;
                case "TestMethod" when unitTestId is not null:
                    var className = reader.GetAttribute("className") ?? string.Empty;
                    var comma = className.IndexOf(',');
                    if (comma >= 0)
                    {
                        className = className.Substring(0, comma);
                    }

                    var methodName = StripArguments(reader.GetAttribute("name") ?? string.Empty);
                    methods[unitTestId] = className.Trim().Length == 0 ? methodName : className.Trim() + "." + methodName;
                    unitTestId = null;
                    break;
            }
        }

        foreach (var (testId, displayName, outcome) in results)
        {
            var testName = testId is not null && methods.TryGetValue(testId, out var m) ? m : StripArguments(displayName);
            if (testName.Length > 0)
            {
                Add(testName, Outcome(outcome));
            }
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
