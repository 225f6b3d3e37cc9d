namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Process, native code and reflection rule ids (QLB1600–1689).</summary>
internal static partial class DiagnosticIds
{
    /// <summary>Process.Start through the shell with a file name decided at run time.</summary>
    public const string ShellExecuteNonConstant = "QLB1600";

    /// <summary>Assembly.LoadFrom/LoadFile (and equivalents) from a path decided at run time.</summary>
    public const string AssemblyLoadFromNonConstantPath = "QLB1601";

    /// <summary>DllImport/LibraryImport without DefaultDllImportSearchPaths.</summary>
    public const string DllImportSearchPath = "QLB1602";

    /// <summary>unsafe code or raw Marshal/Unsafe memory access in code marked as parsing untrusted input.</summary>
    public const string UnsafeCodeInUntrustedInputParser = "QLB1603";
}
