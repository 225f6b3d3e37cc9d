using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>The body and parameters of a callback whose source is visible.</summary>
internal sealed class DelegateBody
{
    public DelegateBody(IOperation body, ImmutableArray<IParameterSymbol> parameters)
    {
        Body = body;
        Parameters = parameters;
    }

    /// <summary>The body (a block; an expression body is a block with one implicit return).</summary>
    public IOperation Body { get; }

    /// <summary>The callback's parameters.</summary>
    public ImmutableArray<IParameterSymbol> Parameters { get; }
}

/// <summary>How a validation callback accepts every input.</summary>
internal enum AcceptKind
{
    /// <summary>It does not (or it cannot be told).</summary>
    No,

    /// <summary>Every return returns the constant true.</summary>
    ReturnsTrue,

    /// <summary>It can return true and reads none of its inputs.</summary>
    IgnoresInput,
}

/// <summary>
/// Finds the code behind a delegate value (lambda, anonymous method, method group of a method in
/// the same file, local function, or a local holding one of those) and answers the questions the
/// certificate rules ask about it.
/// </summary>
internal static class DelegateInspector
{
    /// <summary>The body of the callback <paramref name="value"/> denotes, or null when it is not visible.</summary>
    public static DelegateBody? Resolve(IOperation value) => Resolve(value, 0);

    private static DelegateBody? Resolve(IOperation value, int depth)
    {
        if (depth > 4)
        {
            return null;
        }

        value = value.WalkDownConversion();
        switch (value)
        {
            case IDelegateCreationOperation creation:
                return Resolve(creation.Target, depth + 1);
            case IAnonymousFunctionOperation lambda:
                return new DelegateBody(lambda.Body, lambda.Symbol.Parameters);
            case IMethodReferenceOperation reference:
                return FromMethod(reference.Method, reference.SemanticModel);
            case ILocalReferenceOperation local when ValueFacts.LastValueOfLocal(local) is { } assigned:
                return Resolve(assigned, depth + 1);
            default:
                return null;
        }
    }

    private static DelegateBody? FromMethod(IMethodSymbol method, SemanticModel? model)
    {
        if (model is null)
        {
            return null;
        }

        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree)
            {
                continue;
            }

            switch (model.GetOperation(reference.GetSyntax()))
            {
                case IMethodBodyOperation body when (body.BlockBody ?? body.ExpressionBody) is { } block:
                    return new DelegateBody(block, method.Parameters);
                case ILocalFunctionOperation local when local.Body is { } localBody:
                    return new DelegateBody(localBody, method.Parameters);
            }
        }

        return null;
    }

    /// <summary>
    /// True when a bool-returning validation callback accepts every input: every <c>return</c>
    /// returns the constant <c>true</c>, or some <c>return</c> returns <c>true</c> and the decision
    /// reads none of its parameters (other than an <c>object sender</c>), so it cannot depend on
    /// the certificate, the chain or the errors; and it cannot reject by throwing (see
    /// <see cref="ValidatesByException"/>).
    /// </summary>
    public static bool AlwaysAccepts(DelegateBody callback) => HowItAccepts(callback) != AcceptKind.No;

    /// <summary>How a bool-returning validation callback accepts everything (see <see cref="AlwaysAccepts"/>).</summary>
    public static AcceptKind HowItAccepts(DelegateBody callback)
    {
        var anyTrue = false;
        var allTrue = true;
        var count = 0;
        foreach (var returned in Returns(callback.Body))
        {
            count++;
            if (returned.ReturnedValue is { } value && value.IsConstantTrue())
            {
                anyTrue = true;
            }
            else
            {
                allTrue = false;
            }
        }

        if (count == 0 || !anyTrue || ValidatesByException(callback))
        {
            return AcceptKind.No;
        }

        if (allTrue)
        {
            return AcceptKind.ReturnsTrue;
        }

        foreach (var parameter in callback.Parameters)
        {
            if (parameter.Type.SpecialType != SpecialType.System_Object && callback.Body.ReadsParameter(parameter))
            {
                return AcceptKind.No;
            }
        }

        return AcceptKind.IgnoresInput;
    }

    /// <summary>
    /// True when the callback can reject by throwing: it has a <c>throw</c>, or it passes the
    /// certificate, chain or errors to a method of the compilation that throws
    /// (<c>ValidateDane(certificate, chain, errors); return true;</c>). Logging calls into
    /// libraries do not count.
    /// </summary>
    private static bool ValidatesByException(DelegateBody callback)
    {
        var inputs = callback.Parameters.Where(p => p.Type.SpecialType != SpecialType.System_Object).ToList();
        var stack = new Stack<IOperation>();
        stack.Push(callback.Body);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            switch (current)
            {
                case IThrowOperation:
                    return true;
                case IInvocationOperation call
                    when call.Arguments.Any(a => inputs.Any(p => a.Value.ReadsParameter(p))) && Throws(call.TargetMethod):
                    return true;
            }

            foreach (var child in current.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    stack.Push(child);
                }
            }
        }

        return false;
    }

    /// <summary>True when a method declared in source contains a <c>throw</c> statement or expression.</summary>
    private static bool Throws(IMethodSymbol method)
    {
        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.ThrowStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ThrowExpressionSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The assignment of the constant <c>true</c> to one of <paramref name="propertyNames"/> on
    /// <paramref name="argument"/> (<c>e.Accept = true</c>) that no enclosing condition guards with
    /// a test of <paramref name="argument"/>: the handler accepts whatever it is asked about.
    /// </summary>
    public static IOperation? UnconditionalAssignmentOfTrue(DelegateBody handler, IParameterSymbol argument, params string[] propertyNames)
    {
        foreach (var operation in handler.Body.Descendants())
        {
            if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IParameterReferenceOperation receiver } target } assignment
                || !SymbolEqualityComparer.Default.Equals(receiver.Parameter, argument)
                || Array.IndexOf(propertyNames, target.Property.Name) < 0
                || !assignment.Value.IsConstantTrue())
            {
                continue;
            }

            if (!GuardedBy(assignment, handler.Body, argument))
            {
                return assignment;
            }
        }

        return null;
    }

    /// <summary>True when an <c>if</c>, <c>switch</c>, conditional expression, loop or <c>catch</c> around <paramref name="operation"/> tests <paramref name="parameter"/>.</summary>
    private static bool GuardedBy(IOperation operation, IOperation body, IParameterSymbol parameter)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            switch (current)
            {
                case IConditionalOperation conditional when conditional.Condition.ReadsParameter(parameter):
                case ISwitchOperation @switch when @switch.Value.ReadsParameter(parameter):
                case ISwitchExpressionOperation switchExpression when switchExpression.Value.ReadsParameter(parameter):
                case IWhileLoopOperation { Condition: { } loopCondition } when loopCondition.ReadsParameter(parameter):
                case IForEachLoopOperation forEach when forEach.Collection.ReadsParameter(parameter):
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return true;
                case ISwitchCaseOperation switchCase when switchCase.Parent is ISwitchOperation outer && outer.Value.ReadsParameter(parameter):
                    return true;
            }
        }

        return false;
    }

    private static IEnumerable<IReturnOperation> Returns(IOperation body)
    {
        var stack = new Stack<IOperation>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is IReturnOperation { Kind: OperationKind.Return } returned)
            {
                yield return returned;
            }

            foreach (var child in current.ChildOperations)
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                stack.Push(child);
            }
        }
    }
}
