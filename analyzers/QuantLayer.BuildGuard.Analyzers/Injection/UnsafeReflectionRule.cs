using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>
/// QLB1012: type, assembly and member names that reach Type.GetType, Assembly.Load*/GetType/CreateInstance,
/// Activator, AppDomain, AssemblyLoadContext and member lookup by name. (QLB16xx has the
/// pattern rule for non-constant Assembly.Load; this one needs untrusted data.)
/// </summary>
internal static class UnsafeReflectionRule
{
    private const TaintCategory C = TaintCategory.Reflection;
    private const string Id = DiagnosticIds.UnsafeReflection;

    public static TaintRule Rule { get; } = new(Descriptors.UnsafeReflection, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        yield return TaintRule.Sink(Id, C, "System.Type", "GetType", "typeName");
        yield return TaintRule.Sink(Id, C, "System.Type", "GetTypeFromProgID", "progID");
        foreach (var method in new[] { "InvokeMember", "GetMethod", "GetProperty", "GetField", "GetMember", "GetEvent", "GetNestedType" })
        {
            yield return TaintRule.Sink(Id, C, "System.Type", method, "name");
        }

        yield return TaintRule.Sink(Id, C, "System.Reflection.Assembly", "Load", "assemblyString", "rawAssembly");
        yield return TaintRule.Sink(Id, C, "System.Reflection.Assembly", "LoadFrom", "assemblyFile");
        yield return TaintRule.Sink(Id, C, "System.Reflection.Assembly", "UnsafeLoadFrom", "assemblyFile");
        yield return TaintRule.Sink(Id, C, "System.Reflection.Assembly", "LoadFile", "path");
        yield return TaintRule.Sink(Id, C, "System.Reflection.Assembly", "GetType", "name");
        yield return TaintRule.Sink(Id, C, "System.Reflection.Assembly", "CreateInstance", "typeName");
        yield return TaintRule.Sink(Id, C, "System.Activator", "CreateInstance", "assemblyName", "typeName", "type", "assemblyFile");
        yield return TaintRule.Sink(Id, C, "System.Activator", "CreateInstanceFrom", "assemblyFile", "typeName");
        foreach (var method in new[] { "CreateInstance", "CreateInstanceAndUnwrap", "CreateInstanceFrom", "CreateInstanceFromAndUnwrap", "Load", "ExecuteAssembly", "ExecuteAssemblyByName" })
        {
            yield return TaintRule.Sink(Id, C, "System.AppDomain", method, "assemblyName", "typeName", "assemblyFile", "assemblyString", "rawAssembly");
        }

        yield return TaintRule.Sink(Id, C, "System.Runtime.Loader.AssemblyLoadContext", "LoadFromAssemblyPath", "assemblyPath");
        yield return TaintRule.Sink(Id, C, "System.Runtime.Loader.AssemblyLoadContext", "LoadFromStream", "assembly");
    }
}
