namespace QuantLayer.BuildGuard.TestUtilities;

/// <summary>
/// Runs the independent verifiers installed from npm under tests/interop (the CycloneDX library's
/// schema validator, Sigstore's verifier). <c>build.sh test</c> installs them with <c>npm ci</c>;
/// a test that needs them fails with that instruction when they are missing (never skips).
/// </summary>
public static class NodeInterop
{
    /// <summary>The tests/interop folder.</summary>
    public static string Folder { get; } = RepoPaths.Combine("tests", "interop");

    /// <summary>Runs <c>node tests/interop/&lt;script&gt; args...</c>.</summary>
    public static ProcessResult Run(string script, params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            throw new InvalidOperationException(
                "The npm packages of tests/interop are not installed. Run './build.sh test' (it installs them) or 'npm ci --prefix tests/interop'.");
        }

        return ProcessRunner.Run("node", new[] { Path.Combine(Folder, script) }.Concat(arguments), Folder);
    }
}
