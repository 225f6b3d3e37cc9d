using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Unsafe.ShellExecuteAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Unsafe;

public sealed class ShellExecuteAnalyzerTests
{
    internal const string NetFramework48 = "[assembly: System.Runtime.Versioning.TargetFramework(\".NETFramework,Version=v4.8\")]";

    private static string Source(string body, string assemblyAttribute = "") => $$"""
        using System;
        using System.Diagnostics;
        using System.IO;
        {{assemblyAttribute}}
        class C
        {
            object M(string path, string code, Process existing)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("return {|QLB1600:Process.Start(new ProcessStartInfo(path) { UseShellExecute = true })|};")]
    [InlineData("var psi = new ProcessStartInfo { FileName = path }; psi.UseShellExecute = true; return {|QLB1600:Process.Start(psi)|};")]
    [InlineData("var p = new Process(); p.StartInfo.FileName = path; p.StartInfo.UseShellExecute = true; {|QLB1600:p.Start()|}; return p;")]
    [InlineData("var p = new Process { StartInfo = new ProcessStartInfo(path) { UseShellExecute = true } }; {|QLB1600:p.Start()|}; return p;")]
    [InlineData("var psi = new ProcessStartInfo(\"notepad.exe\") { UseShellExecute = true }; psi.FileName = \"file://\" + path; return {|QLB1600:Process.Start(psi)|};")]
    [InlineData("var name = Path.Combine(Environment.CurrentDirectory, path); return {|QLB1600:Process.Start(new ProcessStartInfo { FileName = name, UseShellExecute = true })|};")]
    public async Task Shell_execute_of_a_runtime_file_name_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("return Process.Start(new ProcessStartInfo(path) { UseShellExecute = false });")]
    [InlineData("return Process.Start(new ProcessStartInfo(path));")]
    [InlineData("return Process.Start(new ProcessStartInfo(\"https://docs.acme-controls.com/help\") { UseShellExecute = true });")]
    [InlineData("return Process.Start(new ProcessStartInfo($\"https://docs.acme-controls.com/errors/{code}\") { UseShellExecute = true });")]
    [InlineData("return Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, \"manual.pdf\")) { UseShellExecute = true });")]
    [InlineData("return Process.Start(path);")]
    [InlineData("existing.Start(); return existing;")]
    public async Task Constant_targets_no_shell_and_modern_defaults_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body));

    [Theory]
    [InlineData("return {|QLB1600:Process.Start(path)|};")]
    [InlineData("return {|QLB1600:Process.Start(new ProcessStartInfo(path))|};")]
    [InlineData("var p = new Process(); p.StartInfo.FileName = path; {|QLB1600:p.Start()|}; return p;")]
    public async Task On_NET_Framework_the_shell_is_the_default(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body, NetFramework48));

    [Theory]
    [InlineData("return Process.Start(\"notepad.exe\");")]
    [InlineData("return Process.Start(new ProcessStartInfo(path) { UseShellExecute = false });")]
    public async Task On_NET_Framework_explicit_no_shell_or_constants_are_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body, NetFramework48));
}
