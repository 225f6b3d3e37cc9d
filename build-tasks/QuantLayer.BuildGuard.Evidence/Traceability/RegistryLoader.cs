using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Manifest;
using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>Reads registry files from disk with the shared parsers (the analyzers use the same ones).</summary>
public static class RegistryLoader
{
    /// <summary>
    /// Reads the files (in ordinal order of their paths). Paths in items and problems are relative
    /// to <paramref name="baseDirectory"/> with '/' separators, so the matrix does not depend on
    /// where the repository is checked out. A missing or unreadable file is a QLB3007 error.
    /// </summary>
    public static RequirementRegistry Load(IEnumerable<string> files, string baseDirectory, DiagnosticBag diagnostics)
    {
        var results = new List<RegistryFileResult>();
        foreach (var file in files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Error(BuildDiagnosticIds.InputUnreadable, $"Cannot read the requirement registry file: {ex.Message} Check BuildGuardRequirements.", file);
                continue;
            }

            results.Add(RequirementRegistry.ParseFile(EvidenceManifest.RelativePath(baseDirectory, file), text));
        }

        return RequirementRegistry.Create(results);
    }

    /// <summary>Reports the registry's problems as QLB3061 warnings with the full path, line and column.</summary>
    public static void Report(RequirementRegistry registry, string baseDirectory, DiagnosticBag diagnostics)
    {
        foreach (var problem in registry.Problems)
        {
            var id = problem.Kind switch
            {
                RegistryProblemKind.MalformedId => "QLB2002",
                RegistryProblemKind.DuplicateId => "QLB2003",
                RegistryProblemKind.UnknownLink => "QLB2007",
                _ => "QLB2004",
            };
            diagnostics.Warning(
                BuildDiagnosticIds.RegistryProblem,
                $"{problem.Message} (see {id})",
                Path.GetFullPath(Path.Combine(baseDirectory, problem.Location.File)),
                problem.Location.Line,
                problem.Location.Column);
        }
    }
}
