using System.Collections.Immutable;
using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>QLB1002: file and directory APIs, file streams and readers/writers by path, zip extraction, ASP.NET Core physical files.</summary>
internal static class PathTraversalRule
{
    private const TaintCategory C = TaintCategory.Path;
    private const string Id = DiagnosticIds.PathTraversal;

    public static TaintRule Rule { get; } = new(Descriptors.PathTraversal, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        var probes = ImmutableArray.Create("Exists", "GetAttributes", "GetCreationTime", "GetLastWriteTime", "GetLastAccessTime", "GetCreationTimeUtc", "GetLastWriteTimeUtc", "GetLastAccessTimeUtc");
        yield return TaintRule.Sink(Id, C, "System.IO.File", "*", "path", "sourceFileName", "destFileName", "destinationFileName", "destinationBackupFileName", "pathToTarget") with { Except = probes };
        yield return TaintRule.Sink(Id, C, "System.IO.Directory", "*", "path", "sourceDirName", "destDirName", "pathToTarget") with { Except = probes };
        yield return TaintRule.Sink(Id, C, "System.IO.FileStream", ".ctor", "path");
        yield return TaintRule.Sink(Id, C, "System.IO.FileInfo", ".ctor", "fileName");
        yield return TaintRule.Sink(Id, C, "System.IO.DirectoryInfo", ".ctor", "path");
        yield return TaintRule.Sink(Id, C, "System.IO.StreamReader", ".ctor", "path");
        yield return TaintRule.Sink(Id, C, "System.IO.StreamWriter", ".ctor", "path");
        yield return TaintRule.Sink(Id, C, "System.IO.FileInfo", "CopyTo", "destFileName");
        yield return TaintRule.Sink(Id, C, "System.IO.FileInfo", "MoveTo", "destFileName");
        yield return TaintRule.Sink(Id, C, "System.IO.DirectoryInfo", "MoveTo", "destDirName");
        yield return TaintRule.Sink(Id, C, "System.IO.Compression.ZipFile", "ExtractToDirectory", "destinationDirectoryName", "sourceArchiveFileName");
        yield return TaintRule.Sink(Id, C, "System.IO.Compression.ZipFile", "Open", "archiveFileName");
        yield return TaintRule.Sink(Id, C, "System.IO.Compression.ZipFile", "OpenRead", "archiveFileName");
        yield return TaintRule.Sink(Id, C, "System.IO.Compression.ZipFileExtensions", "ExtractToFile", "destinationFileName");
        yield return TaintRule.Sink(Id, C, "System.IO.Compression.ZipFileExtensions", "ExtractToDirectory", "destinationDirectoryName");
        yield return TaintRule.Sink(Id, C, "System.IO.Compression.ZipFileExtensions", "CreateEntryFromFile", "sourceFileName");
        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Mvc.ControllerBase", "PhysicalFile", "physicalPath");
        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Mvc.PhysicalFileResult", ".ctor", "fileName");
        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Http.Results", "File", "path");
        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Http.TypedResults", "PhysicalFile", "path");
        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Http.SendFileResponseExtensions", "SendFileAsync", "fileName");
    }
}
