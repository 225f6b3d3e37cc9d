namespace QuantLayer.BuildGuard.TestUtilities;

/// <summary>
/// Opens pages in Debian's headless Chromium (<c>apt-get install -y chromium</c>; the test setup
/// installs it) and returns the DOM after the page's scripts ran. A test that needs it fails with
/// that instruction when it is missing (never skips). Chromium runs offline with a fresh profile.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>The browser executable.</summary>
    public static string Executable { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists) ?? "/usr/bin/chromium";

    /// <summary>Loads <paramref name="url"/> and returns the serialized DOM after scripts ran.</summary>
    public static string DumpDom(string url)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException("Chromium is not installed. Run 'apt-get install -y chromium' (the test setup in build.sh does this).");
        }

        using var profile = new TempDirectory("bg-chromium");
        var result = ProcessRunner.Run(
            Executable,
            new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.Path, "--virtual-time-budget=5000",
                "--dump-dom", url,
            },
            profile.Path,
            timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0 || !result.Output.Contains("</html>", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"chromium --dump-dom {url} failed (exit code {result.ExitCode}):\n{result.Error}");
        }

        return result.Output;
    }

    /// <summary>A file:// URL for a local file, with an optional fragment.</summary>
    public static string FileUrl(string path, string? fragment = null)
        => new Uri(Path.GetFullPath(path)).AbsoluteUri + (fragment is null ? string.Empty : "#" + fragment);
}
