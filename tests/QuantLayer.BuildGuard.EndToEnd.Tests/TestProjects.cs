namespace QuantLayer.BuildGuard.EndToEnd.Tests;

/// <summary>Small projects written by the tests.</summary>
internal static class TestProjects
{
    /// <summary>A library referencing BuildGuard, with extra properties and one source file.</summary>
    public static string WriteLibrary(string directory, string version, string source, string properties = "")
    {
        File.WriteAllText(Path.Combine(directory, "Lib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="QuantLayer.BuildGuard" Version="{version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Code.cs"), source);
        File.WriteAllText(Path.Combine(directory, "global.json"), """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");
        return Path.Combine(directory, "Lib.csproj");
    }

    /// <summary>Code with a known QLB1100 violation.</summary>
    public const string WeakHash = """
        using System.Security.Cryptography;
        public static class Checksums
        {
            public static byte[] Of(byte[] data) => MD5.HashData(data);
        }
        """;

    /// <summary>The safe twin.</summary>
    public const string StrongHash = """
        using System.Security.Cryptography;
        public static class Checksums
        {
            public static byte[] Of(byte[] data) => SHA256.HashData(data);
        }
        """;
}
