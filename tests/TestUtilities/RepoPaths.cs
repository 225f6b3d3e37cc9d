namespace QuantLayer.BuildGuard.TestUtilities;

/// <summary>Finds files of this repository from a test's output folder.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder of QuantLayer.BuildGuard.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository.</summary>
    public static string Combine(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuantLayer.BuildGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("QuantLayer.BuildGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
