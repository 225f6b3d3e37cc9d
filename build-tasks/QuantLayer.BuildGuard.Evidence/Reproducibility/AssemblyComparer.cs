using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace QuantLayer.BuildGuard.Evidence.Reproducibility;

/// <summary>
/// Explains how two builds of the same assembly differ: which parts of the PE file (headers,
/// metadata and its MVID, managed and Win32 resources, debug directory / pdb id, code) and, for
/// portable pdbs, the pdb id and the document paths (the usual sign of unmapped source paths).
/// </summary>
public static class AssemblyComparer
{
    /// <summary>
    /// The parts in which two PE images differ, in a fixed order; empty when equal. Null when
    /// either file is not a readable PE image.
    /// </summary>
    public static IReadOnlyList<string>? ComparePe(byte[] left, byte[] right)
    {
        try
        {
            using var a = new PEReader(new MemoryStream(left, writable: false));
            using var b = new PEReader(new MemoryStream(right, writable: false));
            var ha = a.PEHeaders;
            var hb = b.PEHeaders;
            var parts = new List<string>();

            if (ha.CoffHeader.TimeDateStamp != hb.CoffHeader.TimeDateStamp)
            {
                parts.Add($"PE header: timestamp 0x{ha.CoffHeader.TimeDateStamp:x8} vs 0x{hb.CoffHeader.TimeDateStamp:x8}");
            }

            if (ha.PEHeader is { } pa && hb.PEHeader is { } pb && pa.CheckSum != pb.CheckSum)
            {
                parts.Add("PE header: checksum");
            }

            if (!a.HasMetadata || !b.HasMetadata)
            {
                if (!Equal(left, right))
                {
                    parts.Add("native image content");
                }

                return parts;
            }

            var ma = a.GetMetadata();
            var mb = b.GetMetadata();
            var readerA = a.GetMetadataReader();
            var readerB = b.GetMetadataReader();
            var mvidA = readerA.GetGuid(readerA.GetModuleDefinition().Mvid);
            var mvidB = readerB.GetGuid(readerB.GetModuleDefinition().Mvid);
            if (!SameBlock(ma, mb))
            {
                parts.Add(mvidA != mvidB ? $"metadata (MVID {mvidA} vs {mvidB})" : "metadata");
            }

            if (!SameDirectory(a, b, ha.CorHeader!.ResourcesDirectory, hb.CorHeader!.ResourcesDirectory))
            {
                parts.Add("managed resources");
            }

            if (!SameDirectory(a, b, ha.PEHeader!.ResourceTableDirectory, hb.PEHeader!.ResourceTableDirectory))
            {
                parts.Add("Win32 resources");
            }

            if (!SameDirectory(a, b, ha.CorHeader.StrongNameSignatureDirectory, hb.CorHeader.StrongNameSignatureDirectory))
            {
                parts.Add("strong-name signature");
            }

            parts.AddRange(CompareDebugDirectories(a, b));

            if (parts.Count == 0 && !Equal(left, right))
            {
                parts.Add("code or other sections");
            }

            return parts;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>How two portable pdbs differ (pdb id, document paths, other content); null when not portable pdbs.</summary>
    public static IReadOnlyList<string>? ComparePortablePdb(byte[] left, byte[] right)
    {
        try
        {
            using var pa = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(left, writable: false));
            using var pb = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(right, writable: false));
            var a = pa.GetMetadataReader();
            var b = pb.GetMetadataReader();
            var parts = new List<string>();
            if (!a.DebugMetadataHeader!.Id.SequenceEqual(b.DebugMetadataHeader!.Id))
            {
                parts.Add("pdb id");
            }

            var docsA = a.Documents.Select(h => a.GetString(a.GetDocument(h).Name)).ToList();
            var docsB = b.Documents.Select(h => b.GetString(b.GetDocument(h).Name)).ToList();
            var onlyA = docsA.Except(docsB, StringComparer.Ordinal).ToList();
            if (onlyA.Count > 0)
            {
                var onlyB = docsB.Except(docsA, StringComparer.Ordinal).ToList();
                parts.Add($"source document paths ({onlyA[0]} vs {(onlyB.Count > 0 ? onlyB[0] : "(none)")}): map source roots with ContinuousIntegrationBuild=true");
            }

            if (parts.Count == 0 && !Equal(left, right))
            {
                parts.Add("pdb content (sequence points, embedded sources or custom debug information)");
            }

            return parts;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    private static IEnumerable<string> CompareDebugDirectories(PEReader a, PEReader b)
    {
        var da = a.ReadDebugDirectory();
        var db = b.ReadDebugDirectory();
        var codeViewA = da.Where(e => e.Type == DebugDirectoryEntryType.CodeView).Select(a.ReadCodeViewDebugDirectoryData).ToList();
        var codeViewB = db.Where(e => e.Type == DebugDirectoryEntryType.CodeView).Select(b.ReadCodeViewDebugDirectoryData).ToList();
        for (var i = 0; i < Math.Min(codeViewA.Count, codeViewB.Count); i++)
        {
            if (codeViewA[i].Guid != codeViewB[i].Guid)
            {
                yield return "debug directory: pdb id";
            }

            if (!string.Equals(codeViewA[i].Path, codeViewB[i].Path, StringComparison.Ordinal))
            {
                yield return $"debug directory: pdb path ({codeViewA[i].Path} vs {codeViewB[i].Path})";
            }
        }

        var checksumA = da.Where(e => e.Type == DebugDirectoryEntryType.PdbChecksum).Select(a.ReadPdbChecksumDebugDirectoryData).ToList();
        var checksumB = db.Where(e => e.Type == DebugDirectoryEntryType.PdbChecksum).Select(b.ReadPdbChecksumDebugDirectoryData).ToList();
        if (checksumA.Count == checksumB.Count
            && checksumA.Zip(checksumB, (x, y) => x.Checksum.SequenceEqual(y.Checksum)).Any(same => !same))
        {
            yield return "debug directory: pdb checksum";
        }

        if (da.Length != db.Length || codeViewA.Count != codeViewB.Count)
        {
            yield return "debug directory: entries";
        }
    }

    private static bool SameBlock(PEMemoryBlock a, PEMemoryBlock b)
        => a.GetContent().AsSpan().SequenceEqual(b.GetContent().AsSpan());

    private static bool SameDirectory(PEReader a, PEReader b, DirectoryEntry da, DirectoryEntry db)
    {
        if (da.Size != db.Size)
        {
            return false;
        }

        if (da.Size == 0)
        {
            return true;
        }

        return a.GetSectionData(da.RelativeVirtualAddress).GetContent(0, da.Size).AsSpan()
            .SequenceEqual(b.GetSectionData(db.RelativeVirtualAddress).GetContent(0, db.Size).AsSpan());
    }

    private static bool Equal(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);
}
