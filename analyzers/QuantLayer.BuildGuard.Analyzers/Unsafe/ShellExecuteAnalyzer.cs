using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Unsafe;

/// <summary>
/// QLB1600: <c>Process.Start</c> through the shell with a file name that is not decided by the
/// program. The start info is followed through the method (constructor arguments, object
/// initializer, assignments, <c>process.StartInfo.X = ...</c>) to the <c>Process.Start(info)</c> or
/// <c>process.Start()</c> call. <c>UseShellExecute</c> is true when assigned true, or when left unset
/// on .NET Framework (its default there; .NET Core and later default to false), where the
/// <c>Process.Start(fileName[, arguments])</c> overloads use the shell too. The file name is
/// decided by the program when it is a constant, a constant below the application directory, or a
/// string that starts with a constant <c>http://</c>/<c>https://</c> prefix (a web page opened in the
/// browser).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShellExecuteAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ShellExecuteNonConstant);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var processType = context.Compilation.GetTypeByMetadataName("System.Diagnostics.Process");
        var startInfoType = context.Compilation.GetTypeByMetadataName("System.Diagnostics.ProcessStartInfo");
        if (processType is null || startInfoType is null)
        {
            return;
        }

        var framework = TargetFrameworkInfo.From(context.Compilation, context.Options);
        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (method.Name != "Start" || !method.ContainingType.InheritsFromOrEquals(processType))
                {
                    return;
                }

                if (method.IsStatic)
                {
                    if (invocation.Arguments.Length == 0)
                    {
                        return;
                    }

                    var first = invocation.Arguments[0];
                    if (SymbolEqualityComparer.Default.Equals(first.Parameter?.Type, startInfoType))
                    {
                        Check(ctx, invocation, ObjectTracker.AtUse(first.Value), string.Empty, framework);
                    }
                    else if (first.Value.Type?.SpecialType == SpecialType.System_String && framework.IsNetFramework && !IsDecided(first.Value))
                    {
                        Report(ctx, invocation, "true, the .NET Framework default");
                    }

                    return;
                }

                // process.Start(): the process's StartInfo, set as a whole or member by member.
                if (invocation.Instance is null)
                {
                    return;
                }

                var process = ObjectTracker.AtUse(invocation.Instance);
                if (process.Last("StartInfo") is { } startInfo)
                {
                    Check(ctx, invocation, ObjectTracker.AtUse(startInfo.Value), string.Empty, framework);
                }
                else if (process.Writes.Any(w => w.Path.StartsWith("StartInfo.", StringComparison.Ordinal)))
                {
                    Check(ctx, invocation, process, "StartInfo.", framework);
                }
            },
            OperationKind.Invocation);
    }

    private static void Check(OperationAnalysisContext context, IInvocationOperation start, ObjectConfiguration info, string prefix, TargetFrameworkInfo framework)
    {
        string shell;
        if (info.Last(prefix + "UseShellExecute") is { } useShell)
        {
            if (!useShell.Value.IsConstantTrue())
            {
                return;
            }

            shell = "true";
        }
        else if (framework.IsNetFramework && (info.OriginKnown || prefix.Length > 0))
        {
            shell = "true, the .NET Framework default";
        }
        else
        {
            return;
        }

        IOperation? fileName = info.Last(prefix + "FileName")?.Value;
        if (fileName is null && prefix.Length == 0 && info.Creation is { } creation)
        {
            fileName = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "fileName")?.Value;
        }

        if (fileName is null || IsDecided(fileName))
        {
            return;
        }

        Report(context, start, shell);
    }

    /// <summary>True when the file name is decided by the program (see the class remarks).</summary>
    private static bool IsDecided(IOperation fileName)
    {
        if (fileName.IsApplicationControlledString())
        {
            return true;
        }

        var inner = fileName.ThroughLocal();
        var prefix = inner switch
        {
            IInterpolatedStringOperation { Parts.Length: > 0 } interpolated when interpolated.Parts[0] is IInterpolatedStringTextOperation text => text.Text.ConstantString(),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat => LeftmostConstant(concat),
            _ => null,
        };
        return prefix is not null
               && (prefix.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || prefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
               && prefix.IndexOf('/', prefix.IndexOf("//", StringComparison.Ordinal) + 2) > 0;
    }

    private static string? LeftmostConstant(IBinaryOperation concat)
    {
        IOperation left = concat;
        while (left.WalkDownConversion() is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary)
        {
            left = binary.LeftOperand;
        }

        return left.ConstantString();
    }

    private static void Report(OperationAnalysisContext context, IInvocationOperation start, string shell)
        => context.ReportDiagnostic(Diagnostic.Create(Descriptors.ShellExecuteNonConstant, start.Syntax.GetLocation(), shell));
}
