using System.Text.RegularExpressions;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>The changelog entry of a version.</summary>
/// <param name="File">The changelog file.</param>
/// <param name="Line">The heading's line (1-based).</param>
/// <param name="Heading">The heading text.</param>
/// <param name="Text">The entry's text (below the heading, up to the next version heading), trimmed.</param>
public sealed record ChangelogEntry(string File, int Line, string Heading, string Text);

/// <summary>
/// Finds a version's entry in a Markdown changelog in Keep a Changelog form (<c>## [1.2.0] - 2026-11-29</c>)
/// or the common variants (<c>## 1.2.0</c>, <c>## v1.2.0 (date)</c>, <c>### [1.2.0](link)</c>). An
/// entry must have text; a heading alone does not document a release.
/// </summary>
public static class Changelog
{
    /// <summary>The usual changelog file names, in the order they are looked for.</summary>
    public static readonly string[] FileNames = { "CHANGELOG.md", "Changelog.md", "changelog.md", "CHANGES.md", "RELEASE_NOTES.md" };

    private static readonly Regex Heading = new(@"^#{1,3}\s+\[?v?(?<version>\d+\.\d+(?:\.\d+)?(?:\.\d+)?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\]?", RegexOptions.CultureInvariant);

    /// <summary>Finds the changelog: <paramref name="configured"/> when set, else the first usual name in the folders given.</summary>
    public static string? Locate(string? configured, params string?[] folders)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured!);
        }

        foreach (var folder in folders.Where(f => !string.IsNullOrEmpty(f)).Distinct())
        {
            foreach (var name in FileNames)
            {
                var candidate = Path.Combine(folder!, name);
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }

    /// <summary>The entry for <paramref name="version"/> in <paramref name="path"/>, or null.</summary>
    public static ChangelogEntry? Find(string path, string version)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Heading.Match(lines[i]);
            if (!match.Success || !string.Equals(match.Groups["version"].Value, version, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var body = new List<string>();
            for (var j = i + 1; j < lines.Length && !Heading.IsMatch(lines[j]) && !lines[j].StartsWith("## ", StringComparison.Ordinal); j++)
            {
                body.Add(lines[j]);
            }

            var text = string.Join("\n", body).Trim();
            return text.Length == 0 ? null : new ChangelogEntry(path, i + 1, lines[i].Trim(), text);
        }

        return null;
    }
}
