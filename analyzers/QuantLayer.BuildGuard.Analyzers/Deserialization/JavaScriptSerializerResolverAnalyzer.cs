using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Deserialization;

/// <summary>
/// QLB1201: <c>new JavaScriptSerializer(resolver)</c> where the resolver turns the input's
/// <c>__type</c> into any type: a <c>SimpleTypeResolver</c>, or a resolver declared in source
/// whose <c>ResolveType</c> passes its argument to <c>Type.GetType</c>, <c>Assembly.GetType</c> or
/// <c>BuildManager.GetType</c>. A resolver that maps ids to an allow-list of types is silent, and so
/// is a resolver whose code is not visible.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JavaScriptSerializerResolverAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.JavaScriptSerializerTypeResolver);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var serializer = context.Compilation.GetTypeByMetadataName("System.Web.Script.Serialization.JavaScriptSerializer");
        var resolverBase = context.Compilation.GetTypeByMetadataName("System.Web.Script.Serialization.JavaScriptTypeResolver");
        if (serializer is null || resolverBase is null)
        {
            return;
        }

        var simpleResolver = context.Compilation.GetTypeByMetadataName("System.Web.Script.Serialization.SimpleTypeResolver");
        context.RegisterOperationAction(
            ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                if (!creation.Type.InheritsFromOrEquals(serializer))
                {
                    return;
                }

                foreach (var argument in creation.Arguments)
                {
                    if (!argument.Parameter?.Type.InheritsFromOrEquals(resolverBase) ?? true)
                    {
                        continue;
                    }

                    var value = argument.Value.ThroughLocal();
                    if (value.IsNull())
                    {
                        continue;
                    }

                    var resolverType = value is IObjectCreationOperation made ? made.Type : value.Type;
                    string? why = null;
                    if (resolverType.InheritsFromOrEquals(simpleResolver))
                    {
                        why = "SimpleTypeResolver";
                    }
                    else if (resolverType is INamedTypeSymbol named && PassesIdToTypeLookup(named))
                    {
                        why = named.Name + ", whose ResolveType passes the id to a type lookup";
                    }

                    if (why is not null)
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.JavaScriptSerializerTypeResolver, creation.Syntax.GetLocation(), why));
                    }
                }
            },
            OperationKind.ObjectCreation);
    }

    /// <summary>
    /// True when the type's <c>ResolveType(string id)</c> (in source) passes <c>id</c> to a
    /// <c>GetType</c> call (<c>Type.GetType</c>, <c>assembly.GetType</c>, <c>BuildManager.GetType</c>).
    /// Read from the syntax, so it works across files without another semantic model.
    /// </summary>
    private static bool PassesIdToTypeLookup(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers("ResolveType"))
        {
            if (member is not IMethodSymbol { Parameters.Length: 1 } method)
            {
                continue;
            }

            var parameter = method.Parameters[0].Name;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                foreach (var call in reference.GetSyntax().DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = call.Expression switch
                    {
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        _ => null,
                    };
                    if (name == "GetType" && call.ArgumentList.Arguments.Count > 0
                        && call.ArgumentList.Arguments[0].Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == parameter || IsAlias(i, parameter, reference.GetSyntax())))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="identifier"/> is a local initialized from the parameter (<c>var name = id.Trim();</c>).</summary>
    private static bool IsAlias(IdentifierNameSyntax identifier, string parameter, SyntaxNode method)
        => method.DescendantNodes().OfType<VariableDeclaratorSyntax>().Any(v =>
            v.Identifier.ValueText == identifier.Identifier.ValueText
            && v.Initializer is { } init
            && init.Value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == parameter));
}
