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
}
