using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace QuantLayer.BuildGuard.Analyzers.Flow;

/// <summary>
/// Reaching definitions of one local variable at one read of it, over Roslyn's
/// <see cref="ControlFlowGraph"/>: which assignments can have produced the value read there.
/// Intra-procedural and bounded: graphs larger than <see cref="MaxBlocks"/> blocks are not analysed.
/// </summary>
internal static class ReachingDefinitions
{
    /// <summary>Graphs with more blocks than this are not analysed (the caller treats the value as unknown).</summary>
    public const int MaxBlocks = 2000;

    /// <summary>
    /// Finds the definitions of <paramref name="local"/> that reach the read whose syntax is
    /// <paramref name="readSyntax"/>. Returns false when the answer is not known (the read was not
    /// found, the graph is too large, or the variable may be unassigned or written in a way that is
    /// not a plain assignment: <c>ref</c>/<c>out</c> arguments, compound assignments,
    /// deconstruction, <c>foreach</c>). On success <paramref name="valueSyntaxes"/> holds the
    /// syntax of each assigned value (the right-hand side or the initializer).
    /// </summary>
    public static bool TryGetAssignedValues(ControlFlowGraph cfg, ILocalSymbol local, SyntaxNode readSyntax, out List<SyntaxNode> valueSyntaxes)
    {
        valueSyntaxes = new List<SyntaxNode>();
        var blocks = cfg.Blocks;
        if (blocks.Length > MaxBlocks)
        {
            return false;
        }

        // Events per block, in evaluation order: definitions (with their value syntax, or null when
        // unknown) and the one read we are asked about.
        var definitions = new List<(int Block, SyntaxNode? Value)>();
        var lastDefinitionInBlock = new int[blocks.Length];
        var readBlock = -1;
        var definitionBeforeRead = -1;
        for (var b = 0; b < blocks.Length; b++)
        {
            lastDefinitionInBlock[b] = -1;
            var events = new List<(int Order, int Position, int Definition, bool IsRead)>();
            var order = 0;
            foreach (var root in Roots(blocks[b]))
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    var definition = DefinitionOf(operation, local, out var valueSyntax);
                    if (definition)
                    {
                        definitions.Add((b, valueSyntax));
                        events.Add((order, operation.Syntax.Span.End, definitions.Count - 1, false));
                    }
                    else if (operation is ILocalReferenceOperation reference
                        && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                        && reference.Syntax == readSyntax)
                    {
                        events.Add((order, operation.Syntax.SpanStart, -1, true));
                    }
                }

                order++;
            }

            events.Sort((x, y) => x.Order != y.Order ? x.Order.CompareTo(y.Order) : x.Position.CompareTo(y.Position));
            foreach (var e in events)
            {
                if (e.IsRead)
                {
                    if (readBlock < 0)
                    {
                        readBlock = b;
                        definitionBeforeRead = lastDefinitionInBlock[b];
                    }
                }
                else
                {
                    lastDefinitionInBlock[b] = e.Definition;
                }
            }
        }

        if (readBlock < 0)
        {
            return false;
        }

        HashSet<int> reaching;
        if (definitionBeforeRead >= 0)
        {
            reaching = new HashSet<int> { definitionBeforeRead };
        }
        else
        {
            reaching = ReachingAtEntry(blocks, definitions.Count, lastDefinitionInBlock, readBlock);
        }

        foreach (var d in reaching)
        {
            if (d == Unassigned || definitions[d].Value is not { } value)
            {
                return false;
            }

            valueSyntaxes.Add(value);
        }

        return valueSyntaxes.Count > 0;
    }

    private const int Unassigned = -1;

    /// <summary>Classic iterative data flow for one variable: IN[b] = union of OUT[pred].</summary>
    private static HashSet<int> ReachingAtEntry(System.Collections.Immutable.ImmutableArray<BasicBlock> blocks, int definitionCount, int[] lastDefinitionInBlock, int target)
    {
        var allDefinitions = new HashSet<int>(Enumerable.Range(0, definitionCount)) { Unassigned };
        var inSets = new HashSet<int>?[blocks.Length];
        var outSets = new HashSet<int>?[blocks.Length];
        var changed = true;
        var rounds = 0;
        while (changed && rounds++ < 50)
        {
            changed = false;
            for (var b = 0; b < blocks.Length; b++)
            {
                var block = blocks[b];
                HashSet<int> inSet;
                if (block.Kind == BasicBlockKind.Entry)
                {
                    inSet = new HashSet<int> { Unassigned };
                }
                else if (block.Predecessors.IsEmpty)
                {
                    // Reached through an exception or a finally region: any definition may reach.
                    inSet = allDefinitions;
                }
                else
                {
                    inSet = new HashSet<int>();
                    foreach (var predecessor in block.Predecessors)
                    {
                        if (outSets[predecessor.Source.Ordinal] is { } predecessorOut)
                        {
                            inSet.UnionWith(predecessorOut);
                        }
                    }
                }

                var outSet = lastDefinitionInBlock[b] >= 0 ? new HashSet<int> { lastDefinitionInBlock[b] } : inSet;
                if (inSets[b] is null || !inSets[b]!.SetEquals(inSet))
                {
                    inSets[b] = inSet;
                    changed = true;
                }

                if (outSets[b] is null || !outSets[b]!.SetEquals(outSet))
                {
                    outSets[b] = outSet;
                    changed = true;
                }
            }
        }

        // Not converged within the bound: be conservative.
        return changed ? allDefinitions : inSets[target] ?? allDefinitions;
    }

    private static IEnumerable<IOperation> Roots(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            yield return operation;
        }

        if (block.BranchValue is { } branch)
        {
            yield return branch;
        }
    }

    /// <summary>
    /// True when <paramref name="operation"/> writes <paramref name="local"/>; <paramref name="valueSyntax"/>
    /// is the syntax of the assigned value for a plain assignment or initializer, null otherwise.
    /// </summary>
    private static bool DefinitionOf(IOperation operation, ILocalSymbol local, out SyntaxNode? valueSyntax)
    {
        valueSyntax = null;
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                when SymbolEqualityComparer.Default.Equals(target.Local, local):
                valueSyntax = assignment.Syntax switch
                {
                    AssignmentExpressionSyntax a => a.Right,
                    VariableDeclaratorSyntax { Initializer: { } initializer } => initializer.Value,
                    _ => null,
                };
                return true;
            case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target }
                when SymbolEqualityComparer.Default.Equals(target.Local, local):
                return true;
            case ICoalesceAssignmentOperation { Target: ILocalReferenceOperation target }
                when SymbolEqualityComparer.Default.Equals(target.Local, local):
                return true;
            case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target }
                when SymbolEqualityComparer.Default.Equals(target.Local, local):
                return true;
            case IDeconstructionAssignmentOperation deconstruction
                when deconstruction.Target.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, local)):
                return true;
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation target }
                when SymbolEqualityComparer.Default.Equals(target.Local, local):
                return true;
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared }
                when SymbolEqualityComparer.Default.Equals(declared, local):
                return true;
            default:
                return false;
        }
    }
}
