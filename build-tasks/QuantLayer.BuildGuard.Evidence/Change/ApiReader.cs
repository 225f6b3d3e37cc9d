using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace QuantLayer.BuildGuard.Evidence.Change;

/// <summary>
/// Reads the public surface of an assembly with System.Reflection.Metadata: no loading, no
/// reflection context, nothing executed, any target framework. Visible means public, or protected
/// (family / protected internal) in an unsealed visible type. Property and event accessors are
/// folded into their property or event.
/// </summary>
public static class ApiReader
{
    /// <summary>Reads an assembly file. Throws <see cref="BadImageFormatException"/> or <see cref="IOException"/>.</summary>
    public static ApiAssembly Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Reads an assembly from a stream. Throws <see cref="BadImageFormatException"/> when it is not a .NET assembly.</summary>
    public static ApiAssembly Read(Stream stream)
    {
        using var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("the file has no .NET metadata (a native binary?)");
        }

        var reader = pe.GetMetadataReader();
        if (!reader.IsAssembly)
        {
            throw new BadImageFormatException("the file is a .NET module, not an assembly");
        }

        var definition = reader.GetAssemblyDefinition();
        var assembly = new ApiAssembly { Name = reader.GetString(definition.Name), Version = definition.Version.ToString() };
        var provider = new SignatureNames(reader);
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!IsVisible(reader, type, out var isPublic))
            {
                continue;
            }

            var apiType = ReadType(reader, provider, handle, type, isPublic);
            assembly.Types[apiType.FullName] = apiType;
        }

        return assembly;
    }

    private static bool IsVisible(MetadataReader reader, TypeDefinition type, out bool isPublic)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        isPublic = false;
        if (!type.GetDeclaringType().IsNil)
        {
            var declaring = reader.GetTypeDefinition(type.GetDeclaringType());
            if (!IsVisible(reader, declaring, out var declaringPublic))
            {
                return false;
            }

            switch (visibility)
            {
                case TypeAttributes.NestedPublic:
                    isPublic = declaringPublic;
                    return true;
                case TypeAttributes.NestedFamily:
                case TypeAttributes.NestedFamORAssem:
                    return (declaring.Attributes & TypeAttributes.Sealed) == 0;
                default:
                    return false;
            }
        }

        isPublic = visibility == TypeAttributes.Public;
        return isPublic;
    }

    private static ApiType ReadType(MetadataReader reader, SignatureNames provider, TypeDefinitionHandle handle, TypeDefinition type, bool isPublic)
    {
        var fullName = SignatureNames.MetadataName(reader, handle);
        var context = new GenericNames(TypeParameterNames(reader, type), Array.Empty<string>());
        var baseName = type.BaseType.IsNil ? null : provider.Name(type.BaseType, context);
        var kind = (type.Attributes & TypeAttributes.Interface) != 0 ? ApiTypeKind.Interface
            : baseName == "System.Enum" ? ApiTypeKind.Enum
            : baseName == "System.ValueType" && fullName != "System.Enum" ? ApiTypeKind.Struct
            : baseName == "System.MulticastDelegate" ? ApiTypeKind.Delegate
            : ApiTypeKind.Class;
        var sealedFlag = (type.Attributes & TypeAttributes.Sealed) != 0;
        var abstractFlag = (type.Attributes & TypeAttributes.Abstract) != 0;
        var isStatic = kind == ApiTypeKind.Class && sealedFlag && abstractFlag;
        var interfaces = type.GetInterfaceImplementations()
            .Select(i => provider.Name(reader.GetInterfaceImplementation(i).Interface, context))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

        // Members of a sealed type that only derived types could see are invisible.
        var protectedVisible = !sealedFlag;
        var methods = new Dictionary<MethodDefinitionHandle, MethodDefinition>();
        foreach (var methodHandle in type.GetMethods())
        {
            methods[methodHandle] = reader.GetMethodDefinition(methodHandle);
        }

        var hasVisibleConstructor = methods.Values.Any(m => reader.GetString(m.Name) == ".ctor" && MemberVisible(m.Attributes, protectedVisible, out _));
        var apiType = new ApiType
        {
            FullName = fullName,
            DisplayName = SignatureNames.Display(fullName),
            Kind = kind,
            IsPublic = isPublic,
            IsSealed = sealedFlag && !isStatic,
            IsAbstract = abstractFlag && !isStatic && kind != ApiTypeKind.Interface,
            IsStatic = isStatic,
            IsExtensible = kind == ApiTypeKind.Class && !sealedFlag && hasVisibleConstructor,
            BaseType = kind == ApiTypeKind.Class ? baseName : null,
            Interfaces = interfaces,
        };

        var accessors = new HashSet<MethodDefinitionHandle>();
        foreach (var propertyHandle in type.GetProperties())
        {
            var property = reader.GetPropertyDefinition(propertyHandle);
            var access = property.GetAccessors();
            accessors.Add(access.Getter);
            accessors.Add(access.Setter);
            var getterPublic = false;
            var setterPublic = false;
            var getterVisible = !access.Getter.IsNil && MemberVisible(methods[access.Getter].Attributes, protectedVisible, out getterPublic);
            var setterVisible = !access.Setter.IsNil && MemberVisible(methods[access.Setter].Attributes, protectedVisible, out setterPublic);
            if (!getterVisible && !setterVisible)
            {
                continue;
            }

            var any = getterVisible ? methods[access.Getter] : methods[access.Setter];
            var signature = property.DecodeSignature(provider, context);
            var name = reader.GetString(property.Name);
            var parameters = signature.ParameterTypes;
            var key = "P:" + name + (parameters.Length > 0 ? "[" + string.Join(",", parameters) + "]" : string.Empty);
            apiType.Members[key] = new ApiMember
            {
                Key = key,
                Name = name,
                Kind = ApiMemberKind.Property,
                Display = signature.ReturnType + " " + apiType.DisplayName + "." + name + (parameters.Length > 0 ? "[" + string.Join(", ", parameters) + "]" : string.Empty)
                    + " { " + (getterVisible ? "get; " : string.Empty) + (setterVisible ? "set; " : string.Empty) + "}",
                IsPublic = (getterVisible && getterPublic) || (setterVisible && setterPublic),
                IsStatic = (any.Attributes & MethodAttributes.Static) != 0,
                IsVirtual = IsOverridable(any.Attributes),
                IsAbstract = (any.Attributes & MethodAttributes.Abstract) != 0,
                Type = signature.ReturnType,
                ParameterTypes = parameters,
                HasGetter = getterVisible,
                HasSetter = setterVisible,
            };
        }

        foreach (var eventHandle in type.GetEvents())
        {
            var @event = reader.GetEventDefinition(eventHandle);
            var access = @event.GetAccessors();
            accessors.Add(access.Adder);
            accessors.Add(access.Remover);
            accessors.Add(access.Raiser);
            if (access.Adder.IsNil || !MemberVisible(methods[access.Adder].Attributes, protectedVisible, out var eventPublic))
            {
                continue;
            }

            var adder = methods[access.Adder];
            var name = reader.GetString(@event.Name);
            var eventType = provider.Name(@event.Type, context);
            var key = "E:" + name;
            apiType.Members[key] = new ApiMember
            {
                Key = key,
                Name = name,
                Kind = ApiMemberKind.Event,
                Display = "event " + eventType + " " + apiType.DisplayName + "." + name,
                IsPublic = eventPublic,
                IsStatic = (adder.Attributes & MethodAttributes.Static) != 0,
                IsVirtual = IsOverridable(adder.Attributes),
                IsAbstract = (adder.Attributes & MethodAttributes.Abstract) != 0,
                Type = eventType,
            };
        }

        foreach (var pair in methods)
        {
            var method = pair.Value;
            var name = reader.GetString(method.Name);
            if (accessors.Contains(pair.Key) || name == ".cctor" || !MemberVisible(method.Attributes, protectedVisible, out var methodPublic))
            {
                continue;
            }

            var methodContext = new GenericNames(context.TypeParameters, method.GetGenericParameters().Select(p => reader.GetString(reader.GetGenericParameter(p).Name)).ToArray());
            var signature = method.DecodeSignature(provider, methodContext);
            var optional = new bool[signature.ParameterTypes.Length];
            var names = new string[signature.ParameterTypes.Length];
            foreach (var parameterHandle in method.GetParameters())
            {
                var parameter = reader.GetParameter(parameterHandle);
                if (parameter.SequenceNumber > 0 && parameter.SequenceNumber <= optional.Length)
                {
                    optional[parameter.SequenceNumber - 1] = (parameter.Attributes & ParameterAttributes.Optional) != 0;
                    names[parameter.SequenceNumber - 1] = reader.GetString(parameter.Name);
                }
            }

            var isConstructor = name == ".ctor";
            var arity = signature.GenericParameterCount;
            var key = (isConstructor ? "C:" : "M:") + name + (arity > 0 ? "``" + arity.ToString(CultureInfo.InvariantCulture) : string.Empty)
                + "(" + string.Join(",", signature.ParameterTypes) + ")";
            var shownName = isConstructor ? SignatureNames.Display(SignatureNames.SimpleName(fullName)) : name;
            var generic = methodContext.MethodParameters.Length > 0 ? "<" + string.Join(", ", methodContext.MethodParameters) + ">" : string.Empty;
            var parameterList = string.Join(", ", signature.ParameterTypes.Select((t, i) => t + (names[i] is { Length: > 0 } n ? " " + n : string.Empty) + (optional[i] ? " = …" : string.Empty)));
            apiType.Members[key] = new ApiMember
            {
                Key = key,
                Name = name,
                Kind = isConstructor ? ApiMemberKind.Constructor : ApiMemberKind.Method,
                Display = (isConstructor ? string.Empty : signature.ReturnType + " ") + apiType.DisplayName + "." + shownName + generic + "(" + parameterList + ")",
                IsPublic = methodPublic,
                IsStatic = (method.Attributes & MethodAttributes.Static) != 0,
                IsVirtual = IsOverridable(method.Attributes),
                IsAbstract = (method.Attributes & MethodAttributes.Abstract) != 0,
                Type = isConstructor ? null : signature.ReturnType,
                ParameterTypes = signature.ParameterTypes,
                OptionalParameters = optional,
            };
        }

        foreach (var fieldHandle in type.GetFields())
        {
            var field = reader.GetFieldDefinition(fieldHandle);
            var name = reader.GetString(field.Name);
            if ((field.Attributes & FieldAttributes.SpecialName) != 0 || !FieldVisible(field.Attributes, protectedVisible, out var fieldPublic))
            {
                continue;
            }

            var fieldType = field.DecodeSignature(provider, context);
            var constant = field.GetDefaultValue().IsNil ? null : ReadConstant(reader, reader.GetConstant(field.GetDefaultValue()));
            var key = "F:" + name;
            apiType.Members[key] = new ApiMember
            {
                Key = key,
                Name = name,
                Kind = ApiMemberKind.Field,
                Display = kind == ApiTypeKind.Enum ? apiType.DisplayName + "." + name + " = " + constant
                    : ((field.Attributes & FieldAttributes.Literal) != 0 ? "const " : (field.Attributes & FieldAttributes.InitOnly) != 0 ? "readonly " : string.Empty)
                        + fieldType + " " + apiType.DisplayName + "." + name,
                IsPublic = fieldPublic,
                IsStatic = (field.Attributes & FieldAttributes.Static) != 0,
                Type = fieldType,
                IsReadOnly = (field.Attributes & (FieldAttributes.InitOnly | FieldAttributes.Literal)) != 0,
                ConstantValue = constant,
            };
        }

        return apiType;
    }

    private static bool MemberVisible(MethodAttributes attributes, bool protectedVisible, out bool isPublic)
    {
        var access = attributes & MethodAttributes.MemberAccessMask;
        isPublic = access == MethodAttributes.Public;
        return isPublic || (protectedVisible && access is MethodAttributes.Family or MethodAttributes.FamORAssem);
    }

    private static bool FieldVisible(FieldAttributes attributes, bool protectedVisible, out bool isPublic)
    {
        var access = attributes & FieldAttributes.FieldAccessMask;
        isPublic = access == FieldAttributes.Public;
        return isPublic || (protectedVisible && access is FieldAttributes.Family or FieldAttributes.FamORAssem);
    }

    private static bool IsOverridable(MethodAttributes attributes)
        => (attributes & MethodAttributes.Virtual) != 0 && (attributes & MethodAttributes.Final) == 0;

    private static string[] TypeParameterNames(MetadataReader reader, TypeDefinition type)
        => type.GetGenericParameters().Select(p => reader.GetString(reader.GetGenericParameter(p).Name)).ToArray();

    private static string? ReadConstant(MetadataReader reader, Constant constant)
    {
        var blob = reader.GetBlobReader(constant.Value);
        object? value = constant.TypeCode switch
        {
            ConstantTypeCode.Boolean => blob.ReadBoolean(),
            ConstantTypeCode.Char => blob.ReadChar(),
            ConstantTypeCode.SByte => blob.ReadSByte(),
            ConstantTypeCode.Byte => blob.ReadByte(),
            ConstantTypeCode.Int16 => blob.ReadInt16(),
            ConstantTypeCode.UInt16 => blob.ReadUInt16(),
            ConstantTypeCode.Int32 => blob.ReadInt32(),
            ConstantTypeCode.UInt32 => blob.ReadUInt32(),
            ConstantTypeCode.Int64 => blob.ReadInt64(),
            ConstantTypeCode.UInt64 => blob.ReadUInt64(),
            ConstantTypeCode.Single => blob.ReadSingle().ToString("R", CultureInfo.InvariantCulture),
            ConstantTypeCode.Double => blob.ReadDouble().ToString("R", CultureInfo.InvariantCulture),
            ConstantTypeCode.String => "\"" + blob.ReadUTF16(blob.Length) + "\"",
            _ => "null",
        };
        return Convert.ToString(value, CultureInfo.InvariantCulture);
    }
}

/// <summary>The names of the generic parameters in scope.</summary>
internal sealed record GenericNames(string[] TypeParameters, string[] MethodParameters);

/// <summary>Decodes signatures into C#-like type names (namespace-qualified, <c>List&lt;String&gt;</c> style).</summary>
internal sealed class SignatureNames : ISignatureTypeProvider<string, GenericNames>
{
    private readonly MetadataReader _reader;

    public SignatureNames(MetadataReader reader)
    {
        _reader = reader;
    }

    public string Name(EntityHandle handle, GenericNames context) => handle.Kind switch
    {
        HandleKind.TypeDefinition => GetTypeFromDefinition(_reader, (TypeDefinitionHandle)handle, 0),
        HandleKind.TypeReference => GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0),
        HandleKind.TypeSpecification => _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, context),
        _ => "?",
    };

    public static string MetadataName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        if (!type.GetDeclaringType().IsNil)
        {
            return MetadataName(reader, type.GetDeclaringType()) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary><c>Ns.Outer+Inner`1</c> to <c>Ns.Outer.Inner</c>.</summary>
    public static string Display(string metadataName)
    {
        var builder = new StringBuilder();
        var skip = false;
        foreach (var c in metadataName)
        {
            if (c == '`')
            {
                skip = true;
                continue;
            }

            if (skip && char.IsDigit(c))
            {
                continue;
            }

            skip = false;
            builder.Append(c == '+' ? '.' : c);
        }

        return builder.ToString();
    }

    public static string SimpleName(string metadataName)
    {
        var cut = Math.Max(metadataName.LastIndexOf('.'), metadataName.LastIndexOf('+'));
        return cut < 0 ? metadataName : metadataName.Substring(cut + 1);
    }

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetFunctionPointerType(MethodSignature<string> signature) => "delegate*<" + string.Join(",", signature.ParameterTypes.Concat(new[] { signature.ReturnType })) + ">";

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";

    public string GetGenericMethodParameter(GenericNames genericContext, int index)
        => index < genericContext.MethodParameters.Length ? genericContext.MethodParameters[index] : "!!" + index.ToString(CultureInfo.InvariantCulture);

    public string GetGenericTypeParameter(GenericNames genericContext, int index)
        => index < genericContext.TypeParameters.Length ? genericContext.TypeParameters[index] : "!" + index.ToString(CultureInfo.InvariantCulture);

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired)
        => isRequired && modifier == "System.Runtime.InteropServices.InAttribute" ? unmodifiedType : unmodifiedType;

    public string GetPinnedType(string elementType) => elementType;

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.Double => "double",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.IntPtr => "nint",
        PrimitiveTypeCode.UIntPtr => "nuint",
        PrimitiveTypeCode.Void => "void",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        _ => typeCode.ToString(),
    };

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Display(MetadataName(reader, handle));

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var reference = reader.GetTypeReference(handle);
        var name = reader.GetString(reference.Name);
        if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return GetTypeFromReference(reader, (TypeReferenceHandle)reference.ResolutionScope, 0) + "." + Display(name);
        }

        var ns = reader.GetString(reference.Namespace);
        return Display(ns.Length == 0 ? name : ns + "." + name);
    }

    public string GetTypeFromSpecification(MetadataReader reader, GenericNames genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
}
