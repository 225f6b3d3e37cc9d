using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace QuantLayer.BuildGuard.Evidence.Traceability;

/// <summary>
/// Reads the traceability tags of a compiled assembly with System.Reflection.Metadata (no loading,
/// no reflection, works for any target framework): <c>[Implements]</c> / <c>[Verifies]</c> (any
/// attribute class of that name, with an id string and an optional <c>Revision</c>), and the
/// requirement traits of xunit (<c>Xunit.TraitAttribute</c>), NUnit
/// (<c>NUnit.Framework.PropertyAttribute</c>) and MSTest (<c>TestPropertyAttribute</c>) named
/// "Requirement". The same rules as the analyzers. A class-level test tag applies to every test
/// method of the class.
/// </summary>
public static class AssemblyTagReader
{
    private static readonly HashSet<string> TestAttributes = new(StringComparer.Ordinal)
    {
        "FactAttribute", "TheoryAttribute", "TestAttribute", "TestCaseAttribute", "TestCaseSourceAttribute",
        "TestMethodAttribute", "DataTestMethodAttribute", "TheoryAttribute", "RetryFactAttribute",
    };

    /// <summary>Reads an assembly file. Throws <see cref="IOException"/> or <see cref="BadImageFormatException"/>.</summary>
    public static IReadOnlyList<TraceTag> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(stream);
    }

    /// <summary>Reads an assembly from a stream.</summary>
    public static IReadOnlyList<TraceTag> Read(Stream stream)
    {
        using var pe = new PEReader(stream, PEStreamOptions.LeaveOpen);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("The file has no .NET metadata.");
        }

        var reader = pe.GetMetadataReader();
        var assembly = reader.IsAssembly ? reader.GetString(reader.GetAssemblyDefinition().Name) : reader.GetString(reader.GetModuleDefinition().Name);
        var tags = new List<TraceTag>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            var typeName = FullName(reader, type);
            var typeTags = ReadTags(reader, type.GetCustomAttributes());
            var testMethods = new List<string>();
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var name = reader.GetString(method.Name);
                var isTest = false;
                foreach (var attributeHandle in method.GetCustomAttributes())
                {
                    var (_, attributeName) = AttributeType(reader, reader.GetCustomAttribute(attributeHandle));
                    if (TestAttributes.Contains(attributeName) || attributeName.EndsWith("FactAttribute", StringComparison.Ordinal) || attributeName.EndsWith("TheoryAttribute", StringComparison.Ordinal))
                    {
                        isTest = true;
                        break;
                    }
                }

                if (isTest && !testMethods.Contains(name))
                {
                    testMethods.Add(name);
                }

                foreach (var (relation, id, revision, source) in ReadTags(reader, method.GetCustomAttributes()))
                {
                    var symbol = typeName + "." + name;
                    tags.Add(new TraceTag(relation, id, revision, symbol, assembly, relation == TraceRelation.Verifies ? symbol : null, source));
                }
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                AddMemberTags(reader, property.GetCustomAttributes(), typeName + "." + reader.GetString(property.Name), assembly, tags);
            }

            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                AddMemberTags(reader, field.GetCustomAttributes(), typeName + "." + reader.GetString(field.Name), assembly, tags);
            }

            foreach (var eventHandle in type.GetEvents())
            {
                var @event = reader.GetEventDefinition(eventHandle);
                AddMemberTags(reader, @event.GetCustomAttributes(), typeName + "." + reader.GetString(@event.Name), assembly, tags);
            }

            foreach (var (relation, id, revision, source) in typeTags)
            {
                if (relation == TraceRelation.Verifies && testMethods.Count > 0)
                {
                    foreach (var test in testMethods)
                    {
                        tags.Add(new TraceTag(relation, id, revision, typeName + "." + test, assembly, typeName + "." + test, source));
                    }
                }
                else
                {
                    tags.Add(new TraceTag(relation, id, revision, typeName, assembly, null, source));
                }
            }
        }

        return tags;
    }

    private static void AddMemberTags(MetadataReader reader, CustomAttributeHandleCollection attributes, string symbol, string assembly, List<TraceTag> tags)
    {
        foreach (var (relation, id, revision, source) in ReadTags(reader, attributes))
        {
            tags.Add(new TraceTag(relation, id, revision, symbol, assembly, null, source));
        }
    }

    private static List<(TraceRelation Relation, string Id, int Revision, string Source)> ReadTags(MetadataReader reader, CustomAttributeHandleCollection attributes)
    {
        var result = new List<(TraceRelation, string, int, string)>();
        foreach (var handle in attributes)
        {
            var attribute = reader.GetCustomAttribute(handle);
            var (ns, name) = AttributeType(reader, attribute);
            var isTag = name is "ImplementsAttribute" or "VerifiesAttribute";
            var trait = (ns, name) switch
            {
                ("Xunit", "TraitAttribute") => "xunit trait",
                ("NUnit.Framework", "PropertyAttribute") => "NUnit property",
                ("Microsoft.VisualStudio.TestTools.UnitTesting", "TestPropertyAttribute") => "MSTest property",
                _ => null,
            };
            if (!isTag && trait is null)
            {
                continue;
            }

            CustomAttributeValue<string> value;
            try
            {
                value = attribute.DecodeValue(TypeNameProvider.Instance);
            }
            catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or NotSupportedException or ArgumentException)
            {
                continue;
            }

            if (isTag)
            {
                if (value.FixedArguments.Length < 1 || value.FixedArguments[0].Value is not string id)
                {
                    continue;
                }

                var revision = 0;
                foreach (var named in value.NamedArguments)
                {
                    if (named.Name == "Revision" && named.Value is int r)
                    {
                        revision = r;
                    }
                }

                result.Add((name == "ImplementsAttribute" ? TraceRelation.Implements : TraceRelation.Verifies, id.Trim(), revision, name == "ImplementsAttribute" ? "[Implements]" : "[Verifies]"));
            }
            else if (value.FixedArguments.Length == 2
                     && value.FixedArguments[0].Value is string traitName
                     && string.Equals(traitName, "Requirement", StringComparison.OrdinalIgnoreCase)
                     && value.FixedArguments[1].Value is string traitValue)
            {
                result.Add((TraceRelation.Verifies, traitValue.Trim(), 0, trait!));
            }
        }

        return result;
    }

    private static (string Namespace, string Name) AttributeType(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle parent;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MethodDefinition:
                parent = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                break;
            case HandleKind.MemberReference:
                parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                break;
            default:
                return (string.Empty, string.Empty);
        }

        switch (parent.Kind)
        {
            case HandleKind.TypeDefinition:
                var definition = reader.GetTypeDefinition((TypeDefinitionHandle)parent);
                return (reader.GetString(definition.Namespace), reader.GetString(definition.Name));
            case HandleKind.TypeReference:
                var reference = reader.GetTypeReference((TypeReferenceHandle)parent);
                return (reader.GetString(reference.Namespace), reader.GetString(reference.Name));
            default:
                return (string.Empty, string.Empty);
        }
    }

    /// <summary>Namespace.Type, nested types joined with '+' (the form test frameworks report).</summary>
    private static string FullName(MetadataReader reader, TypeDefinition type)
    {
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return FullName(reader, reader.GetTypeDefinition(declaring)) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Decodes attribute argument types to their names (enums are read as Int32).</summary>
    private sealed class TypeNameProvider : ICustomAttributeTypeProvider<string>
    {
        public static readonly TypeNameProvider Instance = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type is "System.Type" or "Type";
    }
}
