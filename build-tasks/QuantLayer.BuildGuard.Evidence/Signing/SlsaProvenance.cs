using System.Text.Json;

namespace QuantLayer.BuildGuard.Evidence.Signing;

/// <summary>
/// SLSA Provenance v1 (<c>https://slsa.dev/provenance/v1</c>): how the subjects were built. The
/// parameters are string maps written with sorted keys; dependencies and byproducts are
/// in-toto ResourceDescriptors written in the order given (callers sort them).
/// </summary>
public sealed class SlsaProvenance
{
    /// <summary>The predicate type.</summary>
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    /// <summary>BuildGuard's build type for a .NET project built with MSBuild (documented in docs/signing.md).</summary>
    public const string DotNetBuildType = "https://quantlayer.io/buildguard/buildtype/dotnet/v1";

    /// <summary>The builder id of a build on a developer machine (no CI detected).</summary>
    public const string LocalBuilderId = "https://quantlayer.io/buildguard/builder/local/v1";

    /// <summary>The build type URI.</summary>
    public string BuildType { get; init; } = DotNetBuildType;

    /// <summary>Parameters under the control of whoever started the build (project, configuration, source...).</summary>
    public IReadOnlyDictionary<string, string> ExternalParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Parameters under the builder's control (SDK, BuildGuard version...).</summary>
    public IReadOnlyDictionary<string, string> InternalParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>What the build used: the source commit, the packages.</summary>
    public IReadOnlyList<ResourceDescriptor> ResolvedDependencies { get; init; } = Array.Empty<ResourceDescriptor>();

    /// <summary>The builder id (CI platform or local).</summary>
    public string BuilderId { get; init; } = LocalBuilderId;

    /// <summary>Versions of the builder's components.</summary>
    public IReadOnlyDictionary<string, string> BuilderVersion { get; init; } = new Dictionary<string, string>();

    /// <summary>The CI run, when there is one.</summary>
    public string? InvocationId { get; init; }

    /// <summary>startedOn / finishedOn (RFC 3339 UTC), from SOURCE_DATE_EPOCH.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>Files the build produced besides the subjects (the SBOM).</summary>
    public IReadOnlyList<ResourceDescriptor> Byproducts { get; init; } = Array.Empty<ResourceDescriptor>();

    /// <summary>The predicate as compact JSON.</summary>
    public byte[] ToPredicateJson() => CompactJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("buildDefinition");
        writer.WriteString("buildType", BuildType);
        WriteMap(writer, "externalParameters", ExternalParameters, always: true);
        WriteMap(writer, "internalParameters", InternalParameters, always: false);
        WriteList(writer, "resolvedDependencies", ResolvedDependencies);
        writer.WriteEndObject();

        writer.WriteStartObject("runDetails");
        writer.WriteStartObject("builder");
        writer.WriteString("id", BuilderId);
        WriteMap(writer, "version", BuilderVersion, always: false);
        writer.WriteEndObject();
        if (InvocationId is not null || SourceDateEpoch is not null)
        {
            writer.WriteStartObject("metadata");
            if (InvocationId is not null)
            {
                writer.WriteString("invocationId", InvocationId);
            }

            if (SourceDateEpoch is { } epoch)
            {
                var time = SourceControl.SourceDateEpoch.ToRfc3339(epoch);
                writer.WriteString("startedOn", time);
                writer.WriteString("finishedOn", time);
            }

            writer.WriteEndObject();
        }

        WriteList(writer, "byproducts", Byproducts);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>The statement: these subjects, this provenance.</summary>
    public InTotoStatement ToStatement(IReadOnlyList<ResourceDescriptor> subjects) => new(subjects, PredicateType, ToPredicateJson());

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map, bool always)
    {
        if (map.Count == 0 && !always)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var pair in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<ResourceDescriptor> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}
