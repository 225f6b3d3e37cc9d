using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class UnsafeReflectionTests
{
    [Fact]
    public async Task Type_and_assembly_names_from_input_fire()
    {
        const string source = """
            using System;
            using System.Reflection;
            class C
            {
                object? M()
                {
                    var name = Console.ReadLine()!;
                    var type = {|QLB1012:Type.GetType(name)|};
                    {|QLB1012:Assembly.LoadFrom(name)|};
                    {|QLB1012:typeof(string).GetMethod(name)|};
                    return {|QLB1012:Activator.CreateInstance(type!)|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Dictionary_of_known_types_is_silent()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            class C
            {
                static readonly Dictionary<string, Type> Known = new() { ["csv"] = typeof(string) };
                object? M()
                {
                    var key = Console.ReadLine()!;
                    return Known.TryGetValue(key, out var type) ? Activator.CreateInstance(type) : null;
                }
                Type? N() => Type.GetType("System.String");
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
