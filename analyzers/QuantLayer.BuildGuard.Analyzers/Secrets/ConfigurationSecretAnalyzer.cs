using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Secrets;

/// <summary>
/// QLB1402: secrets in configuration files passed as <c>AdditionalFiles</c> (the package adds the
/// project's <c>appsettings*.json</c> and <c>*.config</c>): values in a known key format anywhere,
/// passwords under password-like keys, random-looking values under secret-, token- or key-like
/// keys, and connection strings with a password. Reads the file text only (no IO); the message
/// names the key, never the value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigurationSecretAnalyzer : BuildGuardAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SecretInConfiguration);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        if (context.Options.AdditionalFiles.IsEmpty)
        {
            return;
        }

        context.RegisterAdditionalFileAction(ctx =>
        {
            var path = ctx.AdditionalFile.Path;
            var kind = KindOf(path);
            if (kind == FileKind.None || ctx.AdditionalFile.GetText(ctx.CancellationToken) is not { } text || text.Length > 4_000_000)
            {
                return;
            }

            var entries = kind == FileKind.Json ? ConfigurationEntries.ReadJson(text.ToString()) : ConfigurationEntries.ReadXml(text);
            var fileName = Path.GetFileName(path);
            foreach (var entry in entries)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                if (Classify(entry) is { } what)
                {
                    var span = entry.Span.End <= text.Length ? entry.Span : new TextSpan(0, 0);
                    var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.SecretInConfiguration, location, entry.Path, fileName, what));
                }
            }
        });
    }

    private enum FileKind
    {
        None,
        Json,
        Xml,
    }

    private static FileKind KindOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return FileKind.Json;
        }

        return name.EndsWith(".config", StringComparison.OrdinalIgnoreCase) ? FileKind.Xml : FileKind.None;
    }

    /// <summary>What the entry holds ("a password", "a GitHub token"), or null when it is not a secret.</summary>
    private static string? Classify(ConfigurationEntry entry)
    {
        var value = entry.Value;
        if (value.Length == 0)
        {
            return null;
        }

        if (SecretText.KnownFormat(value) is { } format)
        {
            return ("AEIOU".IndexOf(format[0]) >= 0 ? "an " : "a ") + format;
        }

        switch (SecurityNames.PurposeOfName(entry.Key, isMethod: false))
        {
            case SecurityPurpose.Password when SecretText.IsRealPassword(value, entry.Key):
                return "a password";
            case SecurityPurpose.Secret or SecurityPurpose.Token or SecurityPurpose.Key when SecretText.LooksRandom(value):
                return "a secret";
        }

        return SecretText.ContainsPassword(value) ? "a password in a connection string" : null;
    }
}
