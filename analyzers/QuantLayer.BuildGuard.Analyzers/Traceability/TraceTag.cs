using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace QuantLayer.BuildGuard.Analyzers.Traceability;

/// <summary>Whether a tag says the symbol implements or verifies an item.</summary>
internal enum TraceRelation
{
    Implements,
    Verifies,
}

/// <summary>
/// A traceability tag on a symbol: <c>[Implements("SR-1")]</c>, <c>[Verifies("SR-1", Revision = 2)]</c>
/// (any attribute class of that name, in any namespace: the package's own, or the user's), or a
/// test framework's requirement trait: xunit <c>[Trait("Requirement", "SR-1")]</c>, NUnit
/// <c>[Property("Requirement", "SR-1")]</c>, MSTest <c>[TestProperty("Requirement", "SR-1")]</c>.
/// The evidence core's assembly reader applies the same rules to compiled assemblies.
/// </summary>
internal readonly struct TraceTag
{
    /// <summary>The trait / property name that carries a requirement id.</summary>
    public const string TraitName = "Requirement";

    private TraceTag(TraceRelation relation, string? id, int revision, AttributeData attribute, int idArgument, string source)
    {
        Relation = relation;
        Id = id;
        Revision = revision;
        Attribute = attribute;
        IdArgument = idArgument;
        Source = source;
    }

    public TraceRelation Relation { get; }

    public string? Id { get; }

    /// <summary>The revision the tag names; 0 when it names none (then it follows the current revision).</summary>
    public int Revision { get; }

    public AttributeData Attribute { get; }

    public int IdArgument { get; }

    /// <summary>How the tag was written, for messages: "[Verifies]", "the xunit trait", ...</summary>
    public string Source { get; }

    /// <summary>Reads a tag from an attribute; false when the attribute is no tag.</summary>
    public static bool TryRead(AttributeData attribute, TraitTypes traits, out TraceTag tag)
    {
        tag = default;
        var type = attribute.AttributeClass;
        if (type is null)
        {
            return false;
        }

        if (type.Name is "ImplementsAttribute" or "VerifiesAttribute")
        {
            var relation = type.Name == "ImplementsAttribute" ? TraceRelation.Implements : TraceRelation.Verifies;
            if (attribute.ConstructorArguments.Length < 1 || attribute.ConstructorArguments[0].Value is not string id)
            {
                return false;
            }

            var revision = 0;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Revision" && named.Value.Value is int r)
                {
                    revision = r;
                }
            }

            tag = new TraceTag(relation, id, revision, attribute, 0, relation == TraceRelation.Implements ? "[Implements]" : "[Verifies]");
            return true;
        }

        if (!traits.IsTrait(type, out var framework))
        {
            return false;
        }

        if (attribute.ConstructorArguments.Length != 2
            || attribute.ConstructorArguments[0].Value is not string name
            || !string.Equals(name, TraitName, StringComparison.OrdinalIgnoreCase)
            || attribute.ConstructorArguments[1].Value is not string traitId)
        {
            return false;
        }

        tag = new TraceTag(TraceRelation.Verifies, traitId, 0, attribute, 1, framework);
        return true;
    }

    /// <summary>The location of the id argument (or of the attribute).</summary>
    public Location GetIdLocation(CancellationToken cancellationToken)
    {
        var syntax = Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        if (syntax is AttributeSyntax { ArgumentList: { } arguments } && arguments.Arguments.Count > IdArgument)
        {
            return arguments.Arguments[IdArgument].Expression.GetLocation();
        }

        return syntax?.GetLocation() ?? Location.None;
    }
}

/// <summary>The test frameworks' trait attribute types, resolved once per compilation.</summary>
internal sealed class TraitTypes
{
    private readonly INamedTypeSymbol? _xunit;
    private readonly INamedTypeSymbol? _nunit;
    private readonly INamedTypeSymbol? _mstest;

    public TraitTypes(Compilation compilation)
    {
        _xunit = compilation.GetTypeByMetadataName("Xunit.TraitAttribute");
        _nunit = compilation.GetTypeByMetadataName("NUnit.Framework.PropertyAttribute");
        _mstest = compilation.GetTypeByMetadataName("Microsoft.VisualStudio.TestTools.UnitTesting.TestPropertyAttribute");
    }

    public bool IsTrait(INamedTypeSymbol type, out string framework)
    {
        if (SymbolEqualityComparer.Default.Equals(type, _xunit))
        {
            framework = "the xunit trait";
            return true;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _nunit))
        {
            framework = "the NUnit property";
            return true;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _mstest))
        {
            framework = "the MSTest property";
            return true;
        }

        framework = string.Empty;
        return false;
    }
}
