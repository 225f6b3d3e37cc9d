using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Unsafe.AssemblyLoadAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Unsafe;

public sealed class AssemblyLoadAnalyzerTests
{
    private static string Source(string body) => $$"""
        using System;
        using System.IO;
        using System.Reflection;
        using System.Runtime.InteropServices;
        using System.Runtime.Loader;
        class C
        {
            object M(string path, string[] args)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("return {|QLB1601:Assembly.LoadFrom(path)|};")]
    [InlineData("return {|QLB1601:Assembly.LoadFile(args[0])|};")]
    [InlineData("return {|QLB1601:AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(path))|};")]
    [InlineData("return {|QLB1601:NativeLibrary.Load(path)|};")]
    [InlineData("var dir = Environment.GetEnvironmentVariable(\"PLUGINS\")!; return {|QLB1601:Assembly.LoadFrom(Path.Combine(dir, \"driver.dll\"))|};")]
    [InlineData("foreach (var file in Directory.GetFiles(path, \"*.dll\")) { {|QLB1601:Assembly.LoadFrom(file)|}; } return null!;")]
    [InlineData("return {|QLB1601:NativeLibrary.TryLoad(path, out var handle)|};")]
    public async Task Loading_from_a_runtime_path_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("return Assembly.LoadFrom(\"Acme.Drivers.dll\");")]
    [InlineData("return Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, \"drivers\", \"Acme.Drivers.dll\"));")]
    [InlineData("return Assembly.Load(\"Acme.Drivers\");")]
    [InlineData("return NativeLibrary.Load(\"acmeio\", typeof(C).Assembly, DllImportSearchPath.System32);")]
    [InlineData("foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, \"plugins\"), \"*.dll\")) { Assembly.LoadFrom(file); } return null!;")]
    [InlineData("var own = Path.GetDirectoryName(typeof(C).Assembly.Location)!; return Assembly.LoadFile(Path.Combine(own, \"Acme.Drivers.dll\"));")]
    [InlineData("return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(path));")]
    public async Task Fixed_locations_and_names_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));
}
