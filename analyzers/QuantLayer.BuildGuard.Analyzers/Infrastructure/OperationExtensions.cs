using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>Small helpers over <see cref="IOperation"/> shared by the rules.</summary>
internal static class OperationExtensions
{
    /// <summary>Skips implicit and explicit conversions and parentheses.</summary>
    public static IOperation WalkDownConversion(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>
    /// From a parent operation, skips the conversions and parentheses that wrap a child and
    /// returns the first real consumer (null at the root).
    /// </summary>
    public static IOperation? WalkUpConversion(this IOperation? parent)
    {
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }
}
