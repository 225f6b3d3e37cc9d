using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Deserialization;

/// <summary>
/// QLB1202 and QLB1203: Json.NET <c>TypeNameHandling</c> other than <c>None</c>.
/// <list type="bullet">
/// <item>QLB1202, on <c>JsonSerializerSettings</c> and <c>JsonSerializer</c> objects (object
/// initializer or later assignment): silent when the same object gets a
/// <c>SerializationBinder</c> (other than <c>DefaultSerializationBinder</c>) in the same method,
/// when a later assignment sets it back to <c>None</c>, and when the object is a local that only
/// ever reaches <c>JsonConvert.SerializeObject</c> (writing type names is harmless). When the
/// object flows into a deserializing call in the method, the message names it.</item>
/// <item>QLB1203, on <c>[JsonProperty(TypeNameHandling/ItemTypeNameHandling = ...)]</c> and the
/// container attributes' <c>ItemTypeNameHandling</c>.</item>
/// </list>
/// A value that is not a constant (read from configuration) is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JsonTypeNameHandlingAnalyzer : BuildGuardAnalyzer
{
    private static readonly string[] EnumNames = { "None", "Objects", "Arrays", "All", "Auto" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.JsonTypeNameHandling, Descriptors.JsonTypeNameHandlingAttribute);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var compilation = context.Compilation;
        var typeNameHandling = compilation.GetTypeByMetadataName("Newtonsoft.Json.TypeNameHandling");
        if (typeNameHandling is null)
        {
            return;
        }

        var settingsType = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonSerializerSettings");
        var serializerType = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonSerializer");
        var convertType = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonConvert");
        var defaultBinder = compilation.GetTypeByMetadataName("Newtonsoft.Json.Serialization.DefaultSerializationBinder");
        var propertyAttribute = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonPropertyAttribute");
        var containerAttribute = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonContainerAttribute");

        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "TypeNameHandling" } target
                    || !(target.Property.ContainingType.InheritsFromOrEquals(settingsType) || target.Property.ContainingType.InheritsFromOrEquals(serializerType))
                    || assignment.Value.ConstantInt64() is not { } value || value == 0)
                {
                    return;
                }

                var configuration = ObjectTracker.OfWriteReceiver(assignment);
                if (configuration.Last("TypeNameHandling") is { } last && last.Site != assignment)
                {
                    return; // a later assignment decides (and is reported itself if it is not None)
                }

                if (HasBinder(configuration, "SerializationBinder", defaultBinder) || HasBinder(configuration, "Binder", defaultBinder))
                {
                    return;
                }

                string? sink = null;
                var serializeOnly = configuration.Holder is null or ILocalSymbol;
                foreach (var use in configuration.Uses)
                {
                    switch (Classify(use, convertType, serializerType))
                    {
                        case Use.Serialize:
                            break;
                        case Use.Deserialize:
                            serializeOnly = false;
                            sink ??= Describe(use);
                            break;
                        default:
                            serializeOnly = false;
                            break;
                    }
                }

                if (serializeOnly && configuration.Uses.Length > 0)
                {
                    return;
                }

                var name = value is >= 0 and < 5 ? EnumNames[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var flow = sink is null ? string.Empty : " (these settings reach " + sink + ")";
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.JsonTypeNameHandling, assignment.Syntax.GetLocation(), name, flow));
            },
            OperationKind.SimpleAssignment);

        if (propertyAttribute is null && containerAttribute is null)
        {
            return;
        }

        context.RegisterSymbolAction(
            ctx =>
            {
                CheckAttributes(ctx, ctx.Symbol, propertyAttribute, containerAttribute);
                if (ctx.Symbol is IMethodSymbol method)
                {
                    foreach (var parameter in method.Parameters)
                    {
                        CheckAttributes(ctx, parameter, propertyAttribute, containerAttribute);
                    }
                }
            },
            SymbolKind.NamedType,
            SymbolKind.Property,
            SymbolKind.Field,
            SymbolKind.Method);
    }

    private enum Use
    {
        Other,
        Serialize,
        Deserialize,
    }

    private static bool HasBinder(ObjectConfiguration configuration, string property, INamedTypeSymbol? defaultBinder)
    {
        if (configuration.Last(property) is not { } binder || binder.Value.IsNull())
        {
            return false;
        }

        var value = binder.Value.ThroughLocal();
        return !(value is IObjectCreationOperation creation && SymbolEqualityComparer.Default.Equals(creation.Type, defaultBinder));
    }

    private static Use Classify(IOperation use, INamedTypeSymbol? convertType, INamedTypeSymbol? serializerType)
    {
        var parent = use.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        // JsonConvert.X(value, settings) / JsonSerializer.Create(settings)
        if (parent is IArgumentOperation { Parent: IInvocationOperation call })
        {
            var method = call.TargetMethod;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, convertType))
            {
                return method.Name.StartsWith("Serialize", StringComparison.Ordinal) ? Use.Serialize
                    : method.Name.StartsWith("Deserialize", StringComparison.Ordinal) || method.Name == "PopulateObject" ? Use.Deserialize
                    : Use.Other;
            }

            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, serializerType) && method.Name is "Create" or "CreateDefault")
            {
                return Use.Deserialize;
            }

            return Use.Other;
        }

        // serializer.Deserialize(reader) / serializer.Serialize(writer, value)
        if (parent is IInvocationOperation instanceCall && instanceCall.Instance?.WalkDownConversion() == use.WalkDownConversion())
        {
            return instanceCall.TargetMethod.Name is "Deserialize" or "Populate" ? Use.Deserialize
                : instanceCall.TargetMethod.Name == "Serialize" ? Use.Serialize
                : Use.Other;
        }

        return Use.Other;
    }

    private static string Describe(IOperation use)
    {
        for (var current = use.Parent; current is not null; current = current.Parent)
        {
            if (current is IInvocationOperation call)
            {
                return call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name + " on line " + call.Line().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return "a deserializer";
    }

    private static void CheckAttributes(SymbolAnalysisContext context, ISymbol symbol, INamedTypeSymbol? propertyAttribute, INamedTypeSymbol? containerAttribute)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            var isProperty = attribute.AttributeClass.InheritsFromOrEquals(propertyAttribute);
            var isContainer = !isProperty && attribute.AttributeClass.InheritsFromOrEquals(containerAttribute);
            if (!isProperty && !isContainer)
            {
                continue;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key is not ("TypeNameHandling" or "ItemTypeNameHandling")
                    || named.Value.Value is not int value || value == 0)
                {
                    continue;
                }

                var what = isContainer ? "type's items" : named.Key == "ItemTypeNameHandling" ? "member's items" : "member";
                var location = ArgumentLocation(attribute, named.Key) ?? symbol.Locations.FirstOrDefault() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.JsonTypeNameHandlingAttribute,
                    location,
                    named.Key,
                    value is >= 0 and < 5 ? EnumNames[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    what));
            }
        }
    }

    private static Location? ArgumentLocation(AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax || syntax.ArgumentList is null)
        {
            return null;
        }

        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument.GetLocation();
            }
        }

        return null;
    }
}
