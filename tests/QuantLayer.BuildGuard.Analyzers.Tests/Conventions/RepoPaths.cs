namespace QuantLayer.BuildGuard.Analyzers.Tests.Conventions;

/// <summary>Finds files of this repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

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
