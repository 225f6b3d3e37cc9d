using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>Where to put a diagnostic so that it underlines what is wrong and not more.</summary>
internal static class SyntaxLocations
{
    /// <summary>
    /// The method name and argument list of a call (<c>WithTcpServer("x")</c> in
    /// <c>new Builder().WithTcpServer("x").Build()</c>), so a fluent chain is not underlined as a whole.
    /// </summary>
    public static Location CallLocation(this IInvocationOperation invocation)
    {
        if (invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call)
        {
            return Location.Create(call.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, call.Span.End));
        }

        return invocation.Syntax.GetLocation();
    }
}
