using QuantLayer.BuildGuard.Analyzers.Tests.Stubs;
using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Deserialization.JavaScriptSerializerResolverAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Deserialization;

public sealed class JavaScriptSerializerResolverAnalyzerTests
{
    private const string Resolvers = """
        using System;
        using System.Web.Script.Serialization;

        sealed class ReflectingResolver : JavaScriptTypeResolver
        {
            public override Type ResolveType(string id) => Type.GetType(id);
            public override string ResolveTypeId(Type type) => type.FullName;
        }

        sealed class AssemblyResolver : JavaScriptTypeResolver
        {
            public override Type ResolveType(string id) { var name = id.Trim(); return typeof(AssemblyResolver).Assembly.GetType(name); }
            public override string ResolveTypeId(Type type) => type.FullName;
        }

        sealed class AllowListResolver : JavaScriptTypeResolver
        {
            public override Type ResolveType(string id) => id switch { "point" => typeof(Point), _ => throw new InvalidOperationException() };
            public override string ResolveTypeId(Type type) => "point";
        }

        sealed class ConstantLookupResolver : JavaScriptTypeResolver
        {
            public override Type ResolveType(string id) => Type.GetType("Point");
            public override string ResolveTypeId(Type type) => "point";
        }

        sealed class Point { }
        """;

    private static string Source(string body) => $$"""
        using System.Web.Script.Serialization;
        class C
        {
            object M(JavaScriptTypeResolver unknown)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("return {|QLB1201:new JavaScriptSerializer(new SimpleTypeResolver())|};")]
    [InlineData("var resolver = new SimpleTypeResolver(); return {|QLB1201:new JavaScriptSerializer(resolver)|};")]
    [InlineData("JavaScriptTypeResolver r = new SimpleTypeResolver(); return {|QLB1201:new JavaScriptSerializer(r)|};")]
    [InlineData("return {|QLB1201:new JavaScriptSerializer(new ReflectingResolver())|};")]
    [InlineData("return {|QLB1201:new JavaScriptSerializer(new AssemblyResolver())|};")]
    public async Task A_resolver_that_accepts_any_type_fires(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), LibraryStubs.NetFrameworkSerializers, Resolvers);

    [Theory]
    [InlineData("return new JavaScriptSerializer();")]
    [InlineData("return new JavaScriptSerializer(null);")]
    [InlineData("return new JavaScriptSerializer(new AllowListResolver());")]
    [InlineData("return new JavaScriptSerializer(new ConstantLookupResolver());")]
    [InlineData("return new JavaScriptSerializer(unknown);")]
    [InlineData("JavaScriptTypeResolver r = null; return new JavaScriptSerializer(r);")]
    public async Task No_resolver_or_an_allow_list_is_silent(string body)
        => await Verify.VerifyAnalyzerAsync(Source(body), LibraryStubs.NetFrameworkSerializers, Resolvers);
}
