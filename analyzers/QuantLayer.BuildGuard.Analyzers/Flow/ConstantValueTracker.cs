using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Flow;

/// <summary>
/// Decides whether a value is a constant or is computed only from constants, following it
/// intra-procedurally: literals and <c>const</c>s, array creations (with constant elements, or
/// all-zero), <c>Encoding.*.GetBytes("…")</c>, <c>Convert.FromBase64String("…")</c>, UTF-8 literals,
/// concatenations and conditionals of constants, locals (reaching definitions over the control
/// flow graph, and no later mutation of an array's contents), fields that are only ever assigned
/// constants (readonly, or private and never written from elsewhere), get-only properties with a
/// constant initializer or body, simple helper methods whose every <c>return</c> is constant, and
/// cryptographic functions (hashes, PBKDF2) of constants.
/// </summary>
/// <remarks>
/// One instance per compilation (created in a compilation-start action); thread-safe. Every
/// question is bounded: a step budget, a nesting depth and a graph size cap; when a bound is hit
/// the answer is "not constant" so rules stay precise. Reusable by any rule that asks "is this
/// value hard-coded?".
/// </remarks>
internal sealed class ConstantValueTracker
{
    private const int MaxSteps = 400;
    private const int MaxDepth = 8;
    private const int MaxTypeNodes = 40_000;

    private readonly Compilation compilation;
    private readonly INamedTypeSymbol? encoding;
    private readonly INamedTypeSymbol? convert;
    private readonly ConcurrentDictionary<ISymbol, Box> memberCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = new();

    /// <summary>Creates the tracker for one compilation.</summary>
    public ConstantValueTracker(Compilation compilation)
    {
        this.compilation = compilation;
        encoding = compilation.GetTypeByMetadataName("System.Text.Encoding");
        convert = compilation.GetTypeByMetadataName("System.Convert");
    }

    /// <summary>Evaluates a value met in an operation action (uses the action's cached control flow graph).</summary>
    public ConstantOrigin? Evaluate(IOperation value, in OperationAnalysisContext context)
    {
        // The action's graph is built (and cached by the driver) only if a local has to be followed.
        var contextCopy = context;
        var state = new State(this, context.CancellationToken, Root(context.Operation), () => SafeGraph(() => contextCopy.GetControlFlowGraph()));
        return state.Evaluate(value, 0);
    }

    /// <summary>Evaluates a value outside an operation action (graphs are built on demand).</summary>
    public ConstantOrigin? Evaluate(IOperation value, CancellationToken cancellationToken)
        => new State(this, cancellationToken, null, null).Evaluate(value, 0);

    /// <summary>
    /// The values (operations in the original tree) that can have been assigned to a local at
    /// this read, by reaching definitions; false when unknown (see <see cref="ReachingDefinitions"/>).
    /// Used by rules that need to look through a local to what was stored in it.
    /// </summary>
    public static bool TryGetAssignedValues(ILocalReferenceOperation reference, in OperationAnalysisContext context, out List<IOperation> values)
    {
        values = new List<IOperation>();
        if (reference.SemanticModel is not { } model || reference.Local.IsRef)
        {
            return false;
        }

        var contextCopy = context;
        var graph = Root(reference) == Root(context.Operation) ? SafeGraph(() => contextCopy.GetControlFlowGraph()) : CreateGraph(Root(reference), context.CancellationToken);
        if (graph is null || !ReachingDefinitions.TryGetAssignedValues(State.GraphContainingSyntax(graph, reference.Syntax), reference.Local, reference.Syntax, out var syntaxes))
        {
            return false;
        }

        foreach (var syntax in syntaxes)
        {
            if (model.GetOperation(syntax, context.CancellationToken) is not { } value)
            {
                return false;
            }

            values.Add(value);
        }

        return true;
    }

    /// <summary>The root of the operation tree an operation belongs to (method body, initializer).</summary>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    private static ControlFlowGraph? SafeGraph(Func<ControlFlowGraph?> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException)
        {
            // No graph for this kind of operation block.
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static ControlFlowGraph? CreateGraph(IOperation root, CancellationToken cancellationToken) => root switch
    {
        IMethodBodyOperation m => SafeGraph(() => ControlFlowGraph.Create(m, cancellationToken)),
        IConstructorBodyOperation c => SafeGraph(() => ControlFlowGraph.Create(c, cancellationToken)),
        IBlockOperation b => SafeGraph(() => ControlFlowGraph.Create(b, cancellationToken)),
        IFieldInitializerOperation f => SafeGraph(() => ControlFlowGraph.Create(f, cancellationToken)),
        IPropertyInitializerOperation p => SafeGraph(() => ControlFlowGraph.Create(p, cancellationToken)),
        _ => null,
    };

    private SemanticModel? ModelOf(SyntaxTree tree)
    {
        if (!compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

        // Only for the declarations of the few fields, properties and helper methods whose value
        // reaches a sink; each model is created once per tree and compilation.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() within a diagnostic analyzer: needed for declarations in other files; rare, bounded and cached.
        return models.GetOrAdd(tree, t => compilation.GetSemanticModel(t));
#pragma warning restore RS1030
    }

    /// <summary>A cache cell (ConcurrentDictionary values cannot express "known to be null" otherwise).</summary>
    private sealed class Box
    {
        public Box(ConstantOrigin? origin) => Origin = origin;

        public ConstantOrigin? Origin { get; }
    }

    /// <summary>The state of one question: the step budget, graphs built so far, members in progress.</summary>
    private sealed class State
    {
        private readonly ConstantValueTracker owner;
        private readonly CancellationToken cancellationToken;
        private readonly HashSet<ISymbol> inProgress = new(SymbolEqualityComparer.Default);
        private int steps;

        private readonly IOperation? actionRoot;
        private readonly Func<ControlFlowGraph?>? actionGraph;

        public State(ConstantValueTracker owner, CancellationToken cancellationToken, IOperation? actionRoot, Func<ControlFlowGraph?>? actionGraph)
        {
            this.owner = owner;
            this.cancellationToken = cancellationToken;
            this.actionRoot = actionRoot;
            this.actionGraph = actionGraph;
        }

        public Dictionary<IOperation, ControlFlowGraph?> Graphs { get; } = new();

        public ConstantOrigin? Evaluate(IOperation? operation, int depth)
        {
            if (operation is null || depth > MaxDepth || ++steps > MaxSteps)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (operation.ConstantValue is { HasValue: true } constant)
            {
                return constant.Value switch
                {
                    null => null,
                    string s => new ConstantOrigin(operation is ILiteralOperation ? "a string literal" : "a constant string", s),
                    _ => new ConstantOrigin("a constant", constant.Value),
                };
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return Evaluate(conversion.Operand, depth);
                case IParenthesizedOperation parenthesized:
                    return Evaluate(parenthesized.Operand, depth);
                case IUtf8StringOperation:
                    return new ConstantOrigin("a UTF-8 string literal");
                case IArrayCreationOperation arrayCreation:
                    return EvaluateArrayCreation(arrayCreation, depth);
                case IArrayInitializerOperation arrayInitializer:
                    // static readonly byte[] Key = { 1, 2, 3 };
                    return arrayInitializer.ElementValues.All(e => Evaluate(e, depth + 1) is not null)
                        ? new ConstantOrigin("an array of constants")
                        : null;
                case IConditionalOperation { WhenFalse: not null } conditional:
                    return Both(Evaluate(conditional.WhenTrue, depth + 1), Evaluate(conditional.WhenFalse, depth + 1));
                case ICoalesceOperation coalesce:
                    return Both(Evaluate(coalesce.Value, depth + 1), Evaluate(coalesce.WhenNull, depth + 1));
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    return Both(Evaluate(binary.LeftOperand, depth + 1), Evaluate(binary.RightOperand, depth + 1))?.WithoutValue("a concatenation of constants");
                case IInterpolatedStringOperation interpolated:
                    return EvaluateInterpolation(interpolated, depth);
                case IInvocationOperation invocation:
                    return EvaluateInvocation(invocation, depth);
                case IObjectCreationOperation creation:
                    return EvaluateObjectCreation(creation, depth);
                case ILocalReferenceOperation local:
                    return EvaluateLocal(local, depth);
                case IFieldReferenceOperation field:
                    return EvaluateMember(field.Field, depth);
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0 } property:
                    return EvaluateMember(property.Property, depth);
                default:
                    return null;
            }
        }

        private static ConstantOrigin? Both(ConstantOrigin? a, ConstantOrigin? b)
            => a is null || b is null ? null : (Equals(a.Value, b.Value) ? a : a.WithoutValue());

        private ConstantOrigin? EvaluateArrayCreation(IArrayCreationOperation creation, int depth)
        {
            if (creation.Initializer is null)
            {
                return creation.DimensionSizes.All(d => d.ConstantValue.HasValue)
                    ? new ConstantOrigin("an all-zero array")
                    : null;
            }

            foreach (var element in creation.Initializer.ElementValues)
            {
                if (Evaluate(element, depth + 1) is null)
                {
                    return null;
                }
            }

            return new ConstantOrigin(creation.Initializer.ElementValues.Length == 0 ? "an empty array" : "an array of constants");
        }

        private ConstantOrigin? EvaluateInterpolation(IInterpolatedStringOperation interpolated, int depth)
        {
            foreach (var part in interpolated.Parts)
            {
                if (part is IInterpolationOperation interpolation && Evaluate(interpolation.Expression, depth + 1) is null)
                {
                    return null;
                }
            }

            return new ConstantOrigin("an interpolation of constants");
        }

        private ConstantOrigin? EvaluateInvocation(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            var containing = method.ContainingType;
            if (containing is null)
            {
                return null;
            }

            // Encoding.UTF8.GetBytes("…"), new UTF8Encoding().GetBytes("…").
            if (method.Name == "GetBytes" && owner.encoding is not null && DerivesFrom(containing, owner.encoding)
                && invocation.Arguments.Length >= 1)
            {
                return Evaluate(invocation.Arguments[0].Value, depth + 1)?.WithoutValue("Encoding.GetBytes of a constant");
            }

            // Convert.FromBase64String("…"), Convert.FromHexString("…").
            if (owner.convert is not null && SymbolEqualityComparer.Default.Equals(containing, owner.convert)
                && method.Name is "FromBase64String" or "FromHexString" or "FromBase64CharArray"
                && invocation.Arguments.Length >= 1)
            {
                return Evaluate(invocation.Arguments[0].Value, depth + 1)?.WithoutValue("Convert." + method.Name + " of a constant");
            }

            // "…".ToCharArray(), constant.ToArray(), constant.AsSpan(), (byte[])constant.Clone(), "…".Trim().
            if (method.Name is "ToCharArray" or "ToArray" or "AsSpan" or "AsMemory" or "Clone" or "Trim" or "ToUpperInvariant" or "ToLowerInvariant" or "Substring" or "PadRight" or "PadLeft")
            {
                var receiver = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                if (receiver is not null && Evaluate(receiver, depth + 1) is { } receiverOrigin && OtherArgumentsConstant(invocation, receiver, depth))
                {
                    return receiverOrigin.WithoutValue();
                }

                return null;
            }

            // Deterministic cryptographic functions of constants: SHA256.HashData("…"u8), Rfc2898DeriveBytes.Pbkdf2(constants),
            // SHA256.Create().ComputeHash(constant), new Rfc2898DeriveBytes(constants).GetBytes(32). Never a random generator.
            if (IsCryptographyNamespace(containing.ContainingNamespace) && invocation.Arguments.Length > 0
                && (method.Name is "HashData" or "ComputeHash" or "Pbkdf2" or "DeriveKey" or "Extract" or "Expand"
                    || (method.Name == "GetBytes" && !method.IsStatic && containing.Name is "Rfc2898DeriveBytes" or "PasswordDeriveBytes" or "DeriveBytes")))
            {
                var instance = invocation.Instance?.WalkDownConversion();
                if (instance is IObjectCreationOperation creation)
                {
                    if (EvaluateObjectCreation(creation, depth + 1) is null)
                    {
                        return null;
                    }
                }
                else if (instance is not null and not IInvocationOperation { TargetMethod.IsStatic: true, Arguments.Length: 0 })
                {
                    return null;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        continue;
                    }

                    if (Evaluate(argument.Value, depth + 1) is null)
                    {
                        return null;
                    }
                }

                return new ConstantOrigin("a value derived only from constants");
            }

            // A helper method in source whose every return is constant.
            return EvaluateMember(method, depth);
        }

        private bool OtherArgumentsConstant(IInvocationOperation invocation, IOperation receiver, int depth)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value == receiver || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (Evaluate(argument.Value, depth + 1) is null)
                {
                    return false;
                }
            }

            return true;
        }

        private ConstantOrigin? EvaluateObjectCreation(IObjectCreationOperation creation, int depth)
        {
            var type = creation.Type as INamedTypeSymbol;
            if (type is null)
            {
                return null;
            }

            // new string('x', 16), new ReadOnlySpan<byte>(constant), new Rfc2898DeriveBytes("…", salt) (as a receiver).
            var accepted = type.SpecialType == SpecialType.System_String
                || type.Name is "ReadOnlySpan" or "Span" or "ReadOnlyMemory" or "Memory" or "ArraySegment"
                || IsCryptographyNamespace(type.ContainingNamespace);
            if (!accepted || creation.Initializer is not null)
            {
                return null;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && Evaluate(argument.Value, depth + 1) is null)
                {
                    return null;
                }
            }

            return new ConstantOrigin("a value built from constants");
        }

        private ConstantOrigin? EvaluateLocal(ILocalReferenceOperation reference, int depth)
        {
            var local = reference.Local;
            if (local.IsRef || local.IsConst)
            {
                return null;
            }

            var root = Root(reference);
            if (!Graphs.TryGetValue(root, out var graph))
            {
                graph = root == actionRoot && actionGraph is not null ? actionGraph() : CreateGraph(root, cancellationToken);
                Graphs[root] = graph;
            }

            if (graph is null || reference.SemanticModel is not { } model)
            {
                return null;
            }

            // A lambda or local function body has its own nested graph; look the read up there.
            graph = GraphContainingSyntax(graph, reference.Syntax);
            if (!ReachingDefinitions.TryGetAssignedValues(graph, local, reference.Syntax, out var values))
            {
                return null;
            }

            if (local.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" or "Memory" } && MayBeMutated(root, local, reference))
            {
                return null;
            }

            ConstantOrigin? first = null;
            foreach (var valueSyntax in values)
            {
                var valueOperation = model.GetOperation(valueSyntax, cancellationToken);
                var origin = Evaluate(valueOperation, depth + 1);
                if (origin is null)
                {
                    return null;
                }

                first = first is null ? origin : Both(first, origin);
            }

            return first?.Through("the local '" + local.Name + "'");
        }

        /// <summary>The innermost graph (local function or lambda) whose code contains the syntax.</summary>
        public static ControlFlowGraph GraphContainingSyntax(ControlFlowGraph graph, SyntaxNode syntax)
        {
            if (graph.OriginalOperation.Syntax.Span.Contains(syntax.Span))
            {
                foreach (var localFunction in graph.LocalFunctions)
                {
                    var nested = graph.GetLocalFunctionControlFlowGraph(localFunction);
                    if (nested.OriginalOperation.Syntax.Span.Contains(syntax.Span))
                    {
                        return GraphContainingSyntax(nested, syntax);
                    }
                }

                foreach (var block in graph.Blocks)
                {
                    foreach (var operation in block.Operations.Concat(block.BranchValue is null ? Enumerable.Empty<IOperation>() : new[] { block.BranchValue }))
                    {
                        foreach (var lambda in operation.DescendantsAndSelf().OfType<IFlowAnonymousFunctionOperation>())
                        {
                            if (lambda.Syntax.Span.Contains(syntax.Span))
                            {
                                return GraphContainingSyntax(graph.GetAnonymousFunctionControlFlowGraph(lambda), syntax);
                            }
                        }
                    }
                }
            }

            return graph;
        }

        /// <summary>
        /// Whether an array (or span) local's contents may change after it is created: element
        /// writes, being passed where it may be written (<c>rng.GetBytes(iv)</c>), aliasing, or
        /// use inside a lambda or local function. Flow-insensitive and conservative.
        /// </summary>
        private static bool MayBeMutated(IOperation root, ILocalSymbol local, ILocalReferenceOperation read)
        {
            var readFunction = EnclosingFunction(read);
            foreach (var reference in root.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
            {
                if (reference == read || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                if (EnclosingFunction(reference) != readFunction)
                {
                    return true;
                }

                if (!IsHarmlessUse(reference))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var p = operation.Parent; p is not null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return p;
                }
            }

            return null;
        }

        private static bool IsHarmlessUse(IOperation use)
        {
            var parent = use.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                use = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == use:
                    return true; // a new definition, handled by reaching definitions
                case ISimpleAssignmentOperation assignment when assignment.Value == use:
                    // Copied into a cryptographic object's property (Key, IV, Salt): the object copies it.
                    return assignment.Target is IPropertyReferenceOperation p && IsCryptographyNamespace(p.Property.ContainingType?.ContainingNamespace);
                case IVariableInitializerOperation:
                    return false; // aliased
                case IArrayElementReferenceOperation element:
                    return !IsWritten(element);
                case IPropertyReferenceOperation:
                    return true; // .Length
                case IInvocationOperation invocation when invocation.Instance == use:
                    return invocation.TargetMethod.Name is not ("SetValue" or "Initialize" or "Fill" or "Clear" or "Reverse" or "Sort" or "AsSpan" or "AsMemory");
                case IArgumentOperation argument:
                    return IsReadOnlyParameter(argument.Parameter);
                case IForEachLoopOperation:
                case IReturnOperation:
                case IBinaryOperation:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsWritten(IOperation target)
        {
            var parent = target.Parent;
            return parent switch
            {
                IAssignmentOperation assignment => assignment.Target == target,
                IIncrementOrDecrementOperation => true,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
                _ => false,
            };
        }

        private static bool IsReadOnlyParameter(IParameterSymbol? parameter)
        {
            if (parameter is null)
            {
                return false;
            }

            if (parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                return false;
            }

            if (parameter.Type is INamedTypeSymbol { Name: "ReadOnlySpan" or "ReadOnlyMemory" or "IEnumerable" or "IReadOnlyList" or "IReadOnlyCollection" or "String" })
            {
                return true;
            }

            // Parameters that are only read: keys, IVs, salts and passwords copied by the crypto
            // APIs, the source of a copy, the input of an encoding or hash.
            if (parameter.Name is "key" or "rgbKey" or "iv" or "rgbIV" or "salt" or "rgbSalt" or "password" or "nonce"
                or "inArray" or "source" or "sourceArray" or "src" or "inputBuffer")
            {
                return true;
            }

            return parameter.Name is "data" or "buffer" or "bytes" or "value"
                && parameter.ContainingSymbol is IMethodSymbol method
                && method.Name is not ("GetBytes" or "GetNonZeroBytes" or "Fill" or "NextBytes" or "Read" or "ReadAsync"
                    or "ReadExactly" or "ReadAtLeast" or "ReadBlock" or "TransformBlock" or "TransformFinalBlock" or "Copy");
        }

        /// <summary>
        /// Fields, properties and methods declared in source: all writes (or returns) constant.
        /// Cached per symbol for the compilation.
        /// </summary>
        private ConstantOrigin? EvaluateMember(ISymbol member, int depth)
        {
            if (owner.memberCache.TryGetValue(member, out var cached))
            {
                return cached.Origin;
            }

            if (!inProgress.Add(member))
            {
                return null; // recursion
            }

            try
            {
                var origin = member switch
                {
                    IFieldSymbol field => EvaluateField(field, depth),
                    IPropertySymbol property => EvaluateProperty(property, depth),
                    IMethodSymbol method => EvaluateMethod(method, depth),
                    _ => null,
                };

                // Only cache answers not cut short by this question's budget.
                if (steps < MaxSteps)
                {
                    owner.memberCache.TryAdd(member, new Box(origin));
                }

                return origin;
            }
            finally
            {
                inProgress.Remove(member);
            }
        }

        private ConstantOrigin? EvaluateField(IFieldSymbol field, int depth)
        {
            if (field.DeclaringSyntaxReferences.IsEmpty || field.IsVolatile)
            {
                return null;
            }

            // A non-readonly field that code outside its type may write cannot be judged here.
            if (!field.IsReadOnly && field.DeclaredAccessibility != Accessibility.Private)
            {
                return null;
            }

            var values = new List<IOperation>();
            if (!CollectWrites(field, field.ContainingType, values))
            {
                return null;
            }

            foreach (var declaration in field.DeclaringSyntaxReferences)
            {
                if (declaration.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer }
                    && owner.ModelOf(declaration.SyntaxTree)?.GetOperation(initializer.Value, cancellationToken) is { } value)
                {
                    values.Add(value);
                }
            }

            return AllConstant(values, depth, (field.IsStatic ? "the static field '" : "the field '") + field.Name + "'");
        }

        private ConstantOrigin? EvaluateProperty(IPropertySymbol property, int depth)
        {
            if (property.DeclaringSyntaxReferences.IsEmpty || property.IsAbstract || property.IsVirtual || property.IsOverride
                || property.IsIndexer || property.ContainingType.TypeKind == TypeKind.Interface)
            {
                return null;
            }

            if (property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not PropertyDeclarationSyntax declaration)
            {
                return null;
            }

            var model = owner.ModelOf(declaration.SyntaxTree);
            if (model is null)
            {
                return null;
            }

            var description = "the property '" + property.Name + "'";

            // => expression, or a get accessor with a body.
            if (declaration.ExpressionBody is { } arrow)
            {
                return Evaluate(model.GetOperation(arrow.Expression, cancellationToken), depth + 1)?.Through(description);
            }

            var getter = declaration.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.GetAccessorDeclaration));
            if (getter is null)
            {
                return null;
            }

            if (getter.Body is not null || getter.ExpressionBody is not null)
            {
                return EvaluateReturns(model, getter, depth, description);
            }

            // Auto-property: no setter (or a private one) and only constant writes.
            if (property.SetMethod is { } setter && setter.DeclaredAccessibility != Accessibility.Private && !setter.IsInitOnly)
            {
                return null;
            }

            if (property.SetMethod is { IsInitOnly: true })
            {
                return null; // object initializers anywhere may set it
            }

            var values = new List<IOperation>();
            if (!CollectWrites(property, property.ContainingType, values))
            {
                return null;
            }

            if (declaration.Initializer is { } initializer && model.GetOperation(initializer.Value, cancellationToken) is { } initial)
            {
                values.Add(initial);
            }

            return AllConstant(values, depth, description);
        }

        private ConstantOrigin? EvaluateMethod(IMethodSymbol method, int depth)
        {
            if (method.DeclaringSyntaxReferences.IsEmpty || method.IsAbstract || method.IsVirtual || method.IsOverride
                || method.IsExtern || method.IsAsync || method.ReturnsVoid || method.IsPartialDefinition
                || method.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return null;
            }

            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var model = owner.ModelOf(syntax.SyntaxTree);
            return model is null ? null : EvaluateReturns(model, syntax, depth, "the value returned by '" + method.Name + "'");
        }

        private ConstantOrigin? EvaluateReturns(SemanticModel model, SyntaxNode declaration, int depth, string description)
        {
            var expressionBody = declaration switch
            {
                MethodDeclarationSyntax m => m.ExpressionBody,
                LocalFunctionStatementSyntax l => l.ExpressionBody,
                AccessorDeclarationSyntax a => a.ExpressionBody,
                _ => null,
            };
            if (expressionBody is not null)
            {
                return Evaluate(model.GetOperation(expressionBody.Expression, cancellationToken), depth + 1)?.Through(description);
            }

            var body = declaration switch
            {
                MethodDeclarationSyntax m => m.Body,
                LocalFunctionStatementSyntax l => l.Body,
                AccessorDeclarationSyntax a => a.Body,
                _ => null,
            };
            if (body is null || model.GetOperation(body, cancellationToken) is not { } bodyOperation)
            {
                return null;
            }

            var returns = new List<IOperation>();
            foreach (var operation in bodyOperation.DescendantsAndSelf())
            {
                if (operation is IReturnOperation { Kind: OperationKind.YieldReturn })
                {
                    return null; // iterator
                }

                if (operation is IReturnOperation { ReturnedValue: { } returned } && EnclosingFunction(operation) is null)
                {
                    returns.Add(returned);
                }
            }

            return AllConstant(returns, depth, description);
        }

        private ConstantOrigin? AllConstant(List<IOperation> values, int depth, string description)
        {
            if (values.Count == 0)
            {
                return null;
            }

            ConstantOrigin? result = null;
            foreach (var value in values)
            {
                var origin = Evaluate(value, depth + 1);
                if (origin is null)
                {
                    return null;
                }

                result = result is null ? origin : Both(result, origin);
            }

            return result?.Through(description);
        }

        /// <summary>
        /// Collects the assigned values of every write to <paramref name="member"/> inside its
        /// containing type (all partial declarations). False when a write is not a plain assignment
        /// (ref/out, compound, element write of an array, passed where it may be written) or the
        /// type is too large to scan.
        /// </summary>
        private bool CollectWrites(ISymbol member, INamedTypeSymbol type, List<IOperation> values)
        {
            var isArray = member switch
            {
                IFieldSymbol f => f.Type is IArrayTypeSymbol,
                IPropertySymbol p => p.Type is IArrayTypeSymbol,
                _ => false,
            };
            var nodes = 0;
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var typeSyntax = reference.GetSyntax(cancellationToken);
                var model = owner.ModelOf(typeSyntax.SyntaxTree);
                if (model is null)
                {
                    return false;
                }

                foreach (var node in typeSyntax.DescendantNodes())
                {
                    if (++nodes > MaxTypeNodes)
                    {
                        return false;
                    }

                    if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != member.Name)
                    {
                        continue;
                    }

                    var operation = model.GetOperation(identifier, cancellationToken);
                    var referenced = operation switch
                    {
                        IFieldReferenceOperation f => (ISymbol)f.Field,
                        IPropertyReferenceOperation p => p.Property,
                        _ => null,
                    };
                    if (referenced is null || !SymbolEqualityComparer.Default.Equals(referenced.OriginalDefinition, member.OriginalDefinition))
                    {
                        continue;
                    }

                    var use = operation!;
                    var parent = use.Parent;
                    switch (parent)
                    {
                        case ISimpleAssignmentOperation assignment when assignment.Target == use:
                            values.Add(assignment.Value);
                            continue;
                        case IAssignmentOperation assignment when assignment.Target == use:
                            return false;
                        case IIncrementOrDecrementOperation:
                            return false;
                        case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                            return false;
                    }

                    if (isArray && !IsHarmlessUse(use))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCryptographyNamespace(INamespaceSymbol? ns)
        => ns is { Name: "Cryptography", ContainingNamespace: { Name: "Security", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
}
