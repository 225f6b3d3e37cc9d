using System.IO.Compression;
using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Reproducibility;

/// <summary>The verdict on one file of two builds.</summary>
public sealed record FileComparison(string RelativePath, bool Identical, IReadOnlyList<string> Differences);

/// <summary>
/// Compares one file of two builds byte for byte and, when they differ, says where: parts of an
/// assembly or pdb, entries and timestamps of a zip (nupkg, snupkg), the first differing line of a
/// text file.
/// </summary>
public static class FileComparer
{
    /// <summary>Compares two files.</summary>
    public static FileComparison Compare(string relativePath, string left, string right)
    {
        if (!File.Exists(right))
        {
            return new FileComparison(relativePath, false, new[] { "missing from the rebuild" });
        }

        if (!File.Exists(left))
        {
            return new FileComparison(relativePath, false, new[] { "missing from the reference build (build it first, or drop --no-build)" });
        }

        var a = File.ReadAllBytes(left);
        var b = File.ReadAllBytes(right);
        if (a.AsSpan().SequenceEqual(b))
        {
            return new FileComparison(relativePath, true, Array.Empty<string>());
        }

        return new FileComparison(relativePath, false, Explain(relativePath, a, b));
    }

    /// <summary>Explains a difference between two versions of a file.</summary>
    public static IReadOnlyList<string> Explain(string name, byte[] a, byte[] b)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        IReadOnlyList<string>? parts = extension switch
        {
            ".dll" or ".exe" => AssemblyComparer.ComparePe(a, b),
            ".pdb" => AssemblyComparer.ComparePortablePdb(a, b),
            ".nupkg" or ".snupkg" or ".zip" => CompareZip(a, b),
            _ => null,
        };
        if (parts is { Count: > 0 })
        {
            return parts;
        }

        if (LooksLikeText(a) && LooksLikeText(b))
        {
            return new[] { FirstDifferentLine(a, b) };
        }

        return new[] { $"content ({a.Length} vs {b.Length} bytes, first difference at byte {FirstDifference(a, b)})" };
    }

    private static IReadOnlyList<string>? CompareZip(byte[] a, byte[] b)
    {
        try
        {
            using var za = new ZipArchive(new MemoryStream(a, writable: false), ZipArchiveMode.Read);
            using var zb = new ZipArchive(new MemoryStream(b, writable: false), ZipArchiveMode.Read);
            var parts = new List<string>();
            var ea = za.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
            var eb = zb.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
            foreach (var name in ea.Keys.Except(eb.Keys).OrderBy(n => n, StringComparer.Ordinal))
            {
                parts.Add($"entry {name}: only in the reference build");
            }

            foreach (var name in eb.Keys.Except(ea.Keys).OrderBy(n => n, StringComparer.Ordinal))
            {
                parts.Add($"entry {name}: only in the rebuild");
            }

            var timestamps = 0;
            foreach (var name in ea.Keys.Intersect(eb.Keys).OrderBy(n => n, StringComparer.Ordinal))
            {
                var x = Read(ea[name]);
                var y = Read(eb[name]);
                if (!x.AsSpan().SequenceEqual(y))
                {
                    var inner = Explain(name, x, y);
                    parts.Add($"entry {name}: {string.Join("; ", inner)}");
                }
                else if (ea[name].LastWriteTime != eb[name].LastWriteTime)
                {
                    timestamps++;
                }
            }

            if (timestamps > 0)
            {
                parts.Add($"{timestamps} entry timestamp(s) differ: set SOURCE_DATE_EPOCH (BuildGuard does this from the commit time in a git work tree)");
            }

            if (!ea.Keys.SequenceEqual(eb.Keys, StringComparer.Ordinal) && parts.Count == 0)
            {
                parts.Add("entry order");
            }

            return parts;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool LooksLikeText(byte[] bytes)
    {
        var length = Math.Min(bytes.Length, 8192);
        for (var i = 0; i < length; i++)
        {
            if (bytes[i] == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string FirstDifferentLine(byte[] a, byte[] b)
    {
        var la = Encoding.UTF8.GetString(a).Split('\n');
        var lb = Encoding.UTF8.GetString(b).Split('\n');
        for (var i = 0; i < Math.Max(la.Length, lb.Length); i++)
        {
            var x = i < la.Length ? la[i] : "(end of file)";
            var y = i < lb.Length ? lb[i] : "(end of file)";
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                return $"line {i + 1}: \"{Shorten(x.TrimEnd('\r'))}\" vs \"{Shorten(y.TrimEnd('\r'))}\"";
            }
        }

        return "line endings or encoding";
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line.Substring(0, 117) + "...";

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return n;
    }
}
