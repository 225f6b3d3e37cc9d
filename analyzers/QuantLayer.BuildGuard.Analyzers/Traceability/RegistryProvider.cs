using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Analyzers.Traceability;

/// <summary>The registry of one compilation, with the additional files it was read from.</summary>
internal sealed class RegistrySnapshot
{
    public RegistrySnapshot(RequirementRegistry registry, ImmutableArray<AdditionalText> files)
    {
        Registry = registry;
        Files = files;
    }

    public RequirementRegistry Registry { get; }

    public ImmutableArray<AdditionalText> Files { get; }

    /// <summary>True when the project declares registry files (BuildGuardRequirements).</summary>
    public bool HasRegistry => !Files.IsEmpty;
}

/// <summary>
/// Reads the registry files the package passes as AdditionalFiles (metadata
/// <c>BuildGuardRequirementFile=true</c>) with the shared parsers. Each file is parsed once per
/// content (path and checksum, so also across compilations in the compiler server and the IDE), and the combined registry once per
/// compilation, however many traceability analyzers ask.
/// </summary>
internal static class RegistryProvider
{
    /// <summary>The analyzer config key the package sets for registry files.</summary>
    public const string MetadataKey = "build_metadata.AdditionalFiles.BuildGuardRequirementFile";

    private static readonly ConditionalWeakTable<AdditionalText, FileEntry> FileCache = new();
    private static readonly ConditionalWeakTable<Compilation, RegistrySnapshot> CompilationCache = new();
    private static readonly Dictionary<string, RegistryFileResult> ContentCache = new(StringComparer.Ordinal);

    public static RegistrySnapshot Get(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (CompilationCache.TryGetValue(compilation, out var cached))
        {
            return cached;
        }

        var files = ImmutableArray.CreateBuilder<AdditionalText>();
        foreach (var file in options.AdditionalFiles)
        {
            if (IsRegistryFile(file, options))
            {
                files.Add(file);
            }
        }

        var results = new List<RegistryFileResult>(files.Count);
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            results.Add(Parse(file, cancellationToken));
        }

        var snapshot = new RegistrySnapshot(RequirementRegistry.Create(results), files.ToImmutable());
        return CompilationCache.GetValue(compilation, _ => snapshot);
    }

    public static bool IsRegistryFile(AdditionalText file, AnalyzerOptions options)
        => options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(MetadataKey, out var value)
           && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The location of a registry position in an additional file: the token that starts at the
    /// column (a quoted value to its closing quote, otherwise up to a blank or separator), or the
    /// whole line when the column is unknown.
    /// </summary>
    public static Location ToLocation(RegistryLocation location, AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null || location.Line <= 0 || location.Line > text.Lines.Count)
        {
            return Location.Create(file.Path, default, default);
        }

        var line = text.Lines[location.Line - 1];
        var start = location.Column > 0 ? Math.Min(line.Start + location.Column - 1, line.End) : line.Start;
        var end = location.Column > 0 ? TokenEnd(text, start, line.End) : line.End;
        var span = TextSpan.FromBounds(start, end);
        return Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
    }

    private static int TokenEnd(SourceText text, int start, int lineEnd)
    {
        if (start >= lineEnd)
        {
            return lineEnd;
        }

        var first = text[start];
        if (first is '"' or '\'')
        {
            for (var i = start + 1; i < lineEnd; i++)
            {
                if (text[i] == first)
                {
                    return i + 1;
                }
            }

            return lineEnd;
        }

        if (first == '<')
        {
            for (var i = start + 1; i < lineEnd; i++)
            {
                if (text[i] == '>')
                {
                    return i + 1;
                }
            }

            return lineEnd;
        }

        var end = start;
        while (end < lineEnd && text[end] is not (' ' or '\t' or ',' or ';' or '|' or ']' or '}'))
        {
            end++;
        }

        return end == start ? Math.Min(start + 1, lineEnd) : end;
    }

    private static RegistryFileResult Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (FileCache.TryGetValue(file, out var entry) && ReferenceEquals(entry.Text, text))
        {
            return entry.Result;
        }

        RegistryFileResult result;
        if (text is null)
        {
            result = new RegistryFileResult(file.Path, Array.Empty<RequirementItem>(), new[]
            {
                new RegistryProblem(RegistryProblemKind.Unparsable, new RegistryLocation(file.Path, 0, 0), "The registry file cannot be read: check that it exists and that BuildGuardRequirements names it correctly."),
            });
        }
        else
        {
            // The compiler server and the IDE create new AdditionalText objects for unchanged files:
            // a registry file is parsed once per content (path + checksum), not once per compilation.
            var key = file.Path + "|" + Convert.ToBase64String(text.GetChecksum().ToArray());
            lock (ContentCache)
            {
                if (ContentCache.TryGetValue(key, out var cached))
                {
                    result = cached;
                }
                else
                {
                    result = RequirementRegistry.ParseFile(file.Path, text.ToString());
                    if (ContentCache.Count >= 64)
                    {
                        ContentCache.Clear();
                    }

                    ContentCache[key] = result;
                }
            }
        }

        FileCache.Remove(file);
        FileCache.Add(file, new FileEntry(text, result));
        return result;
    }

    private sealed class FileEntry
    {
        public FileEntry(SourceText? text, RegistryFileResult result)
        {
            Text = text;
            Result = result;
        }

        public SourceText? Text { get; }

        public RegistryFileResult Result { get; }
    }
}
