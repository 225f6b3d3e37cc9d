using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>
/// Merges SBOMs: the per-framework SBOMs of a multi-targeted project into one, the projects of a
/// solution into a release SBOM, a project's SBOMs into its package's. Components are unified by
/// bom-ref (the purl), so each package appears once; the graph is the union of the inputs' graphs;
/// the new subject depends on each input's subject. The result does not depend on the order of the
/// inputs.
/// </summary>
public static class SbomMerger
{
    /// <summary>
    /// Merges <paramref name="inputs"/> under <paramref name="subject"/>. An input whose subject has
    /// the subject's bom-ref (a target framework of the same project) contributes its assembly as a
    /// nested file component; any other input's subject becomes a component the subject depends on.
    /// Two different SHA-512s for one package are a QLB3019 error.
    /// </summary>
    public static SbomDocument Merge(IEnumerable<SbomDocument> inputs, SbomComponent subject, long? timestamp, DiagnosticBag diagnostics, string? outputFile = null)
    {
        var ordered = inputs
            .OrderBy(d => d.Subject.BomRef ?? d.Subject.Name, StringComparer.Ordinal)
            .ThenBy(d => TargetFramework(d) ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Properties.FirstOrDefault(p => p.Name == SbomBuilder.RuntimeIdentifierProperty)?.Value ?? string.Empty, StringComparer.Ordinal)
            .ToList();
        var merged = new SbomDocument
        {
            Subject = subject.Clone(),
            Timestamp = timestamp,
            Complete = ordered.All(d => d.Complete),
        };
        var subjectRef = merged.Subject.BomRef ??= merged.Subject.Purl ?? PackageUrl.NuGet(merged.Subject.Name, merged.Subject.Version);
        merged.DependsOn(subjectRef);
        if (ordered.Count > 0 && ordered.All(IsTestProject))
        {
            merged.Properties.Add(new SbomProperty(SbomBuilder.TestProjectProperty, "true"));
        }

        var components = new Dictionary<string, SbomComponent>(StringComparer.Ordinal);
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in ordered)
        {
            foreach (var tool in input.Tools)
            {
                if (!merged.Tools.Contains(tool))
                {
                    merged.Tools.Add(tool);
                }
            }

            var inputRef = Ref(input.Subject);
            if (inputRef == subjectRef)
            {
                // Another build (target framework) of the subject itself: keep its assembly.
                var tfm = TargetFramework(input);
                if (input.Subject.Hashes.Count > 0 && tfm is not null)
                {
                    var file = new SbomComponent
                    {
                        Type = SbomComponentType.File,
                        BomRef = subjectRef + "#" + tfm,
                        Name = input.Subject.Name + " (" + tfm + ")",
                        Version = input.Subject.Version,
                        Hashes = new List<SbomHash>(input.Subject.Hashes),
                    };
                    file.Properties.Add(new SbomProperty(SbomBuilder.TargetFrameworkProperty, tfm));
                    if (!merged.Subject.Components.Any(c => c.BomRef == file.BomRef))
                    {
                        merged.Subject.Components.Add(file);
                    }
                }

                merged.Subject.License ??= input.Subject.License;
                merged.Subject.Description ??= input.Subject.Description;
            }
            else
            {
                var asComponent = input.Subject.Clone();
                asComponent.BomRef = inputRef;
                asComponent.Scope = IsTestProject(input) ? SbomScope.Excluded : SbomScope.Required;
                Add(components, asComponent, dropped, diagnostics, outputFile);
                merged.AddDependency(subjectRef, inputRef);
            }

            foreach (var component in input.Components)
            {
                var copy = component.Clone();
                copy.BomRef = Ref(component);
                if (copy.BomRef == subjectRef)
                {
                    continue;
                }

                Add(components, copy, dropped, diagnostics, outputFile);
            }

            foreach (var entry in input.Dependencies)
            {
                var from = entry.Key == inputRef ? (inputRef == subjectRef ? subjectRef : inputRef) : entry.Key;
                var set = merged.DependsOn(from);
                foreach (var to in entry.Value)
                {
                    if (to != subjectRef || from != subjectRef)
                    {
                        set.Add(to);
                        merged.DependsOn(to);
                    }
                }
            }
        }

        merged.Components = components.Values.ToList();

        // Keep the graph closed over the document's refs (another tool's SBOM may name refs it does not define).
        var known = new HashSet<string>(merged.Components.Select(c => c.BomRef!), StringComparer.Ordinal) { subjectRef };
        foreach (var key in merged.Dependencies.Keys.ToList())
        {
            if (!known.Contains(key))
            {
                merged.Dependencies.Remove(key);
                merged.Complete = false;
                continue;
            }

            if (merged.Dependencies[key].RemoveWhere(r => !known.Contains(r)) > 0)
            {
                merged.Complete = false;
            }
        }

        return merged;
    }

    /// <summary>The target framework a per-framework SBOM was made for, or null.</summary>
    public static string? TargetFramework(SbomDocument document)
        => document.Properties.FirstOrDefault(p => p.Name == SbomBuilder.TargetFrameworkProperty)?.Value;

    private static bool IsTestProject(SbomDocument document)
        => document.Properties.Any(p => p.Name == SbomBuilder.TestProjectProperty && p.Value == "true");

    private static string Ref(SbomComponent component)
        => component.BomRef ?? component.Purl ?? (component.Name + "@" + component.Version);

    private static void Add(Dictionary<string, SbomComponent> components, SbomComponent component, HashSet<string> dropped, DiagnosticBag diagnostics, string? outputFile)
    {
        var key = component.BomRef!;
        if (!components.TryGetValue(key, out var existing))
        {
            components[key] = component;
            return;
        }

        // Required wins over excluded: something ships if any project ships it.
        if (component.Scope == SbomScope.Required || existing.Scope is null)
        {
            existing.Scope = component.Scope ?? existing.Scope;
        }

        var firstParty = existing.IsFirstParty || component.IsFirstParty;
        foreach (var hash in component.Hashes)
        {
            var current = existing.Hash(hash.Algorithm);
            if (current is null)
            {
                if (!dropped.Contains(key + " " + hash.Algorithm))
                {
                    existing.Hashes.Add(hash);
                }
            }
            else if (!string.Equals(current, hash.Value, StringComparison.OrdinalIgnoreCase))
            {
                if (firstParty)
                {
                    // A project of the solution built for several frameworks: no single hash.
                    existing.Hashes.RemoveAll(h => h.Algorithm == hash.Algorithm);
                    dropped.Add(key + " " + hash.Algorithm);
                }
                else
                {
                    diagnostics.Error(
                        BuildDiagnosticIds.SbomMergeConflict,
                        $"{existing.Name} {existing.Version} ({key}) appears with two different {hash.Algorithm} hashes ({current.Substring(0, Math.Min(16, current.Length))}… and {hash.Value.Substring(0, Math.Min(16, hash.Value.Length))}…): two projects were built against different packages with the same id and version. Restore every project from the same package sources and build again. The merged SBOM keeps the first hash.",
                        outputFile);
                }
            }
        }

        existing.License ??= component.License;
        existing.Description ??= component.Description;
        existing.Copyright ??= component.Copyright;
        existing.Purl ??= component.Purl;
        if (existing.Authors.Count == 0)
        {
            existing.Authors.AddRange(component.Authors);
        }

        foreach (var reference in component.ExternalReferences)
        {
            if (!existing.ExternalReferences.Contains(reference))
            {
                existing.ExternalReferences.Add(reference);
            }
        }

        foreach (var property in component.Properties)
        {
            if (!existing.Properties.Contains(property))
            {
                existing.Properties.Add(property);
            }
        }
    }
}
