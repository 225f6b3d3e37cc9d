namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>A tool that took part in making the SBOM (BuildGuard, the .NET SDK).</summary>
public sealed record SbomTool(string Name, string? Version, string? Purl = null, string? Author = null);

/// <summary>
/// An SBOM, format-neutral: the subject (<see cref="Subject"/>), its components and the dependency
/// graph. <see cref="CycloneDxWriter"/> and <see cref="SpdxWriter"/> serialize it;
/// <see cref="CycloneDxReader"/> reads it back.
/// </summary>
public sealed class SbomDocument
{
    /// <summary>What the SBOM describes (CycloneDX <c>metadata.component</c>).</summary>
    public required SbomComponent Subject { get; set; }

    /// <summary>Creation time, seconds since 1970-01-01 (SOURCE_DATE_EPOCH), or null to omit it.</summary>
    public long? Timestamp { get; set; }

    /// <summary>Tools that made the SBOM.</summary>
    public List<SbomTool> Tools { get; set; } = new();

    /// <summary>Properties of the SBOM itself (target framework, runtime, ...).</summary>
    public List<SbomProperty> Properties { get; set; } = new();

    /// <summary>Every component except the subject.</summary>
    public List<SbomComponent> Components { get; set; } = new();

    /// <summary>Dependency graph: bom-ref → the bom-refs it depends on directly.</summary>
    public SortedDictionary<string, SortedSet<string>> Dependencies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// True when the inventory is known to be complete (every resolved package with its graph);
    /// false when something could not be read (the SBOM then says "incomplete").
    /// </summary>
    public bool Complete { get; set; } = true;

    /// <summary>The component with a bom-ref (subject included), or null.</summary>
    public SbomComponent? Find(string bomRef)
        => Subject.BomRef == bomRef ? Subject : Components.FirstOrDefault(c => c.BomRef == bomRef);

    /// <summary>Adds an edge (and makes sure both ends have a graph entry).</summary>
    public void AddDependency(string from, string to)
    {
        DependsOn(from).Add(to);
        DependsOn(to);
    }

    /// <summary>The set of direct dependencies of a bom-ref (created empty when missing).</summary>
    public SortedSet<string> DependsOn(string bomRef)
    {
        if (!Dependencies.TryGetValue(bomRef, out var set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            Dependencies[bomRef] = set;
        }

        return set;
    }
}
