using QuantLayer.BuildGuard.Analyzers.Unsafe;
using QuantLayer.BuildGuard.CodeFixes.Unsafe;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Unsafe.DllImportSearchPathAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Unsafe;

public sealed class DllImportSearchPathAnalyzerTests
{
    private static string Source(string members) => $$"""
        using System;
        using System.Runtime.InteropServices;
        static partial class Native
        {
            {{members}}
        }
        """;

    [Theory]
    [InlineData("[DllImport(\"winscard.dll\")] static extern int {|QLB1602:SCardEstablishContext|}(uint scope, IntPtr r1, IntPtr r2, out IntPtr context);")]
    [InlineData("[DllImport(\"acmeio\")] static extern int {|QLB1602:Open|}(int port);")]
    [InlineData("[DllImport(\"bcrypt.dll\", SetLastError = true)] static extern int {|QLB1602:BCryptGenRandom|}(IntPtr alg, byte[] buffer, int count, int flags);")]
    [InlineData("[DllImport(\"iphlpapi.dll\")] static extern int {|QLB1602:GetAdaptersInfo|}(IntPtr info, ref int size);")]
    [InlineData("[DllImport(\"Acme.Native.dll\", CallingConvention = CallingConvention.Cdecl)] static extern void {|QLB1602:Init|}();")]
    [InlineData("[LibraryImport(\"acmeio\")] private static partial int {|QLB1602:Close|}(int port); private static partial int Close(int port) => 0;")]
    public async Task PInvokes_without_search_paths_fire(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members));

    [Theory]
    [InlineData("[DllImport(\"kernel32.dll\")] static extern IntPtr GetCurrentProcess();")]
    [InlineData("[DllImport(\"user32\")] static extern bool MessageBeep(uint type);")]
    [InlineData("[DllImport(\"winscard.dll\"), DefaultDllImportSearchPaths(DllImportSearchPath.System32)] static extern int SCardReleaseContext(IntPtr context);")]
    [InlineData("[DllImport(\"libc\")] static extern int getpid();")]
    [InlineData("[DllImport(\"api-ms-win-core-sysinfo-l1-1-0.dll\")] static extern void GetSystemTimeAsFileTime(out long time);")]
    [InlineData("[DllImport(@\"C:\\\\Program Files\\\\Acme\\\\acmeio.dll\")] static extern int Open(int port);")]
    [InlineData("[DllImport(\"libacme.so.1\")] static extern int open_port(int port);")]
    [InlineData("static int NotNative(int port) => port;")]
    public async Task Exempt_libraries_and_declared_search_paths_are_silent(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members));

    [Fact]
    public async Task An_assembly_level_attribute_covers_every_PInvoke()
    {
        const string source = """
            using System;
            using System.Runtime.InteropServices;
            [assembly: DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
            static class Native
            {
                [DllImport("winscard.dll")] static extern int SCardEstablishContext(uint scope, IntPtr r1, IntPtr r2, out IntPtr context);
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Code_fix_adds_System32_to_each_method()
    {
        const string source = """
            using System;
            using System.Runtime.InteropServices;
            static class Native
            {
                [DllImport("winscard.dll")]
                static extern int {|QLB1602:SCardEstablishContext|}(uint scope, IntPtr r1, IntPtr r2, out IntPtr context);

                /// <summary>Opens the port.</summary>
                [DllImport("acmeio")]
                static extern int {|QLB1602:Open|}(int port);
            }
            """;
        const string fixedSource = """
            using System;
            using System.Runtime.InteropServices;
            static class Native
            {
                [DllImport("winscard.dll")]
                [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
                static extern int SCardEstablishContext(uint scope, IntPtr r1, IntPtr r2, out IntPtr context);

                /// <summary>Opens the port.</summary>
                [DllImport("acmeio")]
                [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
                static extern int Open(int port);
            }
            """;
        await Verifiers.CSharpCodeFixVerifier<DllImportSearchPathAnalyzer, DllImportSearchPathCodeFix>.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Code_fix_can_allow_the_application_directory_and_adds_the_using()
    {
        var test = new Verifiers.CSharpCodeFixVerifier<DllImportSearchPathAnalyzer, DllImportSearchPathCodeFix>.Test
        {
            TestCode = """
                class Native
                {
                    [System.Runtime.InteropServices.DllImport("acmeio")]
                    static extern int {|QLB1602:Open|}(int port);
                }
                """,
            FixedCode = """
                using System.Runtime.InteropServices;

                class Native
                {
                    [System.Runtime.InteropServices.DllImport("acmeio")]
                    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.System32)]
                    static extern int Open(int port);
                }
                """,
            CodeActionEquivalenceKey = "Search the application directory and System32",
            CodeActionIndex = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Assembly_code_fix_adds_one_attribute_for_the_project()
    {
        var test = new Verifiers.CSharpCodeFixVerifier<DllImportSearchPathAnalyzer, DllImportSearchPathAssemblyCodeFix>.Test
        {
            TestCode = """
                using System;
                using System.Runtime.InteropServices;
                static class Native
                {
                    [DllImport("winscard.dll")] static extern int {|QLB1602:SCardEstablishContext|}(uint scope, IntPtr r1, IntPtr r2, out IntPtr context);
                    [DllImport("acmeio")] static extern int {|QLB1602:Open|}(int port);
                }
                """,
            FixedCode = """
                using System;
                using System.Runtime.InteropServices;

                [assembly: DefaultDllImportSearchPaths(DllImportSearchPath.System32)]

                static class Native
                {
                    [DllImport("winscard.dll")] static extern int SCardEstablishContext(uint scope, IntPtr r1, IntPtr r2, out IntPtr context);
                    [DllImport("acmeio")] static extern int Open(int port);
                }
                """,
            NumberOfFixAllIterations = 0,
        };
        await test.RunAsync();
    }
}
