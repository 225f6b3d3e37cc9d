using Microsoft.Build.Framework;
using QuantLayer.BuildGuard.Evidence.Io;
using QuantLayer.BuildGuard.Evidence.Sbom;

namespace QuantLayer.BuildGuard.Tasks;

/// <summary>
/// Merges SBOMs into one: the per-framework SBOMs of a multi-targeted project, a project's SBOMs
/// into its package's (with the nupkg's hashes), or several projects into a release SBOM.
/// Duplicates are unified by purl (<see cref="SbomMerger"/>).
/// </summary>
public sealed class MergeSbom : BuildGuardTask
{
    /// <summary>The CycloneDX SBOMs to merge.</summary>
    [Required]
    public ITaskItem[] Sboms { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The CycloneDX file to write.</summary>
    [Required]
    public string OutputPath { get; set; } = string.Empty;

    /// <summary>cyclonedx (default), spdx or both.</summary>
    public string? Format { get; set; }

    /// <summary>Name of the merged SBOM's subject (package id, product name).</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Its version.</summary>
    public string? Version { get; set; }

    /// <summary>application or library (default library).</summary>
    public string? Type { get; set; }

    /// <summary>A file the subject is (a nupkg): its SHA-256 and SHA-512 are recorded.</summary>
    public string? SubjectFile { get; set; }

    /// <summary>SOURCE_DATE_EPOCH.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>$(NETCoreSdkVersion).</summary>
    public string? SdkVersion { get; set; }

    /// <summary>The files written.</summary>
    [Output]
    public ITaskItem[] SbomFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var format = Evidence.Sbom.SbomFiles.ParseFormat(Format, Diagnostics);
        var inputs = new List<SbomDocument>();
        foreach (var path in Sboms.Select(i => i.GetMetadata("FullPath")).Distinct(StringComparer.Ordinal))
        {
            var document = CycloneDxReader.ReadFile(path, Diagnostics);
            if (document is not null)
            {
                inputs.Add(document);
            }
        }

        if (format is null || Diagnostics.HasErrors)
        {
            return;
        }

        var subject = SbomTaskHelpers.Subject(Name, Version, Type, inputs);
        if (!string.IsNullOrWhiteSpace(SubjectFile))
        {
            var digest = FileDigest.Compute(SubjectFile!);
            subject.Hashes.Add(new SbomHash(SbomHash.Sha256, digest.Sha256));
            subject.Hashes.Add(new SbomHash(SbomHash.Sha512, digest.Sha512));
        }

        var merged = SbomMerger.Merge(inputs, subject, SbomTaskHelpers.ParseEpoch(SourceDateEpoch) ?? inputs.Select(i => i.Timestamp).Max(), Diagnostics, OutputPath);
        foreach (var tool in SbomTaskHelpers.Tools(SdkVersion))
        {
            if (!merged.Tools.Contains(tool))
            {
                merged.Tools.Add(tool);
            }
        }

        var written = Evidence.Sbom.SbomFiles.Write(merged, OutputPath, format.Value, Diagnostics);
        SbomFiles = SbomTaskHelpers.Items(written);
        Log.LogMessage(MessageImportance.Normal, "BuildGuard: wrote {0} ({1} SBOMs merged, {2} components)", string.Join(", ", written), inputs.Count, merged.Components.Count);
    }
}
