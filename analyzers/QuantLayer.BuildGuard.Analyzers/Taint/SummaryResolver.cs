using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers.Taint;

/// <summary>A source reaching a sink: what a diagnostic reports.</summary>
internal sealed class Finding
{
    public Finding(SinkHit hit, Witness witness, ImmutableArray<PathStep> downSteps)
    {
        Hit = hit;
        Witness = witness;
        DownSteps = downSteps;
    }

    public SinkHit Hit { get; }

    /// <summary>The source and the hops from it up to the method that called towards the sink.</summary>
    public Witness Witness { get; }

    /// <summary>The calls from there down to the sink.</summary>
    public ImmutableArray<PathStep> DownSteps { get; }
}

/// <summary>
/// The inter-procedural part: resolves the symbolic summaries of every analyzed method into closed
/// summaries (in terms of parameters and concrete sources only), bottom-up over the call graph
/// (strongly connected components first, callees before callers) with a worklist until nothing
/// changes, so recursion reaches a fixpoint and there is no depth limit. Fields and auto-properties
/// are global: what any method writes into one (from a source, directly or through any number of
/// calls) is what every reader sees. Virtual and interface calls reach every override and
/// implementation in the compilation. Memory: one closed summary per method and one taint set per
/// field; no graph of the program is built beyond the call edges.
/// </summary>
internal sealed class SummaryResolver
{
    private const int MaxLocalRounds = 16;
    private const int MaxSinksPerSummary = 64;

    private readonly TaintSession _session;
    private readonly List<MethodSummary> _methods;
    private readonly Dictionary<ISymbol, int> _index = new(SymbolEqualityComparer.Default);
    private readonly Closed?[] _closed;
    private readonly Dictionary<int, TaintSet?> _fieldTaint = new();
    private readonly Dictionary<int, HashSet<int>> _readers = new();
    private readonly Dictionary<ISymbol, List<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(string Rule, int Start, string? Path), Finding> _findings = new();
    private readonly HashSet<int> _changedFields = new();
    private readonly Dictionary<IMethodSymbol, IMethodSymbol[]> _targets = new(SymbolEqualityComparer.Default);
    private readonly CancellationToken _cancellationToken;

    public SummaryResolver(TaintSession session, CancellationToken cancellationToken)
    {
        _session = session;
        _cancellationToken = cancellationToken;
        _methods = session.Summaries
            .OrderBy(m => m.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(m => m.Location.SourceSpan.Start)
            .ThenBy(m => m.Owner.ToDisplayString(), StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < _methods.Count; i++)
        {
            _index[_methods[i].Owner] = i;
        }

        _closed = new Closed?[_methods.Count];
    }

    /// <summary>True when the work cap stopped the fixpoint early (the results are then partial).</summary>
    public bool Incomplete { get; private set; }

    /// <summary>Runs the fixpoint and returns the findings, ordered by location.</summary>
    public IReadOnlyList<Finding> Resolve()
    {
        BuildDispatchIndex();
        var order = BottomUpOrder();
        var position = new int[_methods.Count];
        for (var i = 0; i < order.Count; i++)
        {
            position[order[i]] = i;
        }

        var callers = new List<int>[_methods.Count];
        for (var m = 0; m < _methods.Count; m++)
        {
            foreach (var site in _methods[m].Calls)
            {
                foreach (var target in Targets(site))
                {
                    if (_index.TryGetValue(target, out var callee))
                    {
                        (callers[callee] ??= new List<int>()).Add(m);
                    }
                }
            }

            foreach (var field in _methods[m].FieldReads)
            {
                Reader(field, m);
            }
        }

        var worklist = new SortedSet<int>(Enumerable.Range(0, order.Count));
        var budget = (50 * _methods.Count) + 1000;
        while (worklist.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (--budget < 0)
            {
                Incomplete = true;
                break;
            }

            var next = worklist.Min;
            worklist.Remove(next);
            var m = order[next];
            _changedFields.Clear();
            var closed = Compute(m);
            if (_closed[m] is null || !_closed[m]!.SameAs(closed))
            {
                _closed[m] = closed;
                if (callers[m] is { } list)
                {
                    foreach (var caller in list)
                    {
                        worklist.Add(position[caller]);
                    }
                }
            }

            foreach (var field in _changedFields.ToList())
            {
                if (_readers.TryGetValue(field, out var readers))
                {
                    foreach (var reader in readers)
                    {
                        worklist.Add(position[reader]);
                    }
                }
            }
        }

        return _findings.Values
            .OrderBy(f => f.Hit.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(f => f.Hit.Location.SourceSpan.Start)
            .ThenBy(f => f.Hit.Entry.RuleId, StringComparer.Ordinal)
            .ToList();
    }

    // ------------------------------------------------------------------ one method

    private Closed Compute(int m)
    {
        var method = _methods[m];
        var context = new Context(m, method.Calls.Length);

        // Call results first: they may feed each other (loops), so iterate to a local fixpoint.
        for (var round = 0; round < MaxLocalRounds; round++)
        {
            var changed = false;
            foreach (var site in method.Calls)
            {
                var args = ResolveArguments(site, context);
                var (ret, outs) = ApplyCall(site, args, m);
                var joined = TaintSet.Join(context.Returns[site.Index], ret);
                if (!TaintSet.SameTaint(joined, context.Returns[site.Index]))
                {
                    context.Returns[site.Index] = joined;
                    changed = true;
                }

                for (var j = 0; j < outs.Length; j++)
                {
                    var joinedOut = TaintSet.Join(context.Outs[site.Index]?[j], outs[j]);
                    if (!TaintSet.SameTaint(joinedOut, context.Outs[site.Index]?[j]))
                    {
                        (context.Outs[site.Index] ??= new TaintSet?[site.Arguments.Length])[j] = joinedOut;
                        changed = true;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        var closed = new Closed(method.OutParameters.Length)
        {
            Return = Resolve(method.Return, context),
        };
        for (var i = 0; i < method.OutParameters.Length; i++)
        {
            closed.Out[i] = Resolve(method.OutParameters[i], context);
        }

        foreach (var write in method.FieldWrites)
        {
            AddFieldEffect(closed, write.Field, Resolve(write.Taint, context), write.Location);
        }

        foreach (var hit in method.Sinks)
        {
            AddSink(closed, hit, Resolve(hit.Taint, context), ImmutableArray<PathStep>.Empty);
        }

        foreach (var site in method.Calls)
        {
            var args = ResolveArguments(site, context);
            foreach (var target in Targets(site))
            {
                var step = new PathStep(MethodAnalyzer.DisplayName(target), site.Location);
                if (_index.TryGetValue(target, out var callee))
                {
                    if (_closed[callee] is not { } summary)
                    {
                        continue;
                    }

                    foreach (var effect in summary.Fields)
                    {
                        AddFieldEffect(closed, effect.Key, Substitute(effect.Value.Taint, args, step), effect.Value.Location);
                    }

                    foreach (var sink in summary.Sinks)
                    {
                        AddSink(closed, sink.Hit, Substitute(sink.Taint, args, step), sink.Steps.Insert(0, step));
                    }
                }
                else if (target is { MethodKind: MethodKind.PropertySet, AssociatedSymbol: IPropertySymbol property } && _session.IsAutoProperty(property)
                         && target.Parameters.Length > 0)
                {
                    AddFieldEffect(closed, _session.FieldId(property), args[target.Parameters.Length - 1], site.Location);
                }
            }
        }

        return closed;
    }

    private TaintSet?[] ResolveArguments(CallSite site, Context context)
    {
        var args = new TaintSet?[site.Arguments.Length];
        for (var j = 0; j < args.Length; j++)
        {
            args[j] = Resolve(site.Arguments[j], context);
        }

        return args;
    }

    /// <summary>The taint a call returns and writes to its arguments, over every possible callee.</summary>
    private (TaintSet? Return, TaintSet?[] Outs) ApplyCall(CallSite site, TaintSet?[] args, int caller)
    {
        TaintSet? ret = null;
        var outs = new TaintSet?[args.Length];
        foreach (var target in Targets(site))
        {
            var step = new PathStep(MethodAnalyzer.DisplayName(target), site.Location);
            if (_index.TryGetValue(target, out var callee))
            {
                if (_closed[callee] is not { } summary)
                {
                    continue;
                }

                ret = TaintSet.Join(ret, Substitute(summary.Return, args, step));
                for (var j = 0; j < outs.Length && j < summary.Out.Length; j++)
                {
                    outs[j] = TaintSet.Join(outs[j], Substitute(summary.Out[j], args, step));
                }
            }
            else if (target is { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property } && _session.IsAutoProperty(property))
            {
                var id = _session.FieldId(property);
                Reader(id, caller);
                ret = TaintSet.Join(ret, TaintSet.Join(FieldTaint(id), args[args.Length - 1]));
            }
            else if (target.MethodKind != MethodKind.PropertySet)
            {
                // No body to look at (extern, partial without implementation, abstract with no implementation here).
                foreach (var a in args)
                {
                    ret = TaintSet.Join(ret, a);
                }
            }
        }

        return (_session.IsSafeType(site.Target.ReturnType) ? null : ret, outs);
    }

    /// <summary>Replaces a callee's parameters by the caller's arguments and notes the hop.</summary>
    private static TaintSet? Substitute(TaintSet? set, TaintSet?[] args, PathStep step)
    {
        if (set is null)
        {
            return null;
        }

        var atoms = new List<TaintAtom>();
        foreach (var atom in set.Atoms)
        {
            switch (atom.Kind)
            {
                case AtomKind.Source:
                    atoms.Add(atom.WithWitness(atom.Witness?.With(step)));
                    break;
                case AtomKind.Parameter when atom.A < args.Length && args[atom.A] is { } argument:
                    foreach (var a in argument.Atoms)
                    {
                        atoms.Add(a.WithMask(TaintMask.Compose(atom.Mask, a.Mask)).WithWitness(a.Witness?.With(step)));
                    }

                    break;
            }
        }

        return TaintSet.From(atoms);
    }

    /// <summary>Resolves a method's symbolic atoms (fields, call results) into parameters and sources.</summary>
    private TaintSet? Resolve(TaintSet? set, Context context)
    {
        if (set is null)
        {
            return null;
        }

        var plain = true;
        foreach (var atom in set.Atoms)
        {
            if (atom.Kind is not (AtomKind.Source or AtomKind.Parameter))
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return set;
        }

        var atoms = new List<TaintAtom>();
        foreach (var atom in set.Atoms)
        {
            TaintSet? inner;
            switch (atom.Kind)
            {
                case AtomKind.Source:
                case AtomKind.Parameter:
                    atoms.Add(atom);
                    continue;
                case AtomKind.Field:
                    Reader(atom.A, context.Method);
                    inner = FieldTaint(atom.A);
                    break;
                case AtomKind.CallReturn:
                    inner = atom.A < context.Returns.Length ? context.Returns[atom.A] : null;
                    break;
                case AtomKind.CallOut:
                    inner = atom.A < context.Outs.Length ? context.Outs[atom.A] is { } outs && atom.B < outs.Length ? outs[atom.B] : null : null;
                    break;
                default:
                    continue;
            }

            if (inner is null)
            {
                continue;
            }

            foreach (var a in inner.Atoms)
            {
                atoms.Add(a.WithMask(TaintMask.Compose(atom.Mask, a.Mask)));
            }
        }

        return TaintSet.From(atoms);
    }

    private TaintSet? FieldTaint(int field) => _fieldTaint.TryGetValue(field, out var t) ? t : null;

    private void Reader(int field, int method)
    {
        if (!_readers.TryGetValue(field, out var set))
        {
            set = new HashSet<int>();
            _readers.Add(field, set);
        }

        set.Add(method);
    }

    /// <summary>Source data written into a field becomes global; parameter data stays in the summary for callers.</summary>
    private void AddFieldEffect(Closed closed, int field, TaintSet? taint, Location location)
    {
        if (taint is null)
        {
            return;
        }

        var sources = TaintSet.Only(taint, AtomKind.Source);
        if (sources is not null)
        {
            var name = _session.Field(field) is { } symbol ? (symbol switch { IPropertySymbol => "property ", IParameterSymbol => "parameter ", _ => "field " }) + symbol.ContainingType?.Name + "." + symbol.Name : "field";
            var step = new PathStep(name, location);
            var stepped = TaintSet.From(sources.Atoms.Select(a => a.WithWitness(a.Witness?.With(step))));
            var before = FieldTaint(field);
            var after = TaintSet.Join(before, stepped);
            if (!TaintSet.SameTaint(before, after))
            {
                _fieldTaint[field] = after;
                _changedFields.Add(field);
            }
            else if (!ReferenceEquals(before, after))
            {
                _fieldTaint[field] = after;
            }
        }

        var parameters = TaintSet.Only(taint, AtomKind.Parameter);
        if (parameters is not null)
        {
            closed.Fields.TryGetValue(field, out var existing);
            closed.Fields[field] = new FieldEffect(TaintSet.Join(existing?.Taint, parameters)!, existing?.Location ?? location);
        }
    }

    /// <summary>Source data at a sink is a finding; parameter data becomes a sink of the summary.</summary>
    private void AddSink(Closed closed, SinkHit hit, TaintSet? taint, ImmutableArray<PathStep> steps)
    {
        if (taint is null)
        {
            return;
        }

        foreach (var atom in taint.Atoms)
        {
            if (atom.Kind == AtomKind.Source && atom.Witness is { } witness && IsDangerous(atom.Mask, hit.Entry))
            {
                Report(hit, witness, steps);
            }
        }

        var parameters = TaintSet.Only(taint, AtomKind.Parameter);
        if (parameters is null || parameters.Atoms.All(a => !IsDangerous(a.Mask, hit.Entry)))
        {
            return;
        }

        foreach (var sink in closed.Sinks)
        {
            if (ReferenceEquals(sink.Hit, hit))
            {
                sink.Taint = TaintSet.Join(sink.Taint, parameters)!;
                return;
            }
        }

        if (closed.Sinks.Count < MaxSinksPerSummary)
        {
            closed.Sinks.Add(new ParameterSink(hit, parameters, steps));
        }
    }

    private static bool IsDangerous(TaintCategory mask, ModelEntry sink)
        => (mask & sink.Categories) == 0 && (!sink.RequiresEmbedding || (mask & TaintCategory.NotEmbedded) == 0);

    private void Report(SinkHit hit, Witness witness, ImmutableArray<PathStep> steps)
    {
        var key = (hit.Entry.RuleId ?? string.Empty, hit.Location.SourceSpan.Start, hit.Location.SourceTree?.FilePath);
        var candidate = new Finding(hit, witness, steps);
        if (!_findings.TryGetValue(key, out var existing))
        {
            _findings.Add(key, candidate);
            return;
        }

        var c = (witness.Steps.Length + steps.Length).CompareTo(existing.Witness.Steps.Length + existing.DownSteps.Length);
        if (c == 0)
        {
            c = Witness.Compare(witness, existing.Witness);
        }

        if (c < 0)
        {
            _findings[key] = candidate;
        }
    }

    // ------------------------------------------------------------------ call graph

    /// <summary>Every method a call may run: the target, and for virtual calls each override and implementation in the compilation.</summary>
    private IMethodSymbol[] Targets(CallSite site)
    {
        if (!site.IsVirtual)
        {
            return new[] { site.Target };
        }

        if (!_targets.TryGetValue(site.Target, out var targets))
        {
            targets = ComputeTargets(site).ToArray();
            _targets.Add(site.Target, targets);
        }

        return targets;
    }

    private IEnumerable<IMethodSymbol> ComputeTargets(CallSite site)
    {
        yield return site.Target;

        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { site.Target };
        var queue = new Queue<IMethodSymbol>();
        queue.Enqueue(site.Target);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!_implementations.TryGetValue(current, out var list))
            {
                continue;
            }

            foreach (var implementation in list)
            {
                if (seen.Add(implementation))
                {
                    queue.Enqueue(implementation);
                    yield return implementation;
                }
            }
        }
    }

    private void BuildDispatchIndex()
    {
        var virtualTargets = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var method in _methods)
        {
            foreach (var site in method.Calls)
            {
                if (site.IsVirtual)
                {
                    virtualTargets.Add(site.Target);
                }
            }
        }

        if (virtualTargets.Count == 0)
        {
            return;
        }

        var interfaceTargets = virtualTargets.Where(t => t.ContainingType?.TypeKind == TypeKind.Interface).ToList();
        foreach (var type in AllTypes(_session.Compilation.Assembly.GlobalNamespace))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsOverride: true } method)
                {
                    for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        AddImplementation(overridden.OriginalDefinition, method.OriginalDefinition);
                    }
                }
                else if (member is IPropertySymbol { IsOverride: true } property)
                {
                    foreach (var accessor in new[] { property.GetMethod, property.SetMethod })
                    {
                        for (var overridden = accessor?.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                        {
                            AddImplementation(overridden.OriginalDefinition, accessor!.OriginalDefinition);
                        }
                    }
                }
            }

            if (type.TypeKind == TypeKind.Interface || interfaceTargets.Count == 0)
            {
                continue;
            }

            foreach (var target in interfaceTargets)
            {
                if (target.ContainingType is not { } iface || !type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, iface.OriginalDefinition)))
                {
                    continue;
                }

                var constructed = type.AllInterfaces.First(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, iface.OriginalDefinition));
                var member = constructed.GetMembers(target.Name).FirstOrDefault(m => SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, target));
                if (member is not null && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation && _session.IsInSource(implementation))
                {
                    AddImplementation(target, implementation.OriginalDefinition);
                }
            }
        }
    }

    private void AddImplementation(IMethodSymbol target, IMethodSymbol implementation)
    {
        if (!_implementations.TryGetValue(target, out var list))
        {
            list = new List<IMethodSymbol>();
            _implementations.Add(target, list);
        }

        if (!list.Contains(implementation, SymbolEqualityComparer.Default))
        {
            list.Add(implementation);
        }
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol root)
    {
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is INamespaceSymbol ns)
            {
                foreach (var member in ns.GetMembers())
                {
                    stack.Push(member);
                }
            }
            else if (current is INamedTypeSymbol type)
            {
                yield return type;
                foreach (var nested in type.GetTypeMembers())
                {
                    stack.Push(nested);
                }
            }
        }
    }

    /// <summary>Tarjan's strongly connected components, iteratively; callees come before callers.</summary>
    private List<int> BottomUpOrder()
    {
        var n = _methods.Count;
        var successors = new List<int>[n];
        for (var m = 0; m < n; m++)
        {
            var list = new List<int>();
            foreach (var site in _methods[m].Calls)
            {
                foreach (var target in Targets(site))
                {
                    if (_index.TryGetValue(target, out var callee))
                    {
                        list.Add(callee);
                    }
                }
            }

            successors[m] = list;
        }

        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        for (var i = 0; i < n; i++)
        {
            index[i] = -1;
        }

        var order = new List<int>(n);
        var stack = new Stack<int>();
        var counter = 0;
        var work = new Stack<(int Node, int Next)>();
        for (var start = 0; start < n; start++)
        {
            if (index[start] >= 0)
            {
                continue;
            }

            work.Push((start, 0));
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                if (next == 0)
                {
                    index[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack[node] = true;
                }

                var recursed = false;
                while (next < successors[node].Count)
                {
                    var w = successors[node][next++];
                    if (index[w] < 0)
                    {
                        work.Push((node, next));
                        work.Push((w, 0));
                        recursed = true;
                        break;
                    }

                    if (onStack[w])
                    {
                        low[node] = Math.Min(low[node], index[w]);
                    }
                }

                if (recursed)
                {
                    continue;
                }

                if (low[node] == index[node])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        order.Add(w);
                    }
                    while (w != node);
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return order;
    }

    // ------------------------------------------------------------------ data

    private sealed class Context
    {
        public Context(int method, int calls)
        {
            Method = method;
            Returns = new TaintSet?[calls];
            Outs = new TaintSet?[calls][];
        }

        public int Method { get; }

        public TaintSet?[] Returns { get; }

        public TaintSet?[]?[] Outs { get; }
    }

    private sealed class FieldEffect
    {
        public FieldEffect(TaintSet taint, Location location)
        {
            Taint = taint;
            Location = location;
        }

        public TaintSet Taint { get; }

        public Location Location { get; }
    }

    private sealed class ParameterSink
    {
        public ParameterSink(SinkHit hit, TaintSet taint, ImmutableArray<PathStep> steps)
        {
            Hit = hit;
            Taint = taint;
            Steps = steps;
        }

        public SinkHit Hit { get; }

        public TaintSet Taint { get; set; }

        public ImmutableArray<PathStep> Steps { get; }
    }

    /// <summary>A method's effects in terms of its parameters (and sources): what callers substitute.</summary>
    private sealed class Closed
    {
        public Closed(int outs)
        {
            Out = new TaintSet?[outs];
        }

        public TaintSet? Return { get; set; }

        public TaintSet?[] Out { get; }

        public Dictionary<int, FieldEffect> Fields { get; } = new();

        public List<ParameterSink> Sinks { get; } = new();

        public bool SameAs(Closed other)
        {
            if (!TaintSet.SameTaint(Return, other.Return) || Fields.Count != other.Fields.Count || Sinks.Count != other.Sinks.Count)
            {
                return false;
            }

            for (var i = 0; i < Out.Length; i++)
            {
                if (!TaintSet.SameTaint(Out[i], other.Out[i]))
                {
                    return false;
                }
            }

            foreach (var pair in Fields)
            {
                if (!other.Fields.TryGetValue(pair.Key, out var o) || !TaintSet.SameTaint(pair.Value.Taint, o.Taint))
                {
                    return false;
                }
            }

            for (var i = 0; i < Sinks.Count; i++)
            {
                if (!ReferenceEquals(Sinks[i].Hit, other.Sinks[i].Hit) || !TaintSet.SameTaint(Sinks[i].Taint, other.Sinks[i].Taint))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
