using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace QuantLayer.BuildGuard.Analyzers.Infrastructure;

/// <summary>
/// Base of every BuildGuard analyzer: concurrent, skips generated code, and does nothing when
/// <c>BuildGuardEnabled=false</c>. Rules register their actions in
/// <see cref="OnCompilationStart"/>, where they resolve the symbols they need once per compilation.
/// </summary>
public abstract class BuildGuardAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var options = BuildGuardOptions.From(start.Options);
            if (!options.Enabled)
            {
                return;
            }

            OnCompilationStart(start, options);
        });
    }

    /// <summary>Registers the rule's actions for one compilation.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options);
}
