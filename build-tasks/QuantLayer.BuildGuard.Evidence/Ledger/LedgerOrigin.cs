using System.Text.RegularExpressions;
using QuantLayer.BuildGuard.Evidence.SourceControl;

namespace QuantLayer.BuildGuard.Evidence.Ledger;

/// <summary>The default origin (log identity) of a new ledger.</summary>
public static class LedgerOrigin
{
    /// <summary>
    /// A schema-less URL naming the log: the repository URL without scheme, credentials and
    /// <c>.git</c>, plus <c>/buildguard-ledger</c> (<c>github.com/acme/gateway/buildguard-ledger</c>);
    /// without a repository URL, <c>buildguard.local/&lt;work tree folder name&gt;/buildguard-ledger</c>.
    /// </summary>
    public static string FromRepository(string? repositoryUrl, string projectDirectory)
    {
        if (!string.IsNullOrWhiteSpace(repositoryUrl))
        {
            var url = repositoryUrl!.Trim();
            url = Regex.Replace(url, "^[a-zA-Z][a-zA-Z0-9+.-]*://", string.Empty);
            url = Regex.Replace(url, "^[^@/]*@", string.Empty);
            url = Regex.Replace(url, @"^([^/:]+):(?!\d)", "$1/");
            url = Regex.Replace(url, @"\.git/?$", string.Empty).TrimEnd('/');
            if (url.Length > 0 && !url.Any(char.IsWhiteSpace))
            {
                return url + "/buildguard-ledger";
            }
        }

        var root = GitRepository.Discover(projectDirectory)?.WorkTree ?? projectDirectory;
        return "buildguard.local/" + Path.GetFileName(root.TrimEnd('/', '\\')).Replace(' ', '-') + "/buildguard-ledger";
    }
}
