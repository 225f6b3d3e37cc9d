using System.Collections;
using Microsoft.Build.Framework;

namespace QuantLayer.BuildGuard.Tasks.Tests;

/// <summary>A build engine that records what tasks log.</summary>
public sealed class MockEngine : IBuildEngine
{
    /// <summary>Errors logged.</summary>
    public List<BuildErrorEventArgs> Errors { get; } = new();

    /// <summary>Warnings logged.</summary>
    public List<BuildWarningEventArgs> Warnings { get; } = new();

    /// <summary>Messages logged.</summary>
    public List<BuildMessageEventArgs> Messages { get; } = new();

    /// <inheritdoc />
    public bool ContinueOnError => false;

    /// <inheritdoc />
    public int LineNumberOfTaskNode => 0;

    /// <inheritdoc />
    public int ColumnNumberOfTaskNode => 0;

    /// <inheritdoc />
    public string ProjectFileOfTaskNode => "/fake/Project.csproj";

    /// <summary>Everything logged, one line per event, for assertion messages.</summary>
    public string Log => string.Join("\n", Errors.Select(e => "error " + e.Code + ": " + e.Message)
        .Concat(Warnings.Select(w => "warning " + w.Code + ": " + w.Message))
        .Concat(Messages.Select(m => m.Message)));

    /// <inheritdoc />
    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

    /// <inheritdoc />
    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    /// <inheritdoc />
    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    /// <inheritdoc />
    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    /// <inheritdoc />
    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
}
