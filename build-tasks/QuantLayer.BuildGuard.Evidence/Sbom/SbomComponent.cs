namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>CycloneDX component types BuildGuard writes.</summary>
public enum SbomComponentType
{
    /// <summary>A library (every NuGet package, a class library project).</summary>
    Library,

    /// <summary>An application (an executable project).</summary>
    Application,

    /// <summary>A framework.</summary>
    Framework,

    /// <summary>A file (an assembly of a multi-targeted project).</summary>
    File,
}

/// <summary>CycloneDX component scope.</summary>
public enum SbomScope
{
    /// <summary>Ships with the product (the CycloneDX default).</summary>
    Required,

    /// <summary>Used only to build or test it: does not ship.</summary>
    Excluded,

    /// <summary>Optional at run time.</summary>
    Optional,
}

/// <summary>A hash of a component, algorithm in CycloneDX spelling (<c>SHA-256</c>, <c>SHA-512</c>), value in lower-case hex.</summary>
public sealed record SbomHash(string Algorithm, string Value)
{
    /// <summary>CycloneDX name of SHA-256.</summary>
    public const string Sha256 = "SHA-256";

    /// <summary>CycloneDX name of SHA-512.</summary>
    public const string Sha512 = "SHA-512";
}

/// <summary>A link from a component to its web site, source repository, and so on.</summary>
public sealed record SbomExternalReference(string Type, string Url, string? Comment = null);

/// <summary>A name/value property (CycloneDX <c>properties</c>).</summary>
public sealed record SbomProperty(string Name, string Value);

/// <summary>
/// A component of an SBOM: a NuGet package, a referenced project, the project itself, or a tool.
/// Lists are written sorted, so their order here does not matter.
/// </summary>
public sealed class SbomComponent
{
    /// <summary>Property name marking a component built from source in this build (a project), not a package.</summary>
    public const string FirstPartyProperty = "quantlayer:buildguard:first-party";

    /// <summary>Component type.</summary>
    public SbomComponentType Type { get; set; } = SbomComponentType.Library;

    /// <summary>The bom-ref (BuildGuard uses the purl), or null.</summary>
    public string? BomRef { get; set; }

    /// <summary>Name (the NuGet package id).</summary>
    public required string Name { get; set; }

    /// <summary>Version (normalized NuGet version).</summary>
    public string? Version { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Authors (the nuspec's comma-separated list, split).</summary>
    public List<string> Authors { get; set; } = new();

    /// <summary>Copyright notice.</summary>
    public string? Copyright { get; set; }

    /// <summary>Scope, or null to leave it unwritten.</summary>
    public SbomScope? Scope { get; set; }

    /// <summary>Hashes.</summary>
    public List<SbomHash> Hashes { get; set; } = new();

    /// <summary>The licence, or null when none is known.</summary>
    public SbomLicense? License { get; set; }

    /// <summary>The package URL.</summary>
    public string? Purl { get; set; }

    /// <summary>External references.</summary>
    public List<SbomExternalReference> ExternalReferences { get; set; } = new();

    /// <summary>Properties.</summary>
    public List<SbomProperty> Properties { get; set; } = new();

    /// <summary>Nested components (for example the assemblies of a multi-targeted project).</summary>
    public List<SbomComponent> Components { get; set; } = new();

    /// <summary>True when the component is marked as built from source (a project of the solution).</summary>
    public bool IsFirstParty => Properties.Any(p => p.Name == FirstPartyProperty && p.Value == "true");

    /// <summary>The value of a hash algorithm, or null.</summary>
    public string? Hash(string algorithm) => Hashes.FirstOrDefault(h => h.Algorithm == algorithm)?.Value;

    /// <summary>A deep copy.</summary>
    public SbomComponent Clone() => new()
    {
        Type = Type,
        BomRef = BomRef,
        Name = Name,
        Version = Version,
        Description = Description,
        Authors = new List<string>(Authors),
        Copyright = Copyright,
        Scope = Scope,
        Hashes = new List<SbomHash>(Hashes),
        License = License,
        Purl = Purl,
        ExternalReferences = new List<SbomExternalReference>(ExternalReferences),
        Properties = new List<SbomProperty>(Properties),
        Components = Components.Select(c => c.Clone()).ToList(),
    };
}
