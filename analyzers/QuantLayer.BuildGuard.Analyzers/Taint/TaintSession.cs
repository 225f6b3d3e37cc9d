using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>
/// Everything the engine knows about one compilation: the resolved model, interned fields, the
/// framework types it recognizes, and the method summaries collected so far. Thread-safe: the
/// operation-block actions that fill it run concurrently.
/// </summary>
internal sealed class TaintSession
{
    private readonly ConcurrentDictionary<ISymbol, int> _fieldIds = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<int, ISymbol> _fields = new();
    private readonly ConcurrentDictionary<ISymbol, MethodSummary> _summaries = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, bool> _autoProperties = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, IFieldSymbol?> _returnedFields = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, bool> _primaryConstructors = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, EntryKind> _entryTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _safeTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _containers = new(SymbolEqualityComparer.Default);
    private int _nextField;

    public TaintSession(Compilation compilation, TaintModelIndex model, int workPerMethod = DefaultWorkPerMethod, bool commandLineIsSource = true)
    {
        Compilation = compilation;
        Model = model;
        WorkPerMethod = workPerMethod;
        CommandLineIsSource = commandLineIsSource;
        foreach (var name in new[]
        {
            "System.Guid", "System.TimeSpan", "System.DateTimeOffset", "System.DateOnly", "System.TimeOnly", "System.Half", "System.Int128", "System.UInt128",
            "System.Numerics.BigInteger", "System.Threading.CancellationToken", "System.Threading.Tasks.Task", "System.Threading.Tasks.ValueTask",
            "System.Net.IPAddress",
        })
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                _safeTypes.Add(type);
            }
        }

        Task1 = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask1 = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        FormattableString = compilation.GetTypeByMetadataName("System.FormattableString");
        ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
        PageModel = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        Hub = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub");
        MvcController = compilation.GetTypeByMetadataName("System.Web.Mvc.Controller");
        ApiController = compilation.GetTypeByMetadataName("System.Web.Http.ApiController");
        EndpointRouteBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
    }

    /// <summary>Default cap on the operations one method's analysis may evaluate.</summary>
    public const int DefaultWorkPerMethod = 200_000;

    public Compilation Compilation { get; }

    public TaintModelIndex Model { get; }

    public int WorkPerMethod { get; }

    /// <summary><c>Main</c> arguments are untrusted (the default).</summary>
    public bool CommandLineIsSource { get; }

    public INamedTypeSymbol? Task1 { get; }

    public INamedTypeSymbol? ValueTask1 { get; }

    public INamedTypeSymbol? FormattableString { get; }

    public INamedTypeSymbol? ControllerBase { get; }

    public INamedTypeSymbol? PageModel { get; }

    public INamedTypeSymbol? Hub { get; }

    public INamedTypeSymbol? MvcController { get; }

    public INamedTypeSymbol? ApiController { get; }

    public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }

    /// <summary>The summaries collected so far, by owner.</summary>
    public IEnumerable<MethodSummary> Summaries => _summaries.Values;

    /// <summary>Stores the summary of a method.</summary>
    public void Add(MethodSummary summary) => _summaries[summary.Owner] = summary;

    /// <summary>The summary of a method with a body in this compilation, if analyzed.</summary>
    public MethodSummary? GetSummary(ISymbol method) => _summaries.TryGetValue(method.OriginalDefinition, out var s) ? s : null;

    /// <summary>A small integer standing for a field or auto-property.</summary>
    public int FieldId(ISymbol field)
    {
        field = field.OriginalDefinition;
        if (_fieldIds.TryGetValue(field, out var id))
        {
            return id;
        }

        var candidate = Interlocked.Increment(ref _nextField);
        id = _fieldIds.GetOrAdd(field, candidate);
        _fields.TryAdd(id, field);
        return id;
    }

    /// <summary>The field or property of an id.</summary>
    public ISymbol? Field(int id) => _fields.TryGetValue(id, out var f) ? f : null;

    /// <summary>Values of these types cannot carry an injection payload; taint stops at them.</summary>
    public bool IsSafeType(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return false;
            case { SpecialType: SpecialType.System_Boolean or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
                or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
                or SpecialType.System_UInt64 or SpecialType.System_Decimal or SpecialType.System_Single or SpecialType.System_Double
                or SpecialType.System_DateTime or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Void }:
                return true;
            case { TypeKind: TypeKind.Enum }:
                return true;
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                return IsSafeType(nullable.TypeArguments[0]);
            case INamedTypeSymbol named:
                var original = named.OriginalDefinition;
                if (_safeTypes.Contains(original))
                {
                    return true;
                }

                if (named.TypeArguments.Length == 1
                    && (SymbolEqualityComparer.Default.Equals(original, Task1) || SymbolEqualityComparer.Default.Equals(original, ValueTask1)))
                {
                    return IsSafeType(named.TypeArguments[0]);
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Memoized: values of the type hold other values (arrays, collections, builders, streams).</summary>
    public bool IsContainer(ITypeSymbol type, Func<ITypeSymbol, bool> compute) => _containers.GetOrAdd(type, compute);

    /// <summary>True for symbols declared in the compilation being analyzed.</summary>
    public bool IsInSource(ISymbol symbol)
        => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Compilation.Assembly);

    /// <summary>
    /// True for an auto-implemented property (or positional record property) of this compilation:
    /// it behaves as a field.
    /// </summary>
    public bool IsAutoProperty(IPropertySymbol property)
    {
        property = property.OriginalDefinition;
        if (!IsInSource(property) || property.IsAbstract || property.IsIndexer)
        {
            return false;
        }

        return _autoProperties.GetOrAdd(property, static p =>
        {
            var references = p.DeclaringSyntaxReferences;
            if (references.Length == 0)
            {
                return false;
            }

            foreach (var reference in references)
            {
                var syntax = reference.GetSyntax();
                switch (syntax)
                {
                    case ParameterSyntax:
                        continue;
                    case PropertyDeclarationSyntax declared when declared.Modifiers.Any(SyntaxKind.PartialKeyword):
                        return false;
                    case PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }
                        when accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null):
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        });
    }

    /// <summary>
    /// The field a property of this compilation only returns (<c>get { return _f; }</c>,
    /// <c>get => _f;</c>, <c>=> this._f</c>), or null: the property is then the field for what is
    /// stored into the object it yields. Virtual, abstract and indexer properties have none (an
    /// override may return something else).
    /// </summary>
    public IFieldSymbol? ReturnedField(IPropertySymbol property)
    {
        property = property.OriginalDefinition;
        if (!IsInSource(property) || property.IsAbstract || property.IsVirtual || property.IsOverride || property.IsIndexer)
        {
            return null;
        }

        return _returnedFields.GetOrAdd(property, static symbol =>
        {
            var p = (IPropertySymbol)symbol;
            if (p.DeclaringSyntaxReferences.Length != 1 || p.DeclaringSyntaxReferences[0].GetSyntax() is not PropertyDeclarationSyntax declaration)
            {
                return null;
            }

            var getter = declaration.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
            var returned = declaration.ExpressionBody?.Expression
                ?? getter?.ExpressionBody?.Expression
                ?? (getter?.Body is { Statements: [ReturnStatementSyntax { Expression: { } expression }] } ? expression : null);
            while (returned is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                returned = returned is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)returned).Operand;
            }

            var name = returned switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
                _ => null,
            };
            if (name is null)
            {
                return null;
            }

            // The name binds to the nearest type (this one, then its bases) that declares it; a
            // primary constructor parameter of that name may bind instead: then it is no field.
            foreach (var constructor in p.ContainingType.InstanceConstructors)
            {
                if (constructor.Parameters.Any(parameter => parameter.Name == name)
                    && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax))
                {
                    return null;
                }
            }

            for (var type = p.ContainingType; type is not null; type = type.BaseType)
            {
                var members = type.GetMembers(name);
                if (members.IsEmpty)
                {
                    continue;
                }

                // A static property cannot return an instance field (an instance one may return a
                // static field), and a base type's private field is not what the name binds to.
                return members.Length == 1 && members[0] is IFieldSymbol field && (field.IsStatic || !p.IsStatic)
                    && (SymbolEqualityComparer.Default.Equals(type, p.ContainingType) || field.DeclaredAccessibility != Accessibility.Private)
                    ? field
                    : null;
            }

            return null;
        });
    }

    /// <summary>
    /// True for the primary constructor of a type of this compilation (<c>class Svc(string cmd)</c>):
    /// its parameters live as long as the object, and members read them like fields.
    /// </summary>
    public bool IsPrimaryConstructor(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        return method.MethodKind == MethodKind.Constructor && IsInSource(method) && _primaryConstructors.GetOrAdd(
            method,
            static m => m.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax));
    }

    /// <summary>How request data reaches the parameters of a method.</summary>
    public EntryKind EntryPoint(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return EntryKind.None;
        }

        if (method.IsStatic && (method.Name == "Main" || method.Name == "<Main>$") && method.Parameters.Length == 1
            && method.Parameters[0].Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String })
        {
            return CommandLineIsSource ? EntryKind.CommandLine : EntryKind.None;
        }

        if (method.IsStatic || method.DeclaredAccessibility != Accessibility.Public || method.ContainingType is not { } type)
        {
            return EntryKind.None;
        }

        var kind = _entryTypes.GetOrAdd(type, ClassifyType);
        if (kind == EntryKind.None)
        {
            return EntryKind.None;
        }

        if (method.GetAttributes().Any(a => a.AttributeClass?.Name is "NonActionAttribute" or "NonHandlerAttribute"))
        {
            return EntryKind.None;
        }

        if (kind == EntryKind.PageHandler && !method.Name.StartsWith("On", StringComparison.Ordinal))
        {
            return EntryKind.None;
        }

        return kind;
    }

    private EntryKind ClassifyType(INamedTypeSymbol type)
    {
        if (type.IsAbstract || !IsInSource(type))
        {
            return EntryKind.None;
        }

        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            var original = t.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(original, ControllerBase)
                || SymbolEqualityComparer.Default.Equals(original, MvcController)
                || SymbolEqualityComparer.Default.Equals(original, ApiController))
            {
                return EntryKind.Action;
            }

            if (SymbolEqualityComparer.Default.Equals(original, PageModel))
            {
                return EntryKind.PageHandler;
            }

            if (SymbolEqualityComparer.Default.Equals(original, Hub) || t.Name == "Hub" && t.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.SignalR")
            {
                return EntryKind.HubMethod;
            }
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "ApiControllerAttribute" or "ControllerAttribute" } a
                && a.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Mvc")
            {
                return EntryKind.Action;
            }
        }

        return EntryKind.None;
    }

    /// <summary>True for a parameter that request binding fills (not a service or a cancellation token).</summary>
    public bool IsBoundParameter(IParameterSymbol parameter)
    {
        if (IsSafeType(parameter.Type) && parameter.Type.TypeKind != TypeKind.Enum)
        {
            // Still request data, but it cannot carry a payload.
            return false;
        }

        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass?.Name is "FromServicesAttribute" or "FromKeyedServicesAttribute")
            {
                return false;
            }
        }

        var type = parameter.Type;
        if (type.ContainingNamespace?.ToDisplayString() is "Microsoft.AspNetCore.Http")
        {
            // IFormFile, IFormCollection, IQueryCollection ... are request data; HttpContext, HttpRequest are models of their own.
            return type.Name is not ("HttpContext" or "HttpRequest" or "HttpResponse");
        }

        return type.TypeKind != TypeKind.Interface || type.Name is "IFormFile" or "IFormFileCollection" or "IFormCollection";
    }

    /// <summary>True for a property that model binding fills ([BindProperty], [FromQuery] ...).</summary>
    public static bool IsBoundProperty(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.Name is "BindPropertyAttribute" or "FromQueryAttribute" or "FromRouteAttribute" or "FromFormAttribute"
                or "FromBodyAttribute" or "FromHeaderAttribute")
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>How a method receives untrusted data through its parameters.</summary>
internal enum EntryKind
{
    None,

    /// <summary><c>Main(string[] args)</c> or top-level statements.</summary>
    CommandLine,

    /// <summary>An MVC / Web API controller action.</summary>
    Action,

    /// <summary>A Razor Pages handler (<c>OnGet</c>, <c>OnPost</c> ...).</summary>
    PageHandler,

    /// <summary>A SignalR hub method.</summary>
    HubMethod,
}
