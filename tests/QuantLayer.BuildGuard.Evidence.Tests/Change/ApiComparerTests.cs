using QuantLayer.BuildGuard.Evidence.Change;

namespace QuantLayer.BuildGuard.Evidence.Tests.Change;

/// <summary>Each kind of API change, compiled for real and read back with System.Reflection.Metadata.</summary>
public sealed class ApiComparerTests
{
    public static TheoryData<string, string, string, ApiChangeKind, bool, string> Cases => new()
    {
        // name, before, after, kind, breaking, reason contains
        { "removed method", "public class C { public void M() {} public void N() {} }", "public class C { public void N() {} }", ApiChangeKind.Removed, true, "method removed" },
        { "added method", "public class C { }", "public class C { public void M() {} }", ApiChangeKind.Added, false, "method added" },
        { "changed parameter type", "public class C { public void M(int x) {} }", "public class C { public void M(long x) {} }", ApiChangeKind.Changed, true, "signature changed from (int) to (long)" },
        { "changed return type", "public class C { public int M() => 0; }", "public class C { public long M() => 0; }", ApiChangeKind.Changed, true, "type changed from int to long" },
        { "added optional parameter", "public class C { public void M(int x) {} }", "public class C { public void M(int x, int y = 0) {} }", ApiChangeKind.Changed, true, "optional parameter added" },
        { "new interface member", "public interface I { void A(); }", "public interface I { void A(); void B(); }", ApiChangeKind.Added, true, "interface member added without a default implementation" },
        { "new interface member with default", "public interface I { void A(); }", "public interface I { void A(); void B() {} }", ApiChangeKind.Added, false, "method added" },
        { "sealed class", "public class C { }", "public sealed class C { }", ApiChangeKind.Changed, true, "class sealed" },
        { "unsealed class", "public sealed class C { }", "public class C { }", ApiChangeKind.Changed, false, "class unsealed" },
        { "enum value added", "public enum E { A, B }", "public enum E { A, B, C }", ApiChangeKind.Added, false, "enum value added" },
        { "enum value removed", "public enum E { A, B }", "public enum E { A }", ApiChangeKind.Removed, true, "enum value removed" },
        { "enum value renumbered", "public enum E { A = 1 }", "public enum E { A = 2 }", ApiChangeKind.Changed, true, "enum value changed from 1 to 2" },
        { "constant changed", "public static class K { public const int Max = 10; }", "public static class K { public const int Max = 20; }", ApiChangeKind.Changed, true, "constant changed from 10 to 20" },
        { "type removed", "public class C { } public class D { }", "public class C { }", ApiChangeKind.Removed, true, "type removed" },
        { "type added", "public class C { }", "public class C { } public class D { }", ApiChangeKind.Added, false, "type added" },
        { "type made internal", "public class C { } public class D { }", "public class C { } internal class D { }", ApiChangeKind.Removed, true, "type removed" },
        { "abstract member added", "public abstract class B { }", "public abstract class B { public abstract void M(); }", ApiChangeKind.Added, true, "abstract member added" },
        { "virtual removed", "public class C { public virtual void M() {} }", "public class C { public void M() {} }", ApiChangeKind.Changed, true, "no longer virtual" },
        { "made virtual", "public class C { public void M() {} }", "public class C { public virtual void M() {} }", ApiChangeKind.Changed, false, "made virtual" },
        { "setter removed", "public class C { public int P { get; set; } }", "public class C { public int P { get; } }", ApiChangeKind.Changed, true, "setter removed" },
        { "setter added", "public class C { public int P { get; } }", "public class C { public int P { get; set; } }", ApiChangeKind.Changed, false, "setter added" },
        { "field made readonly", "public class C { public int F; }", "public class C { public readonly int F; }", ApiChangeKind.Changed, true, "read-only" },
        { "interface implementation removed", "public class C : System.IDisposable { public void Dispose() {} }", "public class C { public void Dispose() {} }", ApiChangeKind.Changed, true, "no longer implements System.IDisposable" },
        { "public to protected", "public class C { public void M() {} }", "public class C { protected void M() {} }", ApiChangeKind.Changed, true, "visibility reduced" },
        { "struct to class", "public struct S { }", "public class S { }", ApiChangeKind.Changed, true, "type kind changed from struct to class" },
        { "made static", "public class C { public void M() {} }", "public class C { public static void M() {} }", ApiChangeKind.Changed, true, "made static" },
        { "event added", "public class C { }", "public class C { public event System.EventHandler E; }", ApiChangeKind.Added, false, "event added" },
        { "generic method arity", "public class C { public void M<T>(T x) {} }", "public class C { public void M<T, U>(T x) {} }", ApiChangeKind.Changed, true, "signature changed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_kind_of_change_is_classified(string name, string before, string after, ApiChangeKind kind, bool breaking, string reason)
    {
        var changes = Diff(before, after);
        var change = Assert.Single(changes, c => c.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.True(kind == change.Kind, name + ": " + change);
        Assert.True(breaking == change.Breaking, name + ": " + change);
        Assert.Equal(breaking, changes.Any(c => c.Breaking));
    }

    [Fact]
    public void Identical_libraries_and_private_changes_give_no_changes()
    {
        const string Source = "public class C { public int P { get; set; } public void M(int x, string y = null) {} protected internal void Q() {} internal void Hidden() {} private int _f; }";
        Assert.Empty(Diff(Source, Source));
        Assert.Empty(Diff("public class C { private void A() {} internal class N {} }", "public class C { private void B(int x) {} internal class N2 {} }"));
        Assert.Empty(Diff("public sealed class C { }", "public sealed class C { private protected void X() {} }"));
    }

    [Fact]
    public void The_reader_sees_nested_generic_protected_and_accessor_shapes()
    {
        var api = ApiReader.Read(new MemoryStream(LibraryCompiler.Compile("""
            namespace N;
            public class Outer<T>
            {
                public class Inner { public T Value { get; set; } }
                protected class Hidden { }
                public System.Collections.Generic.List<T> Items(ref int count, out string[] names) { names = null; return null; }
                public T this[int index] => default;
                protected virtual void Hook() { }
            }
            public sealed class Closed { protected class Invisible { } }
            """)));
        Assert.Equal(new[] { "N.Closed", "N.Outer`1", "N.Outer`1+Hidden", "N.Outer`1+Inner" }, api.Types.Keys);
        var outer = api.Types["N.Outer`1"];
        Assert.Contains("M:Items(int&,string[]&)", outer.Members.Keys);
        Assert.Contains("P:Item[int]", outer.Members.Keys);
        Assert.Equal("System.Collections.Generic.List<T> N.Outer.Items(int& count, string[]& names)", outer.Members["M:Items(int&,string[]&)"].Display);
        Assert.False(outer.Members["M:Hook()"].IsPublic);
        Assert.True(outer.Members["M:Hook()"].IsVirtual);
        Assert.False(api.Types["N.Outer`1+Hidden"].IsPublic);
        Assert.Equal("T", api.Types["N.Outer`1+Inner"].Members["P:Value"].Type);
    }

    private static List<ApiChange> Diff(string before, string after)
    {
        var a = ApiReader.Read(new MemoryStream(LibraryCompiler.Compile(before)));
        var b = ApiReader.Read(new MemoryStream(LibraryCompiler.Compile(after)));
        return ApiComparer.Compare("Lib", a, b);
    }
}
