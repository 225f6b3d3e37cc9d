using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>
/// The intra-procedural analysis: a forward data-flow over Roslyn's control flow graph of one
/// method (or field initializer), iterated to a fixpoint. The abstract state maps every local,
/// parameter and flow capture to a <see cref="TaintSet"/>; branches refine it (an allow-list check
/// cleans the checked variable on the branch where it passed, and only there); joins keep the most
/// dangerous masks. Lambdas and local functions are analyzed where they are created or called,
/// with the captured variables' current taint, and what they write to captured variables flows
/// back. Calls to methods of the compilation become symbolic <see cref="CallSite"/>s that the
/// <see cref="SummaryResolver"/> resolves against the callees' summaries; calls to library members
/// go through the model (sources, sinks, sanitizers, pass-throughs) or the default rule (every
/// input flows to the result, unless the result's type cannot carry a payload).
/// The work is capped per method; a method over the cap keeps a partial summary and says so.
/// </summary>
internal sealed class MethodAnalyzer
{
    private const int MaxNesting = 6;
    private const int MaxRounds = 64;
    private const int MaxExpressionDepth = 400;
    private static readonly object ThisKey = new();

    private readonly TaintSession _session;
    private readonly ISymbol _owner;
    private readonly IMethodSymbol? _method;
    private readonly string _ownerName;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<object, int> _variables = new(VariableComparer.Instance);
    private readonly Dictionary<(IOperation, ModelEntry, string), SinkHit> _sinks = new();
    private readonly List<SinkHit> _sinkList = new();
    private readonly Dictionary<IOperation, CallSite> _calls = new();
    private readonly List<CallSite> _callList = new();
    private readonly Dictionary<int, FieldWrite> _fieldWrites = new();
    private readonly List<FieldWrite> _fieldWriteList = new();
    private readonly HashSet<int> _fieldReads = new();
    private readonly Stack<GraphRun> _runs = new();
    private readonly HashSet<IMethodSymbol> _localFunctionStack = new(SymbolEqualityComparer.Default);
    private readonly TaintSet?[] _outs;
    private int _work;
    private int _evalDepth;
    private bool _truncated;

    public MethodAnalyzer(TaintSession session, ISymbol owner, CancellationToken cancellationToken)
    {
        _session = session;
        _owner = owner.OriginalDefinition;
        _method = owner as IMethodSymbol;
        _ownerName = DisplayName(owner);
        _cancellationToken = cancellationToken;
        _outs = new TaintSet?[(_method?.Parameters.Length ?? 0) + 1];
    }

    /// <summary>How messages name a method ("ReadName", "Repository constructor", "top-level statements").</summary>
    public static string DisplayName(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } m => m.ContainingType.Name + " constructor",
        IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet, AssociatedSymbol: { } p } => p.Name,
        IMethodSymbol { Name: "<Main>$" } => "top-level statements",
        _ => symbol.Name,
    };

    /// <summary>Analyzes a graph and returns the summary of the owner.</summary>
    public MethodSummary Analyze(ControlFlowGraph graph)
    {
        var entry = new State();
        if (_method is not null)
        {
            var entryKind = _session.EntryPoint(_method);
            foreach (var parameter in _method.Parameters)
            {
                if (_session.IsSafeType(parameter.Type))
                {
                    continue;
                }

                var taint = TaintSet.Of(new TaintAtom(AtomKind.Parameter, parameter.Ordinal, 0, TaintMask.Fresh, null));
                if (entryKind != EntryKind.None && (entryKind == EntryKind.CommandLine || _session.IsBoundParameter(parameter)))
                {
                    var description = entryKind == EntryKind.CommandLine ? "command-line arguments" : "request parameter '" + parameter.Name + "'";
                    taint = TaintSet.Join(taint, SourceSet(description, parameter.Locations.FirstOrDefault() ?? Location.None));
                }

                entry.Set(Variable(parameter), taint);
            }

            if (!_method.IsStatic)
            {
                entry.Set(Variable(ThisKey), TaintSet.Of(new TaintAtom(AtomKind.Parameter, _method.Parameters.Length, 0, TaintMask.Fresh, null)));
            }
        }

        var (returns, _) = AnalyzeGraph(graph, entry);
        var location = _owner.Locations.FirstOrDefault() ?? Location.None;
        var summary = new MethodSummary(_owner, _ownerName, location, _method?.Parameters.Length ?? 0)
        {
            Return = returns,
            FieldWrites = _fieldWriteList.ToImmutableArray(),
            Sinks = _sinkList.ToImmutableArray(),
            Calls = _callList.ToImmutableArray(),
            FieldReads = _fieldReads.OrderBy(f => f).ToImmutableArray(),
            Truncated = _truncated,
        };
        for (var i = 0; i < _outs.Length; i++)
        {
            summary.OutParameters[i] = _outs[i];
        }

        return summary;
    }

    // ------------------------------------------------------------------ the fixpoint

    private (TaintSet? Returns, State? Exit) AnalyzeGraph(ControlFlowGraph graph, State entry)
    {
        var run = new GraphRun(graph);
        _runs.Push(run);
        try
        {
            var blocks = graph.Blocks;
            var input = new State?[blocks.Length];
            var outFall = new State?[blocks.Length];
            var outCond = new State?[blocks.Length];
            State? handlers = null;
            State? exit = null;
            var changed = true;
            for (var round = 0; changed && round < MaxRounds && !_truncated; round++)
            {
                changed = false;
                foreach (var block in blocks)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (!block.IsReachable)
                    {
                        continue;
                    }

                    State? state;
                    if (block.Kind == BasicBlockKind.Entry)
                    {
                        state = entry;
                    }
                    else
                    {
                        state = null;
                        foreach (var predecessor in block.Predecessors)
                        {
                            var from = predecessor.IsConditionalSuccessor ? outCond[predecessor.Source.Ordinal] : outFall[predecessor.Source.Ordinal];
                            state = State.Join(state, from);
                        }

                        if (block.Predecessors.IsEmpty)
                        {
                            // Entry of a catch or finally region: anything seen in the method so far may be live.
                            state = handlers;
                        }
                    }

                    if (state is null)
                    {
                        continue;
                    }

                    // Copying and comparing states costs in proportion to the variables tracked.
                    _work += 1 + (state.Length / 8);
                    if (_work > _session.WorkPerMethod)
                    {
                        _truncated = true;
                        break;
                    }

                    if (input[block.Ordinal] is { } previous && previous.SameAs(state))
                    {
                        continue;
                    }

                    input[block.Ordinal] = state;
                    if (block.Kind == BasicBlockKind.Exit)
                    {
                        exit = state;
                        continue;
                    }

                    var current = state.Clone();
                    foreach (var operation in block.Operations)
                    {
                        Eval(operation, current);
                    }

                    State fall = current;
                    State? conditional = null;
                    if (block.BranchValue is { } branch)
                    {
                        var value = Eval(branch, current);
                        if (block.ConditionKind == ControlFlowConditionKind.None)
                        {
                            if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                            {
                                run.Returns = TaintSet.Join(run.Returns, Filter(value, ReturnType()));
                            }
                        }
                        else
                        {
                            var (whenTrue, whenFalse) = Refine(branch, current);
                            conditional = block.ConditionKind == ControlFlowConditionKind.WhenTrue ? whenTrue : whenFalse;
                            fall = block.ConditionKind == ControlFlowConditionKind.WhenTrue ? whenFalse : whenTrue;
                        }
                    }

                    handlers = State.Join(handlers, current);
                    if (outFall[block.Ordinal] is null || !outFall[block.Ordinal]!.SameAs(fall))
                    {
                        outFall[block.Ordinal] = fall;
                        changed = true;
                    }

                    if (conditional is not null && (outCond[block.Ordinal] is null || !outCond[block.Ordinal]!.SameAs(conditional)))
                    {
                        outCond[block.Ordinal] = conditional;
                        changed = true;
                    }
                }
            }

            return (run.Returns, exit ?? handlers);
        }
        finally
        {
            _runs.Pop();
        }
    }

    private ITypeSymbol? ReturnType() => _runs.Count == 1 && _method is not null ? UnwrapTask(_method) : null;

    private ITypeSymbol? UnwrapTask(IMethodSymbol method)
    {
        if (method.IsAsync && method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } named)
        {
            return named.TypeArguments[0];
        }

        return method.ReturnType;
    }

    // ------------------------------------------------------------------ expressions

    private TaintSet? Eval(IOperation? operation, State s)
    {
        if (operation is null)
        {
            return null;
        }

        if (++_work > _session.WorkPerMethod || _evalDepth >= MaxExpressionDepth)
        {
            // Over the cap, or an expression nested deeper than any hand-written code (generated
            // concatenation chains): stop here rather than risk the compiler's stack.
            _truncated = true;
            return null;
        }

        if (operation.ConstantValue.HasValue)
        {
            return null;
        }

        _evalDepth++;
        try
        {
            return EvalCore(operation, s);
        }
        finally
        {
            _evalDepth--;
        }
    }

    private TaintSet? EvalCore(IOperation operation, State s)
    {
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return s.Get(Variable(local.Local));
            case IParameterReferenceOperation parameter when IsCapturedPrimaryParameter(parameter.Parameter):
                return ReadCapturedParameter(parameter.Parameter, s);
            case IParameterReferenceOperation parameter:
                return s.Get(Variable(parameter.Parameter));
            case IFlowCaptureReferenceOperation capture:
                return s.Get(Variable(capture.Id));
            case IFlowCaptureOperation capture:
                s.Set(Variable(capture.Id), Eval(capture.Value, s));
                return null;
            case IInstanceReferenceOperation:
                return s.Get(Variable(ThisKey));
            case IConversionOperation conversion:
                return Filter(Eval(conversion.Operand, s), conversion.Type);
            case IParenthesizedOperation parenthesized:
                return Eval(parenthesized.Operand, s);
            case IFieldReferenceOperation field:
                return ReadField(field, s);
            case IPropertyReferenceOperation property:
                return ReadProperty(property, s);
            case IArrayElementReferenceOperation element:
                foreach (var index in element.Indices)
                {
                    Eval(index, s);
                }

                return Filter(Eval(element.ArrayReference, s), element.Type);
            case IInvocationOperation invocation:
                return Invoke(invocation, s);
            case IObjectCreationOperation creation:
                return Create(creation, s);
            case ISimpleAssignmentOperation assignment:
            {
                var value = Eval(assignment.Value, s);
                Assign(assignment.Target, value, s, assignment, strong: true);
                return value;
            }

            case ICompoundAssignmentOperation compound:
            {
                var target = Eval(compound.Target, s);
                var value = Eval(compound.Value, s);
                var joined = TaintSet.Join(target, value);
                if (compound.Type?.SpecialType == SpecialType.System_String)
                {
                    joined = Embed(joined);
                }

                joined = Filter(joined, compound.Type);
                Assign(compound.Target, joined, s, compound, strong: true);
                return joined;
            }

            case ICoalesceAssignmentOperation coalesce:
            {
                var joined = TaintSet.Join(Eval(coalesce.Target, s), Eval(coalesce.Value, s));
                Assign(coalesce.Target, joined, s, coalesce, strong: true);
                return joined;
            }

            case IDeconstructionAssignmentOperation deconstruction:
                Deconstruct(deconstruction.Target, deconstruction.Value, s, deconstruction);
                return null;
            case IBinaryOperation binary:
                return Binary(binary, s);
            case IInterpolatedStringOperation interpolated:
                return Interpolated(interpolated, s);
            case IInterpolatedStringHandlerCreationOperation handler:
                return Eval(handler.Content, s);
            case IInterpolatedStringAppendOperation append:
                return Embed(JoinArguments(append.AppendCall, s));
            case IAwaitOperation awaited:
                return Eval(awaited.Operation, s);
            case ITupleOperation tuple:
            {
                TaintSet? joined = null;
                foreach (var element in tuple.Elements)
                {
                    joined = TaintSet.Join(joined, Eval(element, s));
                }

                return joined;
            }

            case IFlowAnonymousFunctionOperation lambda:
                return AnalyzeLambda(lambda, s, null, false);
            case IDelegateCreationOperation delegateCreation:
                return EvalDelegate(delegateCreation.Target, s, null, false);
            case IMethodReferenceOperation methodReference:
                return MethodGroup(methodReference, s, null, false);
            case IEventAssignmentOperation eventAssignment:
                if (eventAssignment.EventReference is IEventReferenceOperation { Instance: { } eventInstance })
                {
                    Eval(eventInstance, s);
                }

                EvalDelegate(eventAssignment.HandlerValue, s, null, false);
                return null;
            case IReturnOperation returned:
            {
                var value = Eval(returned.ReturnedValue, s);
                if (_runs.Count > 0)
                {
                    _runs.Peek().Returns = TaintSet.Join(_runs.Peek().Returns, value);
                }

                return null;
            }

            case IIsPatternOperation isPattern:
            {
                var value = Eval(isPattern.Value, s);
                BindPattern(isPattern.Pattern, value, s);
                return null;
            }

            case ILiteralOperation or IDefaultValueOperation or ITypeOfOperation or ISizeOfOperation or INameOfOperation
                or IIsNullOperation or ICaughtExceptionOperation or IStaticLocalInitializationSemaphoreOperation
                or IInstanceReferenceOperation or ITypeParameterObjectCreationOperation:
                foreach (var child in operation.ChildOperations)
                {
                    Eval(child, s);
                }

                return null;
            case IArgumentOperation argument:
                return Eval(argument.Value, s);
            case IWithOperation with:
            {
                var joined = Eval(with.Operand, s);
                if (with.Initializer is not null)
                {
                    joined = TaintSet.Join(joined, InitializerValues(with.Initializer, s, null));
                }

                return Filter(joined, with.Type);
            }

            case IAnonymousObjectCreationOperation anonymous:
            {
                TaintSet? joined = null;
                foreach (var initializer in anonymous.Initializers)
                {
                    joined = TaintSet.Join(joined, initializer is ISimpleAssignmentOperation a ? Eval(a.Value, s) : Eval(initializer, s));
                }

                return joined;
            }

            default:
            {
                TaintSet? joined = null;
                foreach (var child in operation.ChildOperations)
                {
                    joined = TaintSet.Join(joined, Eval(child, s));
                }

                return Filter(joined, operation.Type);
            }
        }
    }

    private TaintSet? Binary(IBinaryOperation binary, State s)
    {
        var left = Eval(binary.LeftOperand, s);
        var right = Eval(binary.RightOperand, s);
        if (binary.OperatorKind == BinaryOperatorKind.Add && binary.Type?.SpecialType == SpecialType.System_String)
        {
            var prefix = ConstantPrefix(binary.LeftOperand);
            right = TaintSet.AddBits(right, PrefixBits(prefix));
            return Embed(TaintSet.Join(left, right));
        }

        return Filter(TaintSet.Join(left, right), binary.Type);
    }

    private TaintSet? Interpolated(IInterpolatedStringOperation interpolated, State s)
    {
        TaintSet? joined = null;
        string? prefix = null;
        var first = true;
        foreach (var part in interpolated.Parts)
        {
            if (part is IInterpolatedStringTextOperation text)
            {
                if (first)
                {
                    prefix = text.Text.ConstantValue.Value as string;
                }
            }
            else if (part is IInterpolationOperation hole)
            {
                Eval(hole.Alignment, s);
                Eval(hole.FormatString, s);
                joined = TaintSet.Join(joined, Eval(hole.Expression, s));
            }
            else
            {
                joined = TaintSet.Join(joined, Eval(part, s));
            }

            first = false;
        }

        return Embed(TaintSet.AddBits(joined, PrefixBits(prefix)));
    }

    /// <summary>The constant text a string expression starts with, if any.</summary>
    private static string? ConstantPrefix(IOperation operation)
    {
        while (true)
        {
            if (operation.ConstantValue is { HasValue: true, Value: string constant })
            {
                return constant;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    operation = binary.LeftOperand;
                    continue;
                case IInterpolatedStringOperation interpolated when interpolated.Parts.FirstOrDefault() is IInterpolatedStringTextOperation text:
                    return text.Text.ConstantValue.Value as string;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// Sink categories a constant prefix rules out for what follows it: after "scheme://host/"
    /// the host is fixed (no SSRF, no open redirect); after "/x" the target stays on this site.
    /// </summary>
    private static TaintCategory PrefixBits(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return TaintCategory.None;
        }

        var scheme = prefix!.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && prefix.IndexOf('/', scheme + 3) > scheme + 3)
        {
            return TaintCategory.Ssrf | TaintCategory.Redirect;
        }

        if (prefix.Length >= 2 && prefix[0] == '/' && prefix[1] != '/' && prefix[1] != '\\')
        {
            return TaintCategory.Redirect;
        }

        return TaintCategory.None;
    }

    private static TaintSet? Embed(TaintSet? set) => TaintSet.RemoveBits(set, TaintCategory.NotEmbedded | TaintCategory.Normalized);

    private TaintSet? Filter(TaintSet? set, ITypeSymbol? type) => set is not null && _session.IsSafeType(type) ? null : set;

    private TaintSet? JoinArguments(IOperation? operation, State s)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return Eval(operation, s);
        }

        TaintSet? joined = null;
        foreach (var argument in invocation.Arguments)
        {
            joined = TaintSet.Join(joined, Eval(argument.Value, s));
        }

        return joined;
    }

    private void BindPattern(IPatternOperation pattern, TaintSet? value, State s)
    {
        switch (pattern)
        {
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local }:
                s.Set(Variable(local), Filter(value, local.Type));
                break;
            case IRecursivePatternOperation recursive:
                if (recursive.DeclaredSymbol is ILocalSymbol declared)
                {
                    s.Set(Variable(declared), Filter(value, declared.Type));
                }

                foreach (var sub in recursive.PropertySubpatterns)
                {
                    BindPattern(sub.Pattern, value, s);
                }

                foreach (var sub in recursive.DeconstructionSubpatterns)
                {
                    BindPattern(sub, value, s);
                }

                break;
            case IBinaryPatternOperation binary:
                BindPattern(binary.LeftPattern, value, s);
                BindPattern(binary.RightPattern, value, s);
                break;
            case INegatedPatternOperation negated:
                BindPattern(negated.Pattern, value, s);
                break;
        }
    }

    // ------------------------------------------------------------------ fields and properties

    private TaintSet? ReadField(IFieldReferenceOperation reference, State s)
    {
        var receiver = reference.Instance is null ? null : Eval(reference.Instance, s);
        var field = reference.Field;
        if (field.IsConst || _session.IsSafeType(field.Type))
        {
            return null;
        }

        if (_session.IsInSource(field))
        {
            return TaintSet.Join(FieldValue(field), receiver);
        }

        return receiver;
    }

    private TaintSet? ReadProperty(IPropertyReferenceOperation reference, State s)
    {
        var property = reference.Property;
        var receiver = reference.Instance is null ? null : Eval(reference.Instance, s);
        if (_session.IsInSource(property) && _session.Model.Get(property).IsEmpty)
        {
            if (_session.IsAutoProperty(property))
            {
                if (_session.IsSafeType(property.Type))
                {
                    return null;
                }

                var value = TaintSet.Join(FieldValue(property), receiver);
                if (TaintSession.IsBoundProperty(property))
                {
                    value = TaintSet.Join(value, SourceSet("bound property '" + property.Name + "'", reference.Syntax.GetLocation()));
                }

                return value;
            }

            if (property.GetMethod is { } getter)
            {
                var result = Call(reference, getter, property, reference.Instance, receiver, reference.Arguments, s, reference.Type, IsVirtualAccess(reference.Instance, property), CallKind.PropertyGet, null);
                if (_session.ReturnedField(property) is { } returned && !_session.IsSafeType(returned.Type))
                {
                    // TaintRoot fills this field through the property: read it here too (the getter may have no summary, e.g. generated code).
                    result = TaintSet.Join(result, FieldValue(returned));
                }

                return result;
            }

            return receiver;
        }

        return Call(reference, property.GetMethod, property, reference.Instance, receiver, reference.Arguments, s, reference.Type, false, CallKind.PropertyGet, null);
    }

    private static bool IsVirtualAccess(IOperation? instance, ISymbol member)
        => instance is not null && instance.Syntax is not BaseExpressionSyntax
           && (member.IsVirtual || member.IsAbstract || member.IsOverride || member.ContainingType?.TypeKind == TypeKind.Interface);

    // ------------------------------------------------------------------ assignments

    private void Assign(IOperation target, TaintSet? value, State s, IOperation assignment, bool strong)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                Set(s, Variable(local.Local), Filter(value, local.Local.Type), strong);
                break;
            case IParameterReferenceOperation parameter when IsCapturedPrimaryParameter(parameter.Parameter):
                WriteField(parameter.Parameter, Filter(value, parameter.Parameter.Type), assignment);
                break;
            case IParameterReferenceOperation parameter:
                value = Filter(value, parameter.Parameter.Type);
                Set(s, Variable(parameter.Parameter), value, strong);
                if (parameter.Parameter.RefKind is RefKind.Out or RefKind.Ref && IsOwnParameter(parameter.Parameter))
                {
                    _outs[parameter.Parameter.Ordinal] = TaintSet.Join(_outs[parameter.Parameter.Ordinal], value);
                }

                break;
            case IFlowCaptureReferenceOperation capture:
                Set(s, Variable(capture.Id), value, strong);
                break;
            case IDeclarationExpressionOperation declaration:
                Assign(declaration.Expression, value, s, assignment, strong);
                break;
            case IConversionOperation conversion:
                Assign(conversion.Operand, value, s, assignment, strong);
                break;
            case IFieldReferenceOperation field:
            {
                if (field.Instance is not null)
                {
                    Eval(field.Instance, s);
                }

                if (_session.IsInSource(field.Field))
                {
                    WriteField(field.Field, Filter(value, field.Field.Type), assignment);
                }
                else if (field.Instance is not null)
                {
                    TaintRoot(field.Instance, value, s);
                }

                break;
            }

            case IPropertyReferenceOperation property:
                AssignProperty(property, value, s, assignment);
                break;
            case IArrayElementReferenceOperation element:
                Eval(element.ArrayReference, s);
                foreach (var index in element.Indices)
                {
                    Eval(index, s);
                }

                TaintRoot(element.ArrayReference, value, s);
                break;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    Assign(element, value, s, assignment, strong);
                }

                break;
            default:
                Eval(target, s);
                TaintRoot(target, value, s);
                break;
        }
    }

    private bool IsOwnParameter(IParameterSymbol parameter)
        => _runs.Count == 1 && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method);

    /// <summary>
    /// A primary constructor's parameter used outside that constructor's own code (in a member or
    /// an initializer): stored with the object, so it is read and written like a field, and a
    /// constructor call writes it (<see cref="StorePrimaryConstructorArguments"/>).
    /// </summary>
    private bool IsCapturedPrimaryParameter(IParameterSymbol parameter)
        => parameter.ContainingSymbol is IMethodSymbol constructor
            && !SymbolEqualityComparer.Default.Equals(constructor, _method)
            && _session.IsPrimaryConstructor(constructor);

    private TaintSet? ReadCapturedParameter(IParameterSymbol parameter, State s)
        => _session.IsSafeType(parameter.Type) ? null : TaintSet.Join(FieldValue(parameter), s.Get(Variable(ThisKey)));

    /// <summary>
    /// A call of a primary constructor (<c>new</c>, <c>this(...)</c>, <c>base(...)</c>) stores each
    /// argument, already evaluated for the call, with the object.
    /// </summary>
    private void StorePrimaryConstructorArguments(ImmutableArray<IArgumentOperation> arguments, TaintSet?[] args)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter is { } parameter && !_session.IsSafeType(parameter.Type))
            {
                WriteField(parameter.OriginalDefinition, args[i], arguments[i]);
            }
        }
    }

    /// <summary>The global taint of a field, auto-property or stored parameter of the compilation, recorded as read.</summary>
    private TaintSet FieldValue(ISymbol field)
    {
        var id = _session.FieldId(field);
        _fieldReads.Add(id);
        return TaintSet.Of(new TaintAtom(AtomKind.Field, id, 0, TaintMask.Fresh, null));
    }

    private static void Set(State s, int variable, TaintSet? value, bool strong)
        => s.Set(variable, strong ? value : TaintSet.Join(s.Get(variable), value));

    private void AssignProperty(IPropertyReferenceOperation reference, TaintSet? value, State s, IOperation assignment)
    {
        var property = reference.Property;
        var receiver = reference.Instance is null ? null : Eval(reference.Instance, s);
        if (_session.IsInSource(property) && _session.Model.Get(property).IsEmpty)
        {
            if (_session.IsAutoProperty(property))
            {
                WriteField(property, Filter(value, property.Type), assignment);
                return;
            }

            if (property.SetMethod is { } setter)
            {
                Call(assignment, setter, property, reference.Instance, receiver, reference.Arguments, s, null, IsVirtualAccess(reference.Instance, property), CallKind.PropertySet, value);
            }

            return;
        }

        Call(assignment, property.SetMethod, property, reference.Instance, receiver, reference.Arguments, s, null, false, CallKind.PropertySet, value);
    }

    private void WriteField(ISymbol field, TaintSet? value, IOperation assignment)
    {
        if (value is null)
        {
            return;
        }

        var id = _session.FieldId(field);
        if (_fieldWrites.TryGetValue(id, out var write))
        {
            write.Taint = TaintSet.Join(write.Taint, value)!;
        }
        else
        {
            write = new FieldWrite(id, value, assignment.Syntax.GetLocation());
            _fieldWrites.Add(id, write);
            _fieldWriteList.Add(write);
        }
    }

    /// <summary>
    /// Adds taint to the storage an expression denotes (weak update): the collection a value is
    /// added to, the array an element is written to, the builder a string is appended to. A field
    /// of the compilation on the way is written; a parameter's contents become an out-effect.
    /// </summary>
    private void TaintRoot(IOperation? target, TaintSet? value, State s)
    {
        if (value is null)
        {
            return;
        }

        while (target is not null)
        {
            switch (target)
            {
                case IConversionOperation conversion:
                    target = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    target = parenthesized.Operand;
                    continue;
                case ILocalReferenceOperation local:
                    Set(s, Variable(local.Local), value, strong: false);
                    return;
                case IFlowCaptureReferenceOperation capture:
                    Set(s, Variable(capture.Id), value, strong: false);
                    return;
                case IParameterReferenceOperation parameter when IsCapturedPrimaryParameter(parameter.Parameter):
                    WriteField(parameter.Parameter, value, parameter);
                    return;
                case IParameterReferenceOperation parameter:
                    Set(s, Variable(parameter.Parameter), value, strong: false);
                    if (IsOwnParameter(parameter.Parameter))
                    {
                        _outs[parameter.Parameter.Ordinal] = TaintSet.Join(_outs[parameter.Parameter.Ordinal], value);
                    }

                    return;
                case IInstanceReferenceOperation when _method is not null && !_method.IsStatic && _runs.Count >= 1:
                    _outs[_outs.Length - 1] = TaintSet.Join(_outs[_outs.Length - 1], value);
                    return;
                case IFieldReferenceOperation field when _session.IsInSource(field.Field):
                    WriteField(field.Field, value, field);
                    return;
                case IFieldReferenceOperation field:
                    target = field.Instance;
                    continue;
                case IPropertyReferenceOperation property when _session.IsInSource(property.Property) && _session.IsAutoProperty(property.Property):
                    WriteField(property.Property, value, property);
                    return;
                case IPropertyReferenceOperation property when _session.ReturnedField(property.Property) is { } returned:
                    // The object the getter returns is that field's: fill the field, not the property's holder.
                    WriteField(returned, value, property);
                    return;
                case IPropertyReferenceOperation property:
                    target = property.Instance;
                    continue;
                case IArrayElementReferenceOperation element:
                    target = element.ArrayReference;
                    continue;
                case IInvocationOperation { Instance: { } fluent } invocation
                    when SymbolEqualityComparer.Default.Equals(invocation.Type, fluent.Type):
                    // Fluent builders (sb.Append(a).Append(b)) return their receiver.
                    target = fluent;
                    continue;
                default:
                    return;
            }
        }
    }

    private void Deconstruct(IOperation target, IOperation value, State s, IOperation assignment)
    {
        if (target is IDeclarationExpressionOperation declaration)
        {
            target = declaration.Expression;
        }

        if (target is ITupleOperation targets && value.WalkDownConversion() is ITupleOperation values && targets.Elements.Length == values.Elements.Length)
        {
            for (var i = 0; i < targets.Elements.Length; i++)
            {
                if (targets.Elements[i] is ITupleOperation or IDeclarationExpressionOperation { Expression: ITupleOperation })
                {
                    Deconstruct(targets.Elements[i], values.Elements[i], s, assignment);
                }
                else
                {
                    Assign(targets.Elements[i], Eval(values.Elements[i], s), s, assignment, strong: true);
                }
            }

            return;
        }

        Assign(target, Eval(value, s), s, assignment, strong: true);
    }

    // ------------------------------------------------------------------ calls

    private TaintSet? Invoke(IInvocationOperation invocation, State s)
    {
        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return InvokeLocalFunction(invocation, s);
        }

        var receiver = invocation.Instance is null ? null : Eval(invocation.Instance, s);
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            var args = EvalArguments(invocation.Arguments, receiver, s, false);
            var joined = receiver;
            foreach (var a in args)
            {
                joined = TaintSet.Join(joined, a);
            }

            return Filter(joined, invocation.Type);
        }

        return Call(invocation, method, method, invocation.Instance, receiver, invocation.Arguments, s, invocation.Type, invocation.IsVirtual, CallKind.Method, null);
    }

    private TaintSet? Create(IObjectCreationOperation creation, State s)
    {
        TaintSet? result = null;
        if (creation.Constructor is { } constructor)
        {
            result = Call(creation, constructor, constructor, null, null, creation.Arguments, s, creation.Type, false, CallKind.Constructor, null);
            if (_session.IsInSource(constructor))
            {
                // A user type carries its data in its fields (resolved globally), not in the reference.
                result = null;
            }
        }
        else
        {
            foreach (var argument in creation.Arguments)
            {
                result = TaintSet.Join(result, Eval(argument.Value, s));
            }
        }

        if (creation.Initializer is not null)
        {
            result = TaintSet.Join(result, InitializerValues(creation.Initializer, s, creation.Type));
        }

        return Filter(result, creation.Type);
    }

    /// <summary>Object and collection initializers that were not lowered: their values join the created object (library types) and setters are checked as sinks.</summary>
    private TaintSet? InitializerValues(IObjectOrCollectionInitializerOperation initializer, State s, ITypeSymbol? createdType)
    {
        TaintSet? joined = null;
        foreach (var member in initializer.Initializers)
        {
            switch (member)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                {
                    var value = Eval(assignment.Value, s);
                    if (_session.IsInSource(property.Property) && _session.IsAutoProperty(property.Property))
                    {
                        WriteField(property.Property, value, assignment);
                    }
                    else
                    {
                        Call(assignment, property.Property.SetMethod, property.Property, null, null, property.Arguments, s, null, false, CallKind.PropertySet, value);
                        joined = TaintSet.Join(joined, value);
                    }

                    break;
                }

                case ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment:
                {
                    var value = Eval(assignment.Value, s);
                    if (_session.IsInSource(field.Field))
                    {
                        WriteField(field.Field, value, assignment);
                    }
                    else
                    {
                        joined = TaintSet.Join(joined, value);
                    }

                    break;
                }

                case IInvocationOperation add:
                    foreach (var argument in add.Arguments)
                    {
                        joined = TaintSet.Join(joined, Eval(argument.Value, s));
                    }

                    break;
                default:
                    joined = TaintSet.Join(joined, Eval(member, s));
                    break;
            }
        }

        return createdType is not null && _session.IsInSource(createdType) ? null : joined;
    }

    /// <summary>
    /// A call of a method, constructor or accessor: the model first (sinks, then sources,
    /// sanitizers, pass-throughs), then methods of the compilation (a symbolic call site), then the
    /// default for library members.
    /// </summary>
    private TaintSet? Call(
        IOperation operation,
        IMethodSymbol? method,
        ISymbol member,
        IOperation? instance,
        TaintSet? receiver,
        ImmutableArray<IArgumentOperation> arguments,
        State s,
        ITypeSymbol? resultType,
        bool isVirtual,
        CallKind kind,
        TaintSet? assigned)
    {
        var routeHandler = method is not null && IsRouteMapping(method);
        var args = EvalArguments(arguments, receiver, s, routeHandler);
        if (method is { MethodKind: MethodKind.Constructor } && _session.IsPrimaryConstructor(method))
        {
            StorePrimaryConstructorArguments(arguments, args);
        }

        var model = _session.Model.Get(member);
        if (!model.Sinks.IsEmpty && kind != CallKind.PropertyGet)
        {
            CheckSinks(operation, member, model, arguments, args, assigned, kind == CallKind.PropertySet);
        }

        TaintSet? result = null;
        var handled = true;
        if (!model.Sources.IsEmpty)
        {
            foreach (var source in model.Sources)
            {
                var atom = SourceSet(source.Description ?? DescribeSource(member), operation.Syntax.GetLocation());
                if (source.Targets.IsEmpty)
                {
                    result = TaintSet.Join(result, atom);
                    continue;
                }

                foreach (var target in source.Targets)
                {
                    if (target is "return" or "this")
                    {
                        result = TaintSet.Join(result, atom);
                    }
                    else if (target.StartsWith("arg:", StringComparison.Ordinal) && FindArgument(arguments, target.Substring(4)) is { } argument)
                    {
                        TaintRoot(argument.Value, atom, s);
                    }
                }
            }
        }
        else if (!model.Sanitizers.IsEmpty)
        {
            var bits = TaintCategory.None;
            foreach (var sanitizer in model.Sanitizers)
            {
                bits |= sanitizer.Categories;
            }

            result = TaintSet.AddBits(JoinAll(receiver, args), bits);
        }
        else if (!model.PassThroughs.IsEmpty)
        {
            foreach (var pass in model.PassThroughs)
            {
                TaintSet? input = null;
                foreach (var from in pass.From)
                {
                    input = TaintSet.Join(input, from == "this" ? receiver : ArgumentTaint(arguments, args, from));
                }

                foreach (var target in pass.Targets.IsEmpty ? ImmutableArray.Create("return") : pass.Targets)
                {
                    if (target == "return")
                    {
                        result = TaintSet.Join(result, input);
                    }
                    else if (target == "this")
                    {
                        TaintRoot(instance, input, s);
                    }
                    else if (target.StartsWith("arg:", StringComparison.Ordinal) && FindArgument(arguments, target.Substring(4)) is { } argument)
                    {
                        TaintRoot(argument.Value, input, s);
                    }
                }
            }
        }
        else if (method is not null && IsUserCallable(method) && model.Sinks.IsEmpty)
        {
            // A modelled sink is a boundary: its own body (when it is in the compilation) is not followed.
            result = RecordCall(operation, method, kind, arguments, args, receiver, assigned, isVirtual, s);
        }
        else
        {
            handled = false;
        }

        if (!handled)
        {
            result = DefaultCall(method, member, instance, receiver, arguments, args, s, kind, assigned);
        }

        return Filter(result, resultType);
    }

    private bool IsUserCallable(IMethodSymbol method)
    {
        if (!_session.IsInSource(method) || method.IsExtern)
        {
            return false;
        }

        return !(method.IsPartialDefinition && method.PartialImplementationPart is null);
    }

    private TaintSet? RecordCall(
        IOperation operation,
        IMethodSymbol method,
        CallKind kind,
        ImmutableArray<IArgumentOperation> arguments,
        TaintSet?[] args,
        TaintSet? receiver,
        TaintSet? assigned,
        bool isVirtual,
        State s)
    {
        var target = method.OriginalDefinition;
        if (target.PartialImplementationPart is { } implementation)
        {
            // The body (and so the summary) belongs to the implementing declaration.
            target = implementation;
        }

        if (!_calls.TryGetValue(operation, out var site))
        {
            site = new CallSite(_callList.Count, target, isVirtual, kind, operation.Syntax.GetLocation(), target.Parameters.Length);
            _calls.Add(operation, site);
            _callList.Add(site);
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter is { } parameter && parameter.Ordinal < site.ReceiverSlot)
            {
                site.Arguments[parameter.Ordinal] = TaintSet.Join(site.Arguments[parameter.Ordinal], args[i]);
            }
        }

        if (kind == CallKind.PropertySet && target.Parameters.Length > 0)
        {
            var valueSlot = target.Parameters.Length - 1;
            site.Arguments[valueSlot] = TaintSet.Join(site.Arguments[valueSlot], assigned);
        }

        site.Arguments[site.ReceiverSlot] = TaintSet.Join(site.Arguments[site.ReceiverSlot], receiver);

        // Effects on the caller's variables: out/ref arguments and the contents of containers.
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter is not { } parameter)
            {
                continue;
            }

            var effect = TaintSet.Of(new TaintAtom(AtomKind.CallOut, site.Index, parameter.Ordinal, TaintMask.Fresh, null));
            if (parameter.RefKind == RefKind.Out)
            {
                Assign(arguments[i].Value, effect, s, operation, strong: true);
            }
            else if (parameter.RefKind == RefKind.Ref || IsContainer(parameter.Type))
            {
                TaintRoot(arguments[i].Value, effect, s);
            }
        }

        return TaintSet.Of(new TaintAtom(AtomKind.CallReturn, site.Index, 0, TaintMask.Fresh, null));
    }

    /// <summary>Library members without a model entry: every input flows to the result, and into the receiver or buffers it fills.</summary>
    private TaintSet? DefaultCall(
        IMethodSymbol? method,
        ISymbol member,
        IOperation? instance,
        TaintSet? receiver,
        ImmutableArray<IArgumentOperation> arguments,
        TaintSet?[] args,
        State s,
        CallKind kind,
        TaintSet? assigned)
    {
        if (kind == CallKind.PropertyGet)
        {
            return receiver;
        }

        if (kind == CallKind.PropertySet)
        {
            TaintRoot(instance, assigned, s);
            return null;
        }

        var type = member.ContainingType;
        var name = member.Name;
        var typeName = name switch
        {
            "Select" or "SelectMany" or "Replace" or "ReplaceLineEndings" or "GetFullPath" or "Combine" or "Join" or "Concat" or "Format" or "Insert" or "Create"
                => type?.ToDisplayString(),
            _ => null,
        };
        var isStringBuilder = type is { Name: "StringBuilder", ContainingNamespace.Name: "Text" };
        TaintSet? inputs = null;
        foreach (var a in args)
        {
            inputs = TaintSet.Join(inputs, a);
        }

        TaintSet? result;
        switch (typeName)
        {
            case "System.Linq.Enumerable" or "System.Linq.Queryable" or "System.Linq.ParallelEnumerable" when name is "Select" or "SelectMany":
                // A projection yields what the selector returns, not the source elements.
                result = null;
                for (var i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].Parameter?.Type.TypeKind == TypeKind.Delegate || arguments[i].Parameter?.Type.Name == "Expression")
                    {
                        result = TaintSet.Join(result, args[i]);
                    }
                }

                return result;
            case "string" when name is "Replace" or "ReplaceLineEndings":
                result = receiver;
                for (var i = 0; i < arguments.Length; i++)
                {
                    var p = arguments[i].Parameter?.Name;
                    if (p is "newValue" or "replacementText" or "newChar")
                    {
                        result = TaintSet.Join(result, args[i]);
                    }
                }

                return TaintSet.AddBits(result, RemovesLineBreaks(name, arguments) ? TaintCategory.Log : TaintCategory.None);
            case "System.Text.RegularExpressions.Regex" when name == "Replace":
                result = null;
                for (var i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].Parameter?.Name is "input" or "replacement" or "evaluator")
                    {
                        result = TaintSet.Join(result, args[i]);
                    }
                }

                return TaintSet.AddBits(TaintSet.Join(result, receiver), RemovesLineBreaks(name, arguments) ? TaintCategory.Log : TaintCategory.None);
            case "System.IO.Path" when name == "GetFullPath":
                return TaintSet.AddBits(inputs, TaintCategory.Normalized);
            case "System.IO.Path" when name is "Combine" or "Join":
                return Embed(inputs);
            case "string" when name is "Concat" or "Join" or "Format" or "Insert" or "Create":
                return Embed(inputs);
        }

        if (name is "TryGetValue" or "GetValueOrDefault" or "TryGetValueOrDefault" && IsContainer(instance?.Type ?? (arguments.Length > 0 ? arguments[0].Value.Type : null)))
        {
            // A lookup yields what the collection holds, whatever the key.
            var holder = instance is not null ? receiver : args.Length > 0 ? args[0] : null;
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i].Parameter?.RefKind == RefKind.Out)
                {
                    Assign(arguments[i].Value, holder, s, arguments[i], strong: true);
                }
            }

            return holder;
        }

        result = TaintSet.Join(receiver, inputs);
        if (instance is not null && method is not null && !method.IsStatic && inputs is not null && IsContainer(instance.Type))
        {
            // list.Add(x), sb.Append(x), writer.Write(x), dict[k] = v ...
            var added = isStringBuilder ? Embed(inputs) : inputs;
            TaintRoot(instance, added, s);
            if (isStringBuilder)
            {
                result = Embed(result);
            }
        }

        // Buffers, out and ref arguments receive what the other inputs carry.
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = arguments[i].Parameter;
            if (parameter is null)
            {
                continue;
            }

            var fills = parameter.RefKind is RefKind.Out or RefKind.Ref || (IsBuffer(parameter.Type) && parameter.RefKind == RefKind.None);
            if (!fills)
            {
                continue;
            }

            TaintSet? others = receiver;
            for (var j = 0; j < args.Length; j++)
            {
                if (j != i)
                {
                    others = TaintSet.Join(others, args[j]);
                }
            }

            if (parameter.RefKind == RefKind.Out)
            {
                Assign(arguments[i].Value, others, s, arguments[i], strong: true);
            }
            else
            {
                TaintRoot(arguments[i].Value, others, s);
            }
        }

        return result;
    }

    private static bool RemovesLineBreaks(string name, ImmutableArray<IArgumentOperation> arguments)
    {
        if (name == "ReplaceLineEndings")
        {
            return arguments.Length == 1 && arguments[0].Value.ConstantValue is { HasValue: true, Value: string s } && s.IndexOfAny(new[] { '\r', '\n' }) < 0;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name is not ("oldValue" or "oldChar" or "pattern"))
            {
                continue;
            }

            var value = argument.Value.WalkDownConversion();
            if (value.ConstantValue is { HasValue: true } constant)
            {
                var text = constant.Value switch
                {
                    string t => t,
                    char c => c.ToString(),
                    _ => string.Empty,
                };
                if (text.IndexOfAny(new[] { '\r', '\n' }) >= 0 || text.Contains("\\r") || text.Contains("\\n") || text.Contains("\\s") || text.Contains("\\p{C}") || text.Contains("[^"))
                {
                    return true;
                }
            }
            else if (value is IPropertyReferenceOperation { Property: { Name: "NewLine", ContainingType.Name: "Environment" } })
            {
                return true;
            }
        }

        return false;
    }

    private bool IsContainer(ITypeSymbol? type) => type is not null && _session.IsContainer(type, ComputeIsContainer);

    private static bool ComputeIsContainer(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return false;
            case IArrayTypeSymbol:
                return true;
            case { SpecialType: SpecialType.System_String }:
                return false;
        }

        if (type.Name is "StringBuilder" or "StringWriter" or "TextWriter" or "StreamWriter" or "MemoryStream" or "Stream" or "XmlWriter" or "BinaryWriter")
        {
            return true;
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (iface.SpecialType == SpecialType.System_Collections_IEnumerable)
            {
                return !type.IsValueType || type.Name is "ArraySegment" or "ImmutableArray";
            }
        }

        return false;
    }

    private static bool IsBuffer(ITypeSymbol type)
        => type is IArrayTypeSymbol || type.Name is "Span" or "Memory" or "ArraySegment";

    private static IArgumentOperation? FindArgument(ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } p && (p.Name == name || name == "#" + p.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                return argument;
            }
        }

        return null;
    }

    private static TaintSet? ArgumentTaint(ImmutableArray<IArgumentOperation> arguments, TaintSet?[] args, string spec)
    {
        if (!spec.StartsWith("arg:", StringComparison.Ordinal))
        {
            return null;
        }

        var name = spec.Substring(4);
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter is { } p && (p.Name == name || name == "#" + p.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                return args[i];
            }
        }

        return null;
    }

    private static TaintSet? JoinAll(TaintSet? receiver, TaintSet?[] args)
    {
        var joined = receiver;
        foreach (var a in args)
        {
            joined = TaintSet.Join(joined, a);
        }

        return joined;
    }

    private bool IsRouteMapping(IMethodSymbol method)
        => _session.EndpointRouteBuilderExtensions is { } extensions
           && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, extensions)
           && method.Name.StartsWith("Map", StringComparison.Ordinal);

    /// <summary>Evaluates arguments in order; delegates last, with the other inputs as the taint of their parameters.</summary>
    private TaintSet?[] EvalArguments(ImmutableArray<IArgumentOperation> arguments, TaintSet? receiver, State s, bool routeHandler)
    {
        var result = new TaintSet?[arguments.Length];
        List<int>? deferred = null;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (IsDelegateValue(arguments[i].Value))
            {
                (deferred ??= new List<int>()).Add(i);
                continue;
            }

            result[i] = Eval(arguments[i].Value, s);
        }

        if (deferred is not null)
        {
            var context = JoinAll(receiver, result);
            foreach (var i in deferred)
            {
                result[i] = EvalDelegate(arguments[i].Value, s, context, routeHandler);
            }
        }

        return result;
    }

    private static bool IsDelegateValue(IOperation value)
    {
        var v = value.WalkDownConversion();
        return v is IDelegateCreationOperation or IFlowAnonymousFunctionOperation or IMethodReferenceOperation or IAnonymousFunctionOperation;
    }

    private TaintSet? EvalDelegate(IOperation value, State s, TaintSet? context, bool routeHandler)
    {
        var v = value.WalkDownConversion();
        if (v is IDelegateCreationOperation creation)
        {
            v = creation.Target.WalkDownConversion();
        }

        return v switch
        {
            IFlowAnonymousFunctionOperation lambda => AnalyzeLambda(lambda, s, context, routeHandler),
            IMethodReferenceOperation reference => MethodGroup(reference, s, context, routeHandler),
            _ => Eval(v, s),
        };
    }

    private TaintSet? AnalyzeLambda(IFlowAnonymousFunctionOperation lambda, State s, TaintSet? context, bool routeHandler)
    {
        if (_runs.Count >= MaxNesting || _runs.Count == 0)
        {
            return context;
        }

        var graph = _runs.Peek().Graph.GetAnonymousFunctionControlFlowGraph(lambda, _cancellationToken);
        var entry = s.Clone();
        foreach (var parameter in lambda.Symbol.Parameters)
        {
            TaintSet? taint = null;
            if (!_session.IsSafeType(parameter.Type))
            {
                taint = routeHandler && _session.IsBoundParameter(parameter)
                    ? SourceSet("route handler parameter '" + parameter.Name + "'", parameter.Locations.FirstOrDefault() ?? lambda.Syntax.GetLocation())
                    : context;
            }

            entry.Set(Variable(parameter), taint);
        }

        var (returns, exit) = AnalyzeGraph(graph, entry);
        if (exit is not null)
        {
            s.JoinFrom(exit);
        }

        return returns;
    }

    private TaintSet? MethodGroup(IMethodReferenceOperation reference, State s, TaintSet? context, bool routeHandler)
    {
        var receiver = reference.Instance is null ? null : Eval(reference.Instance, s);
        var method = reference.Method;
        var model = _session.Model.Get(method);
        if (!model.Sanitizers.IsEmpty)
        {
            return null;
        }

        if (!model.Sources.IsEmpty)
        {
            return SourceSet(DescribeSource(method), reference.Syntax.GetLocation());
        }

        if (!IsUserCallable(method))
        {
            return _session.IsSafeType(method.ReturnType) ? null : TaintSet.Join(context, receiver);
        }

        var target = method.OriginalDefinition;
        if (!_calls.TryGetValue(reference, out var site))
        {
            site = new CallSite(_callList.Count, target, reference.IsVirtual, CallKind.Method, reference.Syntax.GetLocation(), target.Parameters.Length);
            _calls.Add(reference, site);
            _callList.Add(site);
        }

        foreach (var parameter in target.Parameters)
        {
            var taint = routeHandler && _session.IsBoundParameter(parameter) && !_session.IsSafeType(parameter.Type)
                ? SourceSet("route handler parameter '" + parameter.Name + "'", parameter.Locations.FirstOrDefault() ?? reference.Syntax.GetLocation())
                : context;
            site.Arguments[parameter.Ordinal] = TaintSet.Join(site.Arguments[parameter.Ordinal], taint);
        }

        site.Arguments[site.ReceiverSlot] = TaintSet.Join(site.Arguments[site.ReceiverSlot], receiver);
        return _session.IsSafeType(UnwrapTask(target)) ? null : TaintSet.Of(new TaintAtom(AtomKind.CallReturn, site.Index, 0, TaintMask.Fresh, null));
    }

    private TaintSet? InvokeLocalFunction(IInvocationOperation invocation, State s)
    {
        var function = invocation.TargetMethod.OriginalDefinition;
        var args = EvalArguments(invocation.Arguments, null, s, false);
        var graph = FindLocalFunctionGraph(function);
        if (graph is null || _localFunctionStack.Contains(function) || _runs.Count >= MaxNesting)
        {
            // Recursion (or too deep): every input may flow to the result.
            return Filter(JoinAll(null, args), invocation.Type);
        }

        var entry = s.Clone();
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].Parameter is { } parameter)
            {
                var original = function.Parameters[parameter.Ordinal];
                entry.Set(Variable(original), Filter(args[i], original.Type));
            }
        }

        _localFunctionStack.Add(function);
        try
        {
            var (returns, exit) = AnalyzeGraph(graph, entry);
            if (exit is not null)
            {
                s.JoinFrom(exit);
                for (var i = 0; i < invocation.Arguments.Length; i++)
                {
                    if (invocation.Arguments[i].Parameter is { RefKind: RefKind.Out or RefKind.Ref } parameter)
                    {
                        Assign(invocation.Arguments[i].Value, exit.Get(Variable(function.Parameters[parameter.Ordinal])), s, invocation, strong: true);
                    }
                }
            }

            return Filter(returns, invocation.Type);
        }
        finally
        {
            _localFunctionStack.Remove(function);
        }
    }

    private ControlFlowGraph? FindLocalFunctionGraph(IMethodSymbol function)
    {
        foreach (var run in _runs)
        {
            for (var graph = run.Graph; graph is not null; graph = graph.Parent)
            {
                foreach (var candidate in graph.LocalFunctions)
                {
                    if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, function))
                    {
                        return graph.GetLocalFunctionControlFlowGraph(candidate, _cancellationToken);
                    }
                }
            }
        }

        return null;
    }

    // ------------------------------------------------------------------ sinks and sources

    private void CheckSinks(IOperation operation, ISymbol member, MemberModel model, ImmutableArray<IArgumentOperation> arguments, TaintSet?[] args, TaintSet? assigned, bool isSetter)
    {
        foreach (var sink in model.Sinks)
        {
            if (sink.Parameters.IsEmpty)
            {
                if (isSetter && assigned is not null)
                {
                    RecordSink(operation, sink, DescribeMember(member), string.Empty, assigned);
                }

                continue;
            }

            if (isSetter)
            {
                continue;
            }

            for (var i = 0; i < arguments.Length; i++)
            {
                var parameter = arguments[i].Parameter;
                if (args[i] is null || parameter is null || !sink.Parameters.Contains(parameter.Name))
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(parameter.Type.OriginalDefinition, _session.FormattableString)
                    || (sink.Categories == TaintCategory.Command && parameter.Type.SpecialType != SpecialType.System_String))
                {
                    continue;
                }

                if (!SinkConditions.Holds(sink.Condition, operation, _session))
                {
                    continue;
                }

                RecordSink(operation, sink, DescribeMember(member) + "(" + parameter.Name + ")", parameter.Name, args[i]!);
            }
        }
    }

    private void RecordSink(IOperation operation, ModelEntry sink, string display, string parameter, TaintSet taint)
    {
        var key = (operation, sink, parameter);
        if (_sinks.TryGetValue(key, out var hit))
        {
            hit.Taint = TaintSet.Join(hit.Taint, taint)!;
            return;
        }

        hit = new SinkHit(sink, display, operation.Syntax.GetLocation(), taint);
        _sinks.Add(key, hit);
        _sinkList.Add(hit);
    }

    private TaintSet SourceSet(string description, Location location)
        => TaintSet.Of(new TaintAtom(AtomKind.Source, 0, 0, TaintMask.Fresh, new Witness(description, location, _ownerName, ImmutableArray<PathStep>.Empty)));

    /// <summary>"SqlCommand.CommandText", "Process.Start", "new FileStream".</summary>
    public static string DescribeMember(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } ctor => "new " + ctor.ContainingType.Name,
        IPropertySymbol { IsIndexer: true } indexer => indexer.ContainingType.Name + "[]",
        _ => (member.ContainingType?.Name is { } type ? type + "." : string.Empty) + member.Name,
    };

    private static string DescribeSource(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } ctor => "new " + ctor.ContainingType.Name + "(...)",
        IMethodSymbol method => DescribeMember(method) + "()",
        IPropertySymbol { IsIndexer: true } indexer => indexer.ContainingType.Name + "[...]",
        _ => DescribeMember(member),
    };

    // ------------------------------------------------------------------ branch refinement

    /// <summary>
    /// The states on the true and false edges of a condition: an allow-list check (equality with
    /// a trusted value, membership in a constant set, an anchored allow-list regex, IsLocalUrl,
    /// Enum.IsDefined, a containment check of a normalized path) cleans the checked variable on
    /// the edge where the check passed.
    /// </summary>
    private (State WhenTrue, State WhenFalse) Refine(IOperation condition, State s)
    {
        condition = condition.WalkDownConversion();
        if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            var (t, f) = Refine(not.Operand, s);
            return (f, t);
        }

        if (Check(condition, s) is not { } check)
        {
            return (s, s);
        }

        var passed = s.Clone();
        passed.Set(check.Variable, TaintSet.AddBits(passed.Get(check.Variable), check.Bits));
        return check.PassesWhenTrue ? (passed, s) : (s, passed);
    }

    private (int Variable, TaintCategory Bits, bool PassesWhenTrue)? Check(IOperation condition, State s)
    {
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } equality:
            {
                var passes = equality.OperatorKind == BinaryOperatorKind.Equals;
                if (IsTrusted(equality.RightOperand, s) && CheckedVariable(equality.LeftOperand) is { } left)
                {
                    return (left.Variable, left.Bits, passes);
                }

                if (IsTrusted(equality.LeftOperand, s) && CheckedVariable(equality.RightOperand) is { } right)
                {
                    return (right.Variable, right.Bits, passes);
                }

                return null;
            }

            case IIsPatternOperation isPattern when IsConstantPattern(isPattern.Pattern):
                return CheckedVariable(isPattern.Value) is { } v ? (v.Variable, v.Bits, true) : null;
            case IInvocationOperation invocation:
                return CheckCall(invocation, s);
            default:
                return null;
        }
    }

    private (int Variable, TaintCategory Bits, bool PassesWhenTrue)? CheckCall(IInvocationOperation invocation, State s)
    {
        var method = invocation.TargetMethod;
        var name = method.Name;
        var args = invocation.Arguments;
        IOperation? Arg(int i) => i < args.Length ? args[i].Value : null;

        switch (name)
        {
            case "Equals" when method.IsStatic && args.Length >= 2:
                if (IsTrusted(args[1].Value, s) && CheckedVariable(args[0].Value) is { } a)
                {
                    return (a.Variable, a.Bits, true);
                }

                if (IsTrusted(args[0].Value, s) && CheckedVariable(args[1].Value) is { } b)
                {
                    return (b.Variable, b.Bits, true);
                }

                return null;
            case "Equals" when invocation.Instance is not null && args.Length >= 1:
                if (IsTrusted(args[0].Value, s) && CheckedVariable(invocation.Instance) is { } c)
                {
                    return (c.Variable, c.Bits, true);
                }

                if (IsTrusted(invocation.Instance, s) && CheckedVariable(args[0].Value) is { } d)
                {
                    return (d.Variable, d.Bits, true);
                }

                return null;
            case "Contains" or "ContainsKey" or "ContainsValue":
            {
                // set.Contains(x), Enumerable.Contains(list, x), dictionary.ContainsKey(x)
                var collection = invocation.Instance ?? Arg(0);
                var value = invocation.Instance is not null ? Arg(0) : Arg(1);
                if (collection is null || value is null || collection.Type?.SpecialType == SpecialType.System_String || !IsTrustedCollection(collection, s))
                {
                    return null;
                }

                return CheckedVariable(value) is { } v ? (v.Variable, v.Bits, true) : null;
            }

            case "IsDefined" when method.ContainingType?.SpecialType == SpecialType.System_Enum && args.Length >= 1:
                return CheckedVariable(args[args.Length - 1].Value) is { } e ? (e.Variable, TaintCategory.AllSinks, true) : null;
            case "IsLocalUrl" when args.Length >= 1:
                return CheckedVariable(args[args.Length - 1].Value) is { } u ? (u.Variable, TaintCategory.Redirect, true) : null;
            case "IsMatch" when method.IsStatic && method.ContainingType?.Name == "Regex" && args.Length >= 2
                                && args[1].Value.ConstantValue is { HasValue: true, Value: string pattern } && RegexPatterns.IsAllowList(pattern):
                return CheckedVariable(args[0].Value) is { } r ? (r.Variable, TaintCategory.AllSinks, true) : null;
            case "All" when method.ContainingType?.Name == "Enumerable" && args.Length == 2 && IsCharacterClassPredicate(args[1].Value):
                return CheckedVariable(args[0].Value) is { } l ? (l.Variable, TaintCategory.AllSinks, true) : null;
            case "StartsWith" when invocation.Instance is not null && CheckedVariable(invocation.Instance) is { } p:
            {
                var current = s.Get(p.Variable);
                if (current is not null && current.Atoms.All(atom => (atom.Mask & TaintCategory.Normalized) != 0))
                {
                    return (p.Variable, TaintCategory.Path, true);
                }

                return null;
            }

            default:
                return null;
        }
    }

    private static bool IsConstantPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => constant.Value.ConstantValue is { HasValue: true, Value: not null },
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => IsConstantPattern(or.LeftPattern) && IsConstantPattern(or.RightPattern),
        _ => false,
    };

    private static bool IsCharacterClassPredicate(IOperation value)
    {
        var v = value.WalkDownConversion();
        if (v is IDelegateCreationOperation creation)
        {
            v = creation.Target;
        }

        return v is IMethodReferenceOperation { Method: { ContainingType.SpecialType: SpecialType.System_Char } method }
               && method.Name is "IsLetterOrDigit" or "IsLetter" or "IsDigit" or "IsAsciiLetterOrDigit" or "IsAsciiLetter" or "IsAsciiDigit" or "IsAsciiHexDigit";
    }

    /// <summary>A value an attacker cannot choose: a constant, or an untainted expression.</summary>
    private bool IsTrusted(IOperation operation, State s)
    {
        if (operation.ConstantValue.HasValue)
        {
            return operation.ConstantValue.Value is not null;
        }

        var scratch = s.Clone();
        var taint = Eval(operation, scratch);
        return taint is null || taint.Atoms.All(a => a.Kind is AtomKind.Field && IsReadOnlyField(a.A));
    }

    private bool IsTrustedCollection(IOperation collection, State s)
    {
        var v = collection.WalkDownConversion();
        if (v is IFieldReferenceOperation { Field.IsReadOnly: true } or IFieldReferenceOperation { Field.IsConst: true })
        {
            return true;
        }

        if (v is IPropertyReferenceOperation { Property: { SetMethod: null } property } && _session.IsInSource(property))
        {
            return true;
        }

        return IsTrusted(v, s);
    }

    private bool IsReadOnlyField(int id) => _session.Field(id) is IFieldSymbol { IsReadOnly: true };

    /// <summary>The variable a check constrains, and the categories passing it rules out.</summary>
    private (int Variable, TaintCategory Bits)? CheckedVariable(IOperation operation)
    {
        var v = operation.WalkDownConversion();
        var bits = TaintCategory.AllSinks;
        if (v is IPropertyReferenceOperation { Property.Name: "Host" or "Authority" or "IdnHost" or "DnsSafeHost" } host && host.Instance is not null)
        {
            v = host.Instance.WalkDownConversion();
            bits = TaintCategory.Ssrf | TaintCategory.Redirect;
        }

        return v switch
        {
            ILocalReferenceOperation local => (Variable(local.Local), bits),
            IParameterReferenceOperation parameter => (Variable(parameter.Parameter), bits),
            IFlowCaptureReferenceOperation capture => (Variable(capture.Id), bits),
            _ => null,
        };
    }

    // ------------------------------------------------------------------ state

    private int Variable(object key)
    {
        if (!_variables.TryGetValue(key, out var index))
        {
            index = _variables.Count;
            _variables.Add(key, index);
        }

        return index;
    }

    private sealed class GraphRun
    {
        public GraphRun(ControlFlowGraph graph)
        {
            Graph = graph;
        }

        public ControlFlowGraph Graph { get; }

        public TaintSet? Returns { get; set; }
    }

    /// <summary>Taint of every tracked variable at one program point.</summary>
    private sealed class State
    {
        private TaintSet?[] _values;

        public State()
        {
            _values = new TaintSet?[8];
        }

        private State(TaintSet?[] values)
        {
            _values = values;
        }

        public int Length => _values.Length;

        public TaintSet? Get(int variable) => variable < _values.Length ? _values[variable] : null;

        public void Set(int variable, TaintSet? value)
        {
            if (variable >= _values.Length)
            {
                if (value is null)
                {
                    return;
                }

                Array.Resize(ref _values, Math.Max(variable + 1, _values.Length * 2));
            }

            _values[variable] = value;
        }

        public State Clone() => new((TaintSet?[])_values.Clone());

        public void JoinFrom(State other)
        {
            for (var i = 0; i < other._values.Length; i++)
            {
                if (other._values[i] is { } v)
                {
                    Set(i, TaintSet.Join(Get(i), v));
                }
            }
        }

        public static State? Join(State? a, State? b)
        {
            if (a is null)
            {
                return b;
            }

            if (b is null)
            {
                return a;
            }

            var joined = a.Clone();
            joined.JoinFrom(b);
            return joined;
        }

        public bool SameAs(State other)
        {
            var length = Math.Max(_values.Length, other._values.Length);
            for (var i = 0; i < length; i++)
            {
                if (!TaintSet.SameTaint(Get(i), other.Get(i)))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class VariableComparer : IEqualityComparer<object>
    {
        public static readonly VariableComparer Instance = new();

        public new bool Equals(object? x, object? y)
            => x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

        public int GetHashCode(object obj)
            => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
    }
}
