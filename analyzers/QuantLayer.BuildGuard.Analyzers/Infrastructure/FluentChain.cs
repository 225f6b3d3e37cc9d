using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>
/// The calls of a fluent builder chain (<c>new Builder().WithA().WithB().Build()</c>), including
/// calls made in separate statements on the local the chain starts from
/// (<c>var b = new Builder(); b.WithA(); b.Build();</c>).
/// </summary>
internal sealed class FluentChain
{
    private FluentChain(IReadOnlyList<IInvocationOperation> calls, IObjectCreationOperation? creation)
    {
        Calls = calls;
        Creation = creation;
    }

    /// <summary>The calls, in source order.</summary>
    public IReadOnlyList<IInvocationOperation> Calls { get; }

    /// <summary>The builder's creation, or null when the builder came from elsewhere (then the chain may be incomplete).</summary>
    public IObjectCreationOperation? Creation { get; }

    /// <summary>True when the chain starts at a builder created in this method, so every call on it is known.</summary>
    public bool IsComplete => Creation is not null;

    /// <summary>The last call named <paramref name="name"/>, or null.</summary>
    public IInvocationOperation? Last(string name)
    {
        for (var i = Calls.Count - 1; i >= 0; i--)
        {
            if (Calls[i].TargetMethod.Name == name)
            {
                return Calls[i];
            }
        }

        return null;
    }

    /// <summary>Collects the chain <paramref name="call"/> belongs to.</summary>
    public static FluentChain Of(IInvocationOperation call)
    {
        // Up to the outermost call of the expression.
        IOperation top = call;
        while (true)
        {
            var parent = top.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IInvocationOperation outer && outer.Instance is not null && Unwrap(outer.Instance) == top)
            {
                top = outer;
                continue;
            }

            break;
        }

        var calls = new List<IInvocationOperation>();
        var creation = Down(top, calls, 0);
        calls.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
        return new FluentChain(calls, creation);
    }

    private static IObjectCreationOperation? Down(IOperation top, List<IInvocationOperation> calls, int depth)
    {
        var current = Unwrap(top);
        while (current is IInvocationOperation invocation)
        {
            if (!calls.Contains(invocation))
            {
                calls.Add(invocation);
            }

            if (invocation.Instance is null)
            {
                return null;
            }

            current = Unwrap(invocation.Instance);
        }

        if (current is IObjectCreationOperation creation)
        {
            return creation;
        }

        if (current is ILocalReferenceOperation local && depth < 3)
        {
            // Statement-form calls on the same local, and the chain that produced its value.
            foreach (var operation in current.Root().Descendants())
            {
                if (operation is IInvocationOperation other && other.Instance is not null
                    && Unwrap(other.Instance) is ILocalReferenceOperation receiver
                    && SymbolEqualityComparer.Default.Equals(receiver.Local, local.Local)
                    && !calls.Contains(other))
                {
                    calls.Add(other);
                    AddOuter(other, calls);
                }
            }

            if (ValueFacts.LastValueOfLocal(local) is { } initial)
            {
                return Down(initial, calls, depth + 1);
            }
        }

        return null;
    }

    private static void AddOuter(IInvocationOperation call, List<IInvocationOperation> calls)
    {
        IOperation current = call;
        while (current.Parent is { } parent)
        {
            var p = parent;
            while (p is IConversionOperation or IParenthesizedOperation && p.Parent is not null)
            {
                p = p.Parent;
            }

            if (p is IInvocationOperation outer && outer.Instance is not null && Unwrap(outer.Instance) == current)
            {
                if (!calls.Contains(outer))
                {
                    calls.Add(outer);
                }

                current = outer;
                continue;
            }

            break;
        }
    }

    private static IOperation Unwrap(IOperation operation) => operation.WalkDownConversion();
}
