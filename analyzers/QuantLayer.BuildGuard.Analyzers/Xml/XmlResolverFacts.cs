using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Xml;

/// <summary>What an <c>XmlResolver</c> value does with external entities.</summary>
internal enum ResolverKind
{
    /// <summary>Cannot be told (a parameter, a field, a method result).</summary>
    Unknown,

    /// <summary><c>null</c>: nothing external is loaded.</summary>
    Null,

    /// <summary>A resolver that loads nothing or only what it is allowed to (<c>XmlSecureResolver</c>, <c>XmlResolver.ThrowingResolver</c>).</summary>
    Safe,

    /// <summary>A resolver that loads files and URLs (<c>XmlUrlResolver</c>, <c>XmlResolver.FileSystemResolver</c>, custom resolvers).</summary>
    Loads,
}

/// <summary>Classifies resolver values and DTD settings for the XML rules.</summary>
internal static class XmlResolverFacts
{
    /// <summary>Classifies the value assigned to an <c>XmlResolver</c> property.</summary>
    public static ResolverKind Classify(IOperation value, Compilation compilation)
    {
        var inner = value.ThroughLocal();
        if (inner.IsNull())
        {
            return ResolverKind.Null;
        }

        var secure = compilation.GetTypeByMetadataName("System.Xml.XmlSecureResolver");
        var resolver = compilation.GetTypeByMetadataName("System.Xml.XmlResolver");
        switch (inner)
        {
            case IObjectCreationOperation creation when creation.Type.InheritsFromOrEquals(secure):
                return ResolverKind.Safe;
            case IObjectCreationOperation creation when creation.Type.InheritsFromOrEquals(resolver):
                return ResolverKind.Loads;
            case IPropertyReferenceOperation { Property.Name: "ThrowingResolver" } throwing when throwing.Property.ContainingType.InheritsFromOrEquals(resolver):
                return ResolverKind.Safe;
            case IPropertyReferenceOperation { Property.Name: "FileSystemResolver" } fileSystem when fileSystem.Property.ContainingType.InheritsFromOrEquals(resolver):
                return ResolverKind.Loads;
            default:
                return ResolverKind.Unknown;
        }
    }

    /// <summary>The diagnostic property that carries the span of the <c>XmlResolver</c> assignment a code fix sets to null.</summary>
    public const string ResolverSpanProperty = "ResolverSpan";

    /// <summary>Properties pointing a code fix at the resolver assignment <paramref name="site"/>.</summary>
    public static ImmutableDictionary<string, string?> FixProperties(IOperation site)
    {
        var span = site.Syntax.Span;
        return ImmutableDictionary<string, string?>.Empty.Add(
            ResolverSpanProperty,
            span.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + span.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A short description of a resolver value for messages.</summary>
    public static string Describe(IOperation value)
    {
        var inner = value.ThroughLocal();
        return inner switch
        {
            IObjectCreationOperation creation => "XmlResolver is a " + creation.Type?.Name + " (line " + value.Line().ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
            IPropertyReferenceOperation property => "XmlResolver is XmlResolver." + property.Property.Name + " (line " + value.Line().ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
            _ => "XmlResolver is set (line " + value.Line().ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
        };
    }

    /// <summary>
    /// The DTD processing an object is configured with: the later of its <c>DtdProcessing</c> and
    /// (obsolete) <c>ProhibitDtd</c> assignments as 0 = Prohibit, 1 = Ignore, 2 = Parse;
    /// <paramref name="defaultValue"/> when neither is assigned; null when the assigned value is not a constant.
    /// </summary>
    public static long? DtdProcessing(ObjectConfiguration configuration, long? defaultValue, out PropertyWrite? site)
    {
        var dtd = configuration.Last("DtdProcessing");
        var prohibit = configuration.Last("ProhibitDtd");
        if (dtd is { } d && (prohibit is not { } p0 || d.Position > p0.Position))
        {
            site = d;
            return d.Value.ConstantInt64();
        }

        if (prohibit is { } p)
        {
            site = p;
            return p.Value.IsConstantTrue() ? 0 : p.Value.IsConstantFalse() ? 2 : null;
        }

        site = null;
        return defaultValue;
    }
}
