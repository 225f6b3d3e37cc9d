using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Licensing;
using QuantLayer.BuildGuard.Evidence.Sbom.NuGet;

namespace QuantLayer.BuildGuard.Evidence.Sbom;

/// <summary>
/// Builds the SBOM of one target framework of a project from what restore resolved
/// (project.assets.json) and what the packages say about themselves (nuspec, .nupkg.sha512 in the
/// package folders).
/// </summary>
/// <remarks>
/// <para>Components: one per resolved package (purl <c>pkg:nuget/Id@Version</c>, bom-ref = purl,
/// SHA-512 of the nupkg) and one per referenced project. The graph has every edge of the assets
/// file's target, and only those.</para>
/// <para>Scope: in a test project nothing ships, so every component is <c>excluded</c>. Otherwise a
/// direct dependency is development-only when it is private (<c>PrivateAssets="all"</c>, or the
/// package declares itself a development dependency) and puts no run-time files into the output
/// (analyzers, build-only packages such as SourceLink or BuildGuard itself). A component is
/// <c>required</c> when it is reachable from a direct dependency that is not development-only, or
/// when it puts run-time files into the output itself (then it ships, whoever pulled it in), and
/// <c>excluded</c> otherwise.</para>
/// </remarks>
public static class SbomBuilder
{
    /// <summary>The property naming the target framework of a per-framework SBOM.</summary>
    public const string TargetFrameworkProperty = "quantlayer:buildguard:target-framework";

    /// <summary>The property naming the runtime identifier of a per-framework SBOM.</summary>
    public const string RuntimeIdentifierProperty = "quantlayer:buildguard:runtime-identifier";

    /// <summary>The property marking the SBOM of a test project.</summary>
    public const string TestProjectProperty = "quantlayer:buildguard:test-project";

    /// <summary>
    /// Builds the SBOM. Problems are diagnostics; the result always describes what is known. With
    /// <see cref="ProjectSbomRequest.InventoryCacheFile"/> set, what restore resolved is taken from
    /// that cache while project.assets.json is unchanged (<see cref="PackageInventoryCache"/>); with
    /// <see cref="ProjectSbomRequest.InventoryPreload"/>, from a reading started earlier.
    /// </summary>
    public static SbomDocument Build(ProjectSbomRequest request, DiagnosticBag diagnostics)
        => Build(request, LoadInventory(request, diagnostics), diagnostics);

    /// <summary>
    /// What restore resolved for the request's target: from the inventory cache when it is current,
    /// else from the preloaded reading when it is current, else read from the assets file and the
    /// package folders (<see cref="PackageInventory.Source"/> says which).
    /// </summary>
    public static PackageInventory LoadInventory(ProjectSbomRequest request, DiagnosticBag diagnostics)
        => request.InventoryCacheFile is { Length: > 0 } cacheFile
            ? PackageInventoryCache.Load(cacheFile, request.AssetsFile, request.TargetFramework, request.RuntimeIdentifier, diagnostics, request.InventoryPreload)
            : PackageInventoryPreload.TakeOrRead(request.InventoryPreload, request.AssetsFile, request.TargetFramework, request.RuntimeIdentifier, diagnostics);

    /// <summary>Builds the SBOM from an already read inventory.</summary>
    public static SbomDocument Build(ProjectSbomRequest request, PackageInventory inventory, DiagnosticBag diagnostics)
    {
        var graph = inventory.Graph;
        var subject = Subject(request, diagnostics);
        var document = new SbomDocument
        {
            Subject = subject,
            Timestamp = request.Timestamp,
            Tools = request.Tools.ToList(),
            Complete = graph.Complete,
        };
        document.Properties.Add(new SbomProperty(TargetFrameworkProperty, request.TargetFramework));
        if (!string.IsNullOrWhiteSpace(request.RuntimeIdentifier))
        {
            document.Properties.Add(new SbomProperty(RuntimeIdentifierProperty, request.RuntimeIdentifier!));
        }

        if (request.IsTestProject)
        {
            document.Properties.Add(new SbomProperty(TestProjectProperty, "true"));
        }

        var rootRef = subject.BomRef!;
        document.DependsOn(rootRef);

        // Components in a fixed order, so that their diagnostics come in that order too.
        var libraries = graph.Libraries.Values.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var results = new (SbomComponent Component, bool DevelopmentDependency, DiagnosticBag Diagnostics)[libraries.Count];
        for (var i = 0; i < libraries.Count; i++)
        {
            var library = libraries[i];
            var bag = new DiagnosticBag();
            var isDevelopmentDependency = false;
            var component = library.IsProject
                ? ProjectComponent(library, graph, request)
                : PackageComponent(library, inventory.Packages.TryGetValue(library.Name, out var facts) ? facts : null, request, bag, out isDevelopmentDependency);
            results[i] = (component, isDevelopmentDependency, bag);
        }

        var components = new Dictionary<string, SbomComponent>(StringComparer.OrdinalIgnoreCase);
        var developmentDependency = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < libraries.Count; i++)
        {
            var (component, isDevelopmentDependency, _) = results[i];

            if (isDevelopmentDependency)
            {
                developmentDependency.Add(libraries[i].Name);
            }

            components[libraries[i].Name] = component;
            document.Components.Add(component);
            document.DependsOn(component.BomRef!);
        }

        // The graph: every edge of the target whose both ends are in the target.
        foreach (var library in graph.Libraries.Values)
        {
            var from = components[library.Name].BomRef!;
            foreach (var dependency in library.Dependencies)
            {
                if (components.TryGetValue(dependency, out var to))
                {
                    document.AddDependency(from, to.BomRef!);
                }
            }
        }

        var shipping = new List<string>();
        foreach (var direct in graph.DirectDependencies)
        {
            if (!graph.Libraries.TryGetValue(direct.Name, out var library))
            {
                continue;
            }

            document.AddDependency(rootRef, components[library.Name].BomRef!);
            var developmentOnly = (direct.PrivateAssetsAll || developmentDependency.Contains(library.Name))
                && (!direct.IncludesRuntime || !library.HasRuntimeAssets);
            if (!developmentOnly)
            {
                shipping.Add(library.Name);
            }
        }

        if (!request.IsTestProject)
        {
            shipping.AddRange(graph.Libraries.Values.Where(l => l.HasRuntimeAssets).Select(l => l.Name));
        }

        var required = request.IsTestProject ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : Closure(shipping, graph);
        foreach (var pair in components)
        {
            pair.Value.Scope = required.Contains(pair.Key) ? SbomScope.Required : SbomScope.Excluded;
        }

        // Licence findings matter for what ships; a test framework's or analyzer's licence does
        // not bind the product (the SBOM still records it). Integrity findings are kept for all.
        for (var i = 0; i < libraries.Count; i++)
        {
            var ships = results[i].Component.Scope == SbomScope.Required;
            foreach (var diagnostic in results[i].Diagnostics.Items)
            {
                if (ships || diagnostic.Id is not (BuildDiagnosticIds.SbomLicenseExpressionInvalid or BuildDiagnosticIds.SbomLicenseUnknown))
                {
                    diagnostics.Add(diagnostic);
                }
            }
        }

        return document;
    }

    private static HashSet<string> Closure(IEnumerable<string> start, RestoreGraph graph)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>(start);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (!graph.Libraries.TryGetValue(name, out var library) || !seen.Add(name))
            {
                continue;
            }

            foreach (var dependency in library.Dependencies)
            {
                stack.Push(dependency);
            }
        }

        return seen;
    }

    private static SbomComponent Subject(ProjectSbomRequest request, DiagnosticBag diagnostics)
    {
        var version = string.IsNullOrWhiteSpace(request.Version) ? null : request.Version;
        var purl = PackageUrl.NuGet(request.Name, version);
        var subject = new SbomComponent
        {
            Type = request.IsApplication ? SbomComponentType.Application : SbomComponentType.Library,
            BomRef = purl,
            Name = request.Name,
            Version = version,
            Purl = purl,
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description!.Trim(),
            Copyright = string.IsNullOrWhiteSpace(request.Copyright) ? null : request.Copyright!.Trim(),
        };
        subject.Properties.Add(new SbomProperty(SbomComponent.FirstPartyProperty, "true"));
        if (!string.IsNullOrWhiteSpace(request.Authors))
        {
            subject.Authors.AddRange(CycloneDxReader.SplitAuthors(request.Authors!));
        }

        if (!string.IsNullOrWhiteSpace(request.LicenseExpression))
        {
            if (SpdxExpression.TryParse(request.LicenseExpression, out var expression, out var error))
            {
                subject.License = SbomLicense.FromExpression(SpdxLicenseList.Normalize(expression!));
            }
            else
            {
                diagnostics.Warning(
                    BuildDiagnosticIds.SbomLicenseExpressionInvalid,
                    $"PackageLicenseExpression '{request.LicenseExpression}' is not a valid SPDX expression: {error} Fix the property; the SBOM lists the project without a licence.");
            }
        }

        AddReferences(subject, NuspecMetadata.Url(request.ProjectUrl), NuspecMetadata.Url(request.RepositoryUrl), request.RepositoryCommit);
        if (!string.IsNullOrWhiteSpace(request.AssemblyPath) && File.Exists(request.AssemblyPath))
        {
            AddFileHashes(subject, request.AssemblyPath!);
        }

        return subject;
    }

    private static SbomComponent ProjectComponent(RestoredLibrary library, RestoreGraph graph, ProjectSbomRequest request)
    {
        var purl = PackageUrl.NuGet(library.Name, library.Version);
        var component = new SbomComponent
        {
            Type = SbomComponentType.Library,
            BomRef = purl,
            Name = library.Name,
            Version = library.Version,
            Purl = purl,
        };
        component.Properties.Add(new SbomProperty(SbomComponent.FirstPartyProperty, "true"));
        if (library.Path is not null && graph.ProjectDirectory is not null)
        {
            var projectFile = Path.GetFullPath(Path.Combine(graph.ProjectDirectory, library.Path));
            var assembly = request.ProjectReferenceAssemblies.FirstOrDefault(p => string.Equals(Path.GetFullPath(p.Key), projectFile, StringComparison.Ordinal)).Value;
            if (assembly is not null && File.Exists(assembly))
            {
                AddFileHashes(component, assembly);
            }
        }

        return component;
    }

    private static SbomComponent PackageComponent(RestoredLibrary library, PackageFacts? facts, ProjectSbomRequest request, DiagnosticBag diagnostics, out bool isDevelopmentDependency)
    {
        isDevelopmentDependency = false;
        var purl = PackageUrl.NuGet(library.Name, library.Version);
        var component = new SbomComponent
        {
            Type = SbomComponentType.Library,
            BomRef = purl,
            Name = library.Name,
            Version = library.Version,
            Purl = purl,
        };

        var overridden = FindOverride(request.LicenseOverrides, library);
        if (facts is not null)
        {
            foreach (var diagnostic in facts.FolderDiagnostics)
            {
                diagnostics.Add(diagnostic);
            }

            foreach (var diagnostic in facts.NuspecDiagnostics)
            {
                if (overridden is null || diagnostic.Id is not (BuildDiagnosticIds.SbomLicenseExpressionInvalid or BuildDiagnosticIds.SbomLicenseUnknown))
                {
                    diagnostics.Add(diagnostic);
                }
            }

            if (facts.Nuspec is { } metadata)
            {
                component.Authors.AddRange(metadata.Authors);
                component.Description = metadata.Description;
                component.Copyright = metadata.Copyright;
                component.License = metadata.License;
                AddReferences(component, metadata.ProjectUrl, metadata.RepositoryUrl, metadata.RepositoryCommit);
                isDevelopmentDependency = metadata.DevelopmentDependency;
            }

            if (facts.Sha512 is not null)
            {
                component.Hashes.Add(new SbomHash(SbomHash.Sha512, facts.Sha512));
            }
        }

        if (overridden is not null)
        {
            component.License = SbomLicense.FromExpression(SpdxLicenseList.Normalize(overridden.Expression), concluded: true);
        }

        return component;
    }

    private static LicenseOverride? FindOverride(IReadOnlyList<LicenseOverride> overrides, RestoredLibrary library)
        => overrides.FirstOrDefault(o => string.Equals(o.PackageId, library.Name, StringComparison.OrdinalIgnoreCase)
                && o.Version is not null && string.Equals(o.Version, library.Version, StringComparison.OrdinalIgnoreCase))
            ?? overrides.FirstOrDefault(o => string.Equals(o.PackageId, library.Name, StringComparison.OrdinalIgnoreCase) && o.Version is null);

    private static void AddFileHashes(SbomComponent component, string path)
    {
        var digest = FileDigest.Compute(path);
        component.Hashes.Add(new SbomHash(SbomHash.Sha256, digest.Sha256));
        component.Hashes.Add(new SbomHash(SbomHash.Sha512, digest.Sha512));
    }

    private static void AddReferences(SbomComponent component, string? website, string? repository, string? commit)
    {
        if (website is not null)
        {
            component.ExternalReferences.Add(new SbomExternalReference("website", website));
        }

        if (repository is not null)
        {
            component.ExternalReferences.Add(new SbomExternalReference("vcs", repository, string.IsNullOrWhiteSpace(commit) ? null : "commit " + commit));
        }
    }
}
