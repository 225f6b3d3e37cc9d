using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Deserialization;

/// <summary>
/// QLB1200: deserialization with the formatters that embed and instantiate .NET type names:
/// <c>BinaryFormatter</c>, <c>SoapFormatter</c>, <c>NetDataContractSerializer</c>,
/// <c>LosFormatter</c>, <c>ObjectStateFormatter</c>. Reported at the deserializing call, also when
/// it goes through <c>IFormatter</c> and the receiver is created as one of them in the same method.
/// Serializing alone is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureFormatterAnalyzer : BuildGuardAnalyzer
{
    private static readonly (string MetadataName, string[] Methods)[] Formatters =
    {
        ("System.Runtime.Serialization.Formatters.Binary.BinaryFormatter", new[] { "Deserialize", "UnsafeDeserialize", "UnsafeDeserializeMethodResponse", "DeserializeMethodResponse" }),
        ("System.Runtime.Serialization.Formatters.Soap.SoapFormatter", new[] { "Deserialize" }),
        ("System.Runtime.Serialization.NetDataContractSerializer", new[] { "Deserialize", "ReadObject" }),
        ("System.Web.UI.LosFormatter", new[] { "Deserialize" }),
        ("System.Web.UI.ObjectStateFormatter", new[] { "Deserialize" }),
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InsecureFormatter);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var formatters = new List<(INamedTypeSymbol Type, string[] Methods)>();
        foreach (var (name, methods) in Formatters)
        {
            if (context.Compilation.GetTypeByMetadataName(name) is { } type)
            {
                formatters.Add((type, methods));
            }
        }

        if (formatters.Count == 0)
        {
            return;
        }

        (INamedTypeSymbol Type, string[] Methods)? Insecure(ITypeSymbol? type)
        {
            foreach (var formatter in formatters)
            {
                if (type.InheritsFromOrEquals(formatter.Type))
                {
                    return formatter;
                }
            }

            return null;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (method.IsStatic || invocation.Instance is null
                    || method.Name is not ("Deserialize" or "ReadObject" or "UnsafeDeserialize" or "UnsafeDeserializeMethodResponse" or "DeserializeMethodResponse"))
                {
                    return;
                }

                // The static type of the receiver, else what it was created as in this method
                // (IFormatter f = new BinaryFormatter(); XmlObjectSerializer s = new NetDataContractSerializer()).
                var actual = Insecure(invocation.Instance.WalkDownConversion().Type)
                             ?? Insecure(ObjectTracker.AtUse(invocation.Instance).Creation?.Type);
                if (actual is { } formatter && Array.IndexOf(formatter.Methods, method.Name) >= 0)
                {
                    Report(ctx, invocation, formatter.Type.Name, method.Name);
                }
            },
            OperationKind.Invocation);
    }

    private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, string type, string method)
        => context.ReportDiagnostic(Diagnostic.Create(Descriptors.InsecureFormatter, invocation.Syntax.GetLocation(), type, method));
}
