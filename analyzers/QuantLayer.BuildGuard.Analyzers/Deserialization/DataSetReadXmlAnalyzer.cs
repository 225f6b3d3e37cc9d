using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Deserialization;

/// <summary>
/// QLB1204: <c>DataSet.ReadXml</c>, <c>DataTable.ReadXml</c> and their <c>ReadXmlSchema</c> of
/// input the application does not control. The input is controlled when it is a constant path (or
/// a constant below the application directory), a reader over such a path or over a constant
/// string, or an embedded resource stream; anything else (a parameter, a network or request
/// stream, a path from configuration) is external.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DataSetReadXmlAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DataSetReadXml);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var dataSet = context.Compilation.GetTypeByMetadataName("System.Data.DataSet");
        var dataTable = context.Compilation.GetTypeByMetadataName("System.Data.DataTable");
        if (dataSet is null && dataTable is null)
        {
            return;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (method.Name is not ("ReadXml" or "ReadXmlSchema") || invocation.Arguments.Length == 0
                    || !(method.ContainingType.InheritsFromOrEquals(dataSet) || method.ContainingType.InheritsFromOrEquals(dataTable)))
                {
                    return;
                }

                var input = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
                if (input is null || IsControlled(input, 0))
                {
                    return;
                }

                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.DataSetReadXml, invocation.Syntax.GetLocation(), method.ContainingType.Name, method.Name));
            },
            OperationKind.Invocation);
    }

    /// <summary>True when the input (path, stream, reader) is decided by the application itself.</summary>
    private static bool IsControlled(IOperation input, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        if (input.Type?.SpecialType == SpecialType.System_String)
        {
            return input.IsApplicationControlledString();
        }

        var value = input.ThroughLocal();
        switch (value)
        {
            // new StringReader("<x/>"), new StreamReader(path), new FileStream(path, ...), new XmlTextReader(path)
            case IObjectCreationOperation creation when creation.Arguments.Length > 0:
                var first = creation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
                return first is not null && IsControlled(first, depth + 1);

            // File.OpenRead(path), File.OpenText(path), XmlReader.Create(path or stream), assembly.GetManifestResourceStream(name)
            case IInvocationOperation call:
                var method = call.TargetMethod;
                if (method.Name == "GetManifestResourceStream")
                {
                    return true;
                }

                var owner = method.ContainingType?.ToDisplayString();
                if ((owner == "System.IO.File" && method.Name is "OpenRead" or "OpenText" or "Open")
                    || (owner == "System.Xml.XmlReader" && method.Name == "Create"))
                {
                    var argument = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
                    return argument is not null && IsControlled(argument, depth + 1);
                }

                return false;
            default:
                return false;
        }
    }
}
