using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Xml;

/// <summary>
/// QLB1253: <c>XslCompiledTransform.Load(stylesheet, settings, resolver)</c> with settings that
/// enable embedded scripts or the <c>document()</c> function: <c>XsltSettings.TrustedXslt</c>,
/// <c>new XsltSettings(enableDocumentFunction, enableScript)</c> with a true argument, or
/// <c>EnableScript</c>/<c>EnableDocumentFunction</c> set to true on the settings object before it
/// reaches <c>Load</c> (followed through the method).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class XsltSettingsAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.XsltScriptOrDocumentFunction);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var transformType = context.Compilation.GetTypeByMetadataName("System.Xml.Xsl.XslCompiledTransform");
        var settingsType = context.Compilation.GetTypeByMetadataName("System.Xml.Xsl.XsltSettings");
        if (transformType is null || settingsType is null)
        {
            return;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                if (invocation.TargetMethod.Name != "Load" || !invocation.TargetMethod.ContainingType.InheritsFromOrEquals(transformType))
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (!SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, settingsType) || argument.Value.IsNull())
                    {
                        continue;
                    }

                    var (script, document) = Enabled(argument.Value);
                    if (!script && !document)
                    {
                        continue;
                    }

                    var what = script && document ? "scripts and the document() function" : script ? "scripts" : "the document() function";
                    var effect = script && document ? "runs embedded code and reads any file or URL"
                        : script ? "runs embedded C#/VB code" : "reads any file or URL with document()";
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.XsltScriptOrDocumentFunction, invocation.Syntax.GetLocation(), what, effect));
                }
            },
            OperationKind.Invocation);
    }

    /// <summary>Whether the settings value enables scripts and the document() function.</summary>
    private static (bool Script, bool Document) Enabled(IOperation value)
    {
        var inner = value.ThroughLocal();
        if (inner is IPropertyReferenceOperation { Property.IsStatic: true } property)
        {
            return property.Property.Name == "TrustedXslt" ? (true, true) : (false, false);
        }

        var configuration = ObjectTracker.AtUse(value);
        if (configuration.Creation is null)
        {
            return (false, false);
        }

        bool document = false, script = false;
        foreach (var argument in configuration.Creation.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "enableDocumentFunction":
                    document = argument.Value.IsConstantTrue();
                    break;
                case "enableScript":
                    script = argument.Value.IsConstantTrue();
                    break;
            }
        }

        if (configuration.Last("EnableDocumentFunction") is { } d)
        {
            document = d.Value.IsConstantTrue();
        }

        if (configuration.Last("EnableScript") is { } s)
        {
            script = s.Value.IsConstantTrue();
        }

        return (script, document);
    }
}
