namespace QuantLayer.BuildGuard.Evidence.Diagnostics;

/// <summary>How bad a diagnostic is.</summary>
public enum EvidenceSeverity
{
    /// <summary>Informational.</summary>
    Info,

    /// <summary>A warning: evidence is written, something needs attention.</summary>
    Warning,

    /// <summary>An error: the gate fails.</summary>
    Error,
}

/// <summary>
/// A problem found by the evidence core, with the file (and line) it is about and what to do.
/// Tasks log it as an MSBuild diagnostic with the id as code and help link; the CLI prints it.
/// </summary>
public sealed record EvidenceDiagnostic(
    string Id,
    EvidenceSeverity Severity,
    string Message,
    string? File = null,
    int Line = 0,
    int Column = 0)
{
    /// <summary>The documentation page of the id.</summary>
    public string HelpLink => BuildDiagnosticIds.HelpLink(Id);

    /// <summary>Formats the diagnostic the way compilers do: <c>file(line,col): warning QLB3005: message</c>.</summary>
    public override string ToString()
    {
        var where = File is null ? string.Empty
            : Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)}): "
            : File + ": ";
        var kind = Severity switch
        {
            EvidenceSeverity.Error => "error",
            EvidenceSeverity.Warning => "warning",
            _ => "info",
        };
        return $"{where}{kind} {Id}: {Message}";
    }
}

/// <summary>Collects diagnostics from the core; the shell decides how to show them.</summary>
public sealed class DiagnosticBag
{
    private readonly List<EvidenceDiagnostic> _items = new();
    private readonly object _gate = new();

    /// <summary>The diagnostics so far, in the order they were added.</summary>
    public IReadOnlyList<EvidenceDiagnostic> Items
    {
        get
        {
            lock (_gate)
            {
                return _items.ToArray();
            }
        }
    }

    /// <summary>True when an error was added.</summary>
    public bool HasErrors
    {
        get
        {
            lock (_gate)
            {
                return _items.Any(d => d.Severity == EvidenceSeverity.Error);
            }
        }
    }

    /// <summary>Adds a diagnostic.</summary>
    public void Add(EvidenceDiagnostic diagnostic)
    {
        lock (_gate)
        {
            _items.Add(diagnostic);
        }
    }

    /// <summary>Adds a warning.</summary>
    public void Warning(string id, string message, string? file = null, int line = 0, int column = 0)
        => Add(new EvidenceDiagnostic(id, EvidenceSeverity.Warning, message, file, line, column));

    /// <summary>Adds an error.</summary>
    public void Error(string id, string message, string? file = null, int line = 0, int column = 0)
        => Add(new EvidenceDiagnostic(id, EvidenceSeverity.Error, message, file, line, column));

    /// <summary>Adds an informational message.</summary>
    public void Info(string id, string message, string? file = null, int line = 0, int column = 0)
        => Add(new EvidenceDiagnostic(id, EvidenceSeverity.Info, message, file, line, column));
}
