using System.Globalization;
using System.Text.RegularExpressions;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>A document found in the repository, with its last commit time (null: not committed or no git).</summary>
internal sealed record RepositoryDocument(string Relative, string Full, long? LastChanged, string Text);

/// <summary>
/// Issue handling and guidelines (DM-1, SG-1..7), read from the source repository: the
/// vulnerability disclosure policy (<c>SECURITY.md</c>, <c>.github/SECURITY.md</c>,
/// <c>docs/SECURITY.md</c>, <c>security.txt</c>, <c>.well-known/security.txt</c>) and whether it
/// names a contact; hardening / secure-operation guides found by file name, the topics they
/// mention, and the time git last changed each (one <c>git log</c> per document).
/// </summary>
internal sealed class RepositoryEvidence
{
    private const int MaxDepth = 4;
    private const int MaxGuides = 20;
    private const long MaxTextBytes = 1 << 20;

    private static readonly string[] PolicyPaths = { "SECURITY.md", ".github/SECURITY.md", "docs/SECURITY.md", "SECURITY.txt", "security.txt", ".well-known/security.txt" };
    private static readonly string[] GuideExtensions = { ".md", ".markdown", ".txt", ".adoc", ".rst", ".html", ".htm", ".pdf" };
    private static readonly Regex GuideName = new(
        @"harden|secure[-_ ]?(operation|deployment|installation|configuration|disposal)|security[-_ ]?(guide|manual|handbook)|(operations?|operator|installation|deployment|admin(istrator)?)[-_ ]?(guide|manual)|decommission|disposal",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex Contact = new(
        @"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}|https?://[^\s)>\]]+|^\s*Contact:\s*\S+",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly (string Id, string Topic, Regex Pattern)[] Topics =
    {
        ("SG-1", "defense in depth of the product", new Regex(@"defen[cs]e[- ]in[- ]depth", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        ("SG-2", "measures expected in the environment", new Regex(@"segmentation|firewall|zones? and conduits|conduit|network exposure|allow-?list|perimeter", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        ("SG-3", "hardening", new Regex(@"harden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        ("SG-4", "secure disposal", new Regex(@"dispos(al|e)|decommission", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        ("SG-5", "secure operation", new Regex(@"operat(ion|ing|e)|monitor|maintenance|patch|updates?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        ("SG-6", "account management", new Regex(@"account|credential|password|user management|least privilege", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
    };

    private readonly List<RepositoryDocument> _policies = new();
    private readonly List<RepositoryDocument> _guides = new();
    private readonly Dictionary<string, EvidenceFileRef> _refs = new(StringComparer.Ordinal);

    private RepositoryEvidence(string? root)
    {
        Root = root;
    }

    public string? Root { get; }

    public static RepositoryEvidence Read(ReportContext context, string? root)
    {
        var result = new RepositoryEvidence(root);
        if (root is null || !Directory.Exists(root))
        {
            return result;
        }

        GitRepository? git = null;
        try
        {
            git = GitRepository.Discover(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        foreach (var relative in PolicyPaths)
        {
            var full = FindCaseInsensitive(root, relative);
            if (full is not null && result._policies.All(p => p.Full != full))
            {
                result.Add(context, git, root, full, "disclosure-policy", result._policies);
            }
        }

        var guides = new List<string>();
        FindGuides(root, root, 0, guides);
        foreach (var guide in guides.OrderBy(g => Manifest.EvidenceManifest.RelativePath(root, g), StringComparer.Ordinal).Take(MaxGuides))
        {
            result.Add(context, git, root, guide, "security-guide", result._guides);
        }

        return result;
    }

    public RequirementResult Dm1(CatalogueRequirement requirement)
    {
        var withContact = _policies.Where(p => Contact.IsMatch(p.Text)).ToList();
        var figures = new List<ReportFigure>
        {
            ReportFigure.Of("policyFiles", _policies.Count),
            ReportFigure.Of("policyNamesContact", withContact.Count > 0),
        };
        AddDates(figures, _policies);
        var notes = new List<string> { "Whether reports sent to the contact are received and handled is a process matter (DM-2..DM-6)." };
        if (Root is null)
        {
            return Make(requirement, RequirementStatus.Missing, "No source repository was given, so no disclosure policy could be looked for (pass --repository).", figures, notes, _policies);
        }

        if (_policies.Count == 0)
        {
            return Make(requirement, RequirementStatus.Missing, "No vulnerability disclosure policy (SECURITY.md, .github/SECURITY.md, docs/SECURITY.md or security.txt) in the repository.", figures, notes, _policies);
        }

        if (withContact.Count == 0)
        {
            notes.Add("The policy names no e-mail address or URL to send reports to.");
        }

        return Make(
            requirement,
            withContact.Count > 0 ? RequirementStatus.Found : RequirementStatus.Partial,
            $"Disclosure policy {string.Join(", ", _policies.Select(p => p.Relative))}{(withContact.Count > 0 ? ", naming a contact" : ", without a contact")}.",
            figures,
            notes,
            _policies);
    }

    public RequirementResult Sg(CatalogueRequirement requirement)
    {
        var figures = new List<ReportFigure> { ReportFigure.Of("guides", _guides.Count) };
        var notes = new List<string>();
        if (Root is null)
        {
            return Make(requirement, RequirementStatus.Missing, "No source repository was given, so no security guideline could be looked for (pass --repository).", figures, notes, _guides);
        }

        if (requirement.Id == "SG-7")
        {
            AddDates(figures, _guides);
            notes.Add("A build sees when a guide last changed, not whether it was reviewed: the review itself is not provable by a build.");
            if (_guides.Count == 0)
            {
                return Make(requirement, RequirementStatus.Missing, "No hardening or secure-operation guide in the repository, so none can have been reviewed.", figures, notes, _guides);
            }

            var dated = _guides.Where(g => g.LastChanged is not null).ToList();
            return Make(
                requirement,
                RequirementStatus.Partial,
                dated.Count == 0
                    ? $"{_guides.Count} guide(s) found, none committed (no change date)."
                    : $"{_guides.Count} guide(s); last changed {string.Join(", ", dated.Select(g => g.Relative + " " + Date(g.LastChanged!.Value)))}.",
                figures,
                notes,
                _guides);
        }

        var topic = Topics.First(t => t.Id == requirement.Id);
        var covering = _guides.Where(g => topic.Pattern.IsMatch(g.Relative) || topic.Pattern.IsMatch(g.Text)).ToList();
        figures.Add(ReportFigure.Of("guidesMentioningTopic", covering.Count));
        notes.Add("Found by the words the guides use; whether the guidance is adequate is judged by people (SG-7).");
        if (covering.Count == 0)
        {
            return Make(
                requirement,
                RequirementStatus.Missing,
                _guides.Count == 0
                    ? "No hardening or secure-operation guide in the repository (looked for by file name: hardening, secure-operation, security-guide, ...)."
                    : $"None of the {_guides.Count} guide(s) mentions {topic.Topic}.",
                figures,
                notes,
                _guides);
        }

        return Make(requirement, RequirementStatus.Found, $"{topic.Topic} is addressed in {string.Join(", ", covering.Select(g => g.Relative))}.", figures, notes, covering);
    }

    private static string Date(long epoch) => SourceDateEpoch.ToRfc3339(epoch).Substring(0, 10);

    private static void AddDates(List<ReportFigure> figures, List<RepositoryDocument> documents)
    {
        var dated = documents.Where(d => d.LastChanged is not null).Select(d => d.LastChanged!.Value).ToList();
        if (dated.Count > 0)
        {
            figures.Add(ReportFigure.Of("lastChanged", SourceDateEpoch.ToRfc3339(dated.Max())));
            figures.Add(ReportFigure.Of("oldestLastChanged", SourceDateEpoch.ToRfc3339(dated.Min())));
        }
    }

    private static string? FindCaseInsensitive(string root, string relative)
    {
        var current = root;
        foreach (var part in relative.Split('/'))
        {
            string? match;
            try
            {
                match = Directory.EnumerateFileSystemEntries(current)
                    .Where(e => string.Equals(Path.GetFileName(e), part, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(e => e, StringComparer.Ordinal)
                    .FirstOrDefault();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (match is null)
            {
                return null;
            }

            current = match;
        }

        return File.Exists(current) ? current : null;
    }

    private static void FindGuides(string root, string folder, int depth, List<string> found)
    {
        List<string> files, folders;
        try
        {
            files = Directory.EnumerateFiles(folder).ToList();
            folders = depth < MaxDepth ? Directory.EnumerateDirectories(folder).ToList() : new List<string>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (GuideExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)
                && GuideName.IsMatch(Path.GetFileNameWithoutExtension(name))
                && EvidenceKinds.Of(name) is null
                && !EvidenceKinds.ReportSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(file);
            }
        }

        foreach (var sub in folders)
        {
            var name = Path.GetFileName(sub);
            if (name.StartsWith(".", StringComparison.Ordinal) || name is "bin" or "obj" or "node_modules" or "artifacts" or "TestResults" or "packages")
            {
                continue;
            }

            FindGuides(root, sub, depth + 1, found);
        }
    }

    private void Add(ReportContext context, GitRepository? git, string root, string full, string kind, List<RepositoryDocument> into)
    {
        var relative = Manifest.EvidenceManifest.RelativePath(root, full);
        string text;
        try
        {
            var info = new FileInfo(full);
            text = info.Extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase) || info.Length > MaxTextBytes ? string.Empty : File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Problem(relative, full, "cannot be read (" + ex.Message.TrimEnd('.') + ")");
            return;
        }

        var reference = context.Use(relative, full, kind, EvidenceLocation.Repository);
        if (reference is null)
        {
            return;
        }

        _refs[relative] = reference;
        into.Add(new RepositoryDocument(relative, full, LastChanged(git, full), text));
    }

    private static long? LastChanged(GitRepository? git, string full)
    {
        if (git is null)
        {
            return null;
        }

        try
        {
            var (exitCode, output, _) = git.RunRaw("log", "-1", "--format=%ct", "--", full);
            return exitCode == 0 && long.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : null;
        }
        catch (GitException)
        {
            return null;
        }
    }

    private RequirementResult Make(CatalogueRequirement requirement, RequirementStatus status, string summary, List<ReportFigure> figures, List<string> notes, IEnumerable<RepositoryDocument> documents) => new()
    {
        Requirement = requirement,
        Status = status,
        Summary = summary,
        Figures = figures,
        Evidence = IntegrityEvidence.Sorted(documents.Select(d => _refs[d.Relative])),
        Notes = notes,
    };
}
