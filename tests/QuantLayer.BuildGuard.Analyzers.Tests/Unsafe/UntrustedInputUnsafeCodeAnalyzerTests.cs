using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Unsafe.UntrustedInputUnsafeCodeAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Unsafe;

public sealed class UntrustedInputUnsafeCodeAnalyzerTests
{
    private const string Marker = """
        [System.AttributeUsage(System.AttributeTargets.All)]
        sealed class ParsesUntrustedInputAttribute : System.Attribute { }
        """;

    private static string Source(string members, string typeAttribute = "[ParsesUntrustedInput]") => $$"""
        using System;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;
        namespace Acme.Protocol
        {
            {{typeAttribute}}
            static class FrameParser
            {
                {{members}}
            }
        }
        """;

    [Theory]
    [InlineData("static {|QLB1603:unsafe|} int Length(byte* p) => *(ushort*)(p + 2);")]
    [InlineData("static int Length(byte[] frame) { {|QLB1603:unsafe|} { fixed (byte* p = frame) { return *(ushort*)(p + 2); } } }")]
    [InlineData("static void Copy(IntPtr source, byte[] target, int length) => {|QLB1603:Marshal.Copy(source, target, 0, length)|};")]
    [InlineData("static int Read(IntPtr frame) => {|QLB1603:Marshal.ReadInt32(frame, 4)|};")]
    [InlineData("static T Header<T>(IntPtr frame) where T : struct => {|QLB1603:Marshal.PtrToStructure<T>(frame)|};")]
    [InlineData("static int First(byte[] frame) => {|QLB1603:Unsafe.ReadUnaligned<int>(ref frame[0])|};")]
    [InlineData("static ref byte Start(byte[] frame) => ref {|QLB1603:MemoryMarshal.GetArrayDataReference(frame)|};")]
    public async Task Unsafe_code_in_a_marked_parser_fires(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members), Marker);

    [Theory]
    [InlineData("static int Length(ReadOnlySpan<byte> frame) => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(2, 2));")]
    [InlineData("static int Size() => Marshal.SizeOf<int>();")]
    [InlineData("static int Size() => Unsafe.SizeOf<long>();")]
    [InlineData("static int Read(ReadOnlySpan<byte> frame) => MemoryMarshal.Read<int>(frame);")]
    [InlineData("static IntPtr Alloc(int size) => Marshal.AllocHGlobal(size);")]
    [InlineData("static Span<int> Ints(Span<byte> frame) => MemoryMarshal.Cast<byte, int>(frame);")]
    public async Task Bounds_checked_code_in_a_marked_parser_is_silent(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members), Marker);

    [Theory]
    [InlineData("static unsafe int Length(byte* p) => *(ushort*)(p + 2);")]
    [InlineData("static void Copy(IntPtr source, byte[] target, int length) => Marshal.Copy(source, target, 0, length);")]
    [InlineData("static int First(byte[] frame) => Unsafe.ReadUnaligned<int>(ref frame[0]);")]
    public async Task Unmarked_code_is_silent(string members)
        => await Verify.VerifyAnalyzerAsync(Source(members, typeAttribute: string.Empty), Marker);

    [Fact]
    public async Task An_unsafe_type_is_reported_once()
    {
        const string source = """
            [ParsesUntrustedInput]
            {|QLB1603:unsafe|} struct Frame
            {
                public fixed byte Payload[16];
                public int Length(byte* p) { unsafe { return *p; } }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Marker);
    }

    [Fact]
    public async Task Editorconfig_marks_files_and_namespaces()
    {
        var test = Verify.CreateTest(
            Source("static int Read(IntPtr frame) => {|QLB1603:Marshal.ReadInt32(frame, 4)|};", typeAttribute: string.Empty),
            globalConfig: "buildguard.untrusted_input_namespaces = Acme.Import, Acme.Protocol");
        test.TestState.Sources.Add(("Other.cs", "namespace Acme.Ui { static class Win { static int R(System.IntPtr p) => System.Runtime.InteropServices.Marshal.ReadInt32(p); } }"));
        await test.RunAsync();

        var perFile = Verify.CreateTest(Source("static int Read(IntPtr frame) => Marshal.ReadInt32(frame, 4);", typeAttribute: string.Empty));
        perFile.TestState.Sources.Add(("/src/Protocol/Telegram.cs", "namespace Acme.Gateway { static class Telegram { static int R(System.IntPtr p) => {|QLB1603:System.Runtime.InteropServices.Marshal.ReadInt32(p)|}; } }"));
        perFile.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[/src/Protocol/**.cs]\nbuildguard.parses_untrusted_input = true\n"));
        await perFile.RunAsync();
    }
}
