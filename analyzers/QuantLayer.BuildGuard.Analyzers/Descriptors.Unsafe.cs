using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the process, native code and reflection rules (QLB1600–1689).</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor ShellExecuteNonConstant = DescriptorFactory.Create(
        DiagnosticIds.ShellExecuteNonConstant,
        title: "Do not start a process through the shell with a file name decided at run time",
        messageFormat: "Process.Start uses the shell (UseShellExecute is {0}) with a file name that is not a constant, so the input decides which program or document handler runs; set UseShellExecute = false and start a known executable",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "With UseShellExecute the shell opens the file name with whatever program is registered for it (documents, "
            + "URLs with any scheme, .lnk, .url); a name taken from input can run arbitrary programs.",
        cwe: "CWE-78");

    public static readonly DiagnosticDescriptor AssemblyLoadFromNonConstantPath = DescriptorFactory.Create(
        DiagnosticIds.AssemblyLoadFromNonConstantPath,
        title: "Do not load code from a path decided at run time",
        messageFormat: "{0} loads code from a path that is not a constant below the application directory; whoever can write that path runs code in this process; load from a fixed location and verify the assembly's signature first",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Assembly.LoadFrom, Assembly.LoadFile, AssemblyLoadContext.LoadFromAssemblyPath and NativeLibrary.Load run "
            + "the code they load. A path taken from configuration, input or a writable folder lets an attacker plant code.",
        cwe: "CWE-829");

    public static readonly DiagnosticDescriptor DllImportSearchPath = DescriptorFactory.Create(
        DiagnosticIds.DllImportSearchPath,
        title: "Declare where a native library may be loaded from",
        messageFormat: "{0} loads '{1}' through the default DLL search order (application and current directory, PATH); add [DefaultDllImportSearchPaths(DllImportSearchPath.System32)] (or AssemblyDirectory) to the method or the assembly",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Without DefaultDllImportSearchPaths, Windows looks for the library in the current directory and every PATH "
            + "entry: a planted DLL of the same name runs with the application's rights (DLL hijacking).",
        cwe: "CWE-427");

    public static readonly DiagnosticDescriptor UnsafeCodeInUntrustedInputParser = DescriptorFactory.Create(
        DiagnosticIds.UnsafeCodeInUntrustedInputParser,
        title: "Do not use unsafe code or raw memory access to parse untrusted input",
        messageFormat: "{0} in code marked as parsing untrusted input; a length or offset taken from the input can read or write outside the buffer; use Span<T>, BinaryPrimitives and bounds-checked indexing",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        description: "Pointer arithmetic, Marshal.Copy/ReadXxx/PtrToStructure and Unsafe/MemoryMarshal bypass the runtime's bounds "
            + "checks. In a parser of protocol frames or files they turn a malformed length into memory corruption.",
        cwe: "CWE-119");
}
