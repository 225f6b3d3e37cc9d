using System.Collections;
using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Signing.Keys;

namespace QuantLayer.BuildGuard.Tasks.Tests;

/// <summary>A build engine with registered task objects (the "once per build" memory).</summary>
public sealed class RegisteringEngine : IBuildEngine4
{
    private readonly MockEngine _inner = new();
    private readonly Dictionary<object, object> _objects = new();

    public List<BuildErrorEventArgs> Errors => _inner.Errors;

    public List<BuildWarningEventArgs> Warnings => _inner.Warnings;

    public string Log => _inner.Log;

    public int RegisteredKeys => _objects.Values.OfType<EcPrivateKey>().Count();

    /// <summary>How many registered objects are of type <typeparamref name="T"/>.</summary>
    public int Registered<T>() => _objects.Values.OfType<T>().Count();

    public bool IsRunningMultipleNodes => false;

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => _inner.ProjectFileOfTaskNode;

    public void LogErrorEvent(BuildErrorEventArgs e) => _inner.LogErrorEvent(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => _inner.LogWarningEvent(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => _inner.LogMessageEvent(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) => throw new NotSupportedException();

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) => throw new NotSupportedException();

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) => throw new NotSupportedException();

    public void Yield()
    {
    }

    public void Reacquire()
    {
    }

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) => _objects[key] = obj;

    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _objects.TryGetValue(key, out var value) ? value : null;

    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime)
    {
        _objects.Remove(key, out var value);
        return value;
    }
}
