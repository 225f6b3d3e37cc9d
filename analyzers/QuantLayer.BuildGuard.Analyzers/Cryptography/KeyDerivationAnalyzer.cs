using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Cryptography;

/// <summary>
/// Password-based key derivation: QLB1111 PBKDF2 with fewer iterations than OWASP's 2023 figures
/// (600,000 for HMAC-SHA256/384, 210,000 for HMAC-SHA512, 1,300,000 for HMAC-SHA1; configurable
/// per tree with <c>dotnet_diagnostic.QLB1111.min_iterations</c>, <c>…min_iterations_sha512</c>,
/// <c>…min_iterations_sha1</c>), including the 1,000 of the old <c>Rfc2898DeriveBytes</c>
/// constructors; QLB1112 HMAC-SHA1 as the PRF, including the default of those constructors and
/// ASP.NET Core's <c>KeyDerivationPrf.HMACSHA1</c>; QLB1113 <c>PasswordDeriveBytes</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyDerivationAnalyzer : BuildGuardAnalyzer
{
    /// <summary>OWASP 2023, PBKDF2-HMAC-SHA256 (also used for SHA-384 and unknown PRFs).</summary>
    public const int DefaultMinIterations = 600_000;

    /// <summary>OWASP 2023, PBKDF2-HMAC-SHA512.</summary>
    public const int DefaultMinIterationsSha512 = 210_000;

    /// <summary>OWASP 2023, PBKDF2-HMAC-SHA1.</summary>
    public const int DefaultMinIterationsSha1 = 1_300_000;

    /// <summary>The iteration count of the Rfc2898DeriveBytes constructors without one.</summary>
    private const int LegacyDefaultIterations = 1000;

    private enum Prf
    {
        Unknown,
        Sha1,
        Sha256,
        Sha384,
        Sha512,
    }

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.WeakPbkdf2Iterations, Descriptors.Pbkdf2Sha1, Descriptors.PasswordDeriveBytes);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, BuildGuardOptions options)
    {
        var s = CryptoSymbols.Get(context.Compilation);
        if (s.Rfc2898DeriveBytes is null && s.PasswordDeriveBytes is null && s.KeyDerivation is null)
        {
            return;
        }

        context.RegisterOperationAction(
            ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                if (CryptoSymbols.DerivesFrom(creation.Type, s.PasswordDeriveBytes))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.PasswordDeriveBytes, creation.Syntax.GetLocation()));
                    return;
                }

                if (CryptoSymbols.DerivesFrom(creation.Type, s.Rfc2898DeriveBytes))
                {
                    AnalyzePbkdf2(ctx, s, creation.Arguments, creation.Syntax, legacyDefaults: true);
                }
            },
            OperationKind.ObjectCreation);

        context.RegisterOperationAction(
            ctx =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var method = invocation.TargetMethod;
                if (!method.IsStatic || method.Name != "Pbkdf2")
                {
                    return;
                }

                if (SymbolEqualityComparer.Default.Equals(method.ContainingType, s.Rfc2898DeriveBytes)
                    || SymbolEqualityComparer.Default.Equals(method.ContainingType, s.KeyDerivation))
                {
                    AnalyzePbkdf2(ctx, s, invocation.Arguments, invocation.Syntax, legacyDefaults: false);
                }
            },
            OperationKind.Invocation);

        context.RegisterOperationAction(
            ctx =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: "IterationCount" } property
                    && CryptoSymbols.DerivesFrom(property.Instance?.Type ?? property.Property.ContainingType, s.Rfc2898DeriveBytes))
                {
                    var prf = property.Instance is null ? Prf.Unknown : PrfOfInstance(property.Instance, s);
                    CheckIterations(ctx, s, assignment.Value, prf, assignment.Syntax);
                }
            },
            OperationKind.SimpleAssignment);
    }

    private static void AnalyzePbkdf2(OperationAnalysisContext ctx, CryptoSymbols s, ImmutableArray<IArgumentOperation> arguments, SyntaxNode location, bool legacyDefaults)
    {
        IArgumentOperation? iterations = null;
        IArgumentOperation? hash = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (parameter.Name is "iterations" or "iterationCount")
            {
                iterations = argument;
            }
            else if (SymbolEqualityComparer.Default.Equals(parameter.Type, s.HashAlgorithmName) || SymbolEqualityComparer.Default.Equals(parameter.Type, s.KeyDerivationPrf))
            {
                hash = argument;
            }
        }

        Prf prf;
        if (hash is null)
        {
            prf = legacyDefaults ? Prf.Sha1 : Prf.Unknown;
            if (legacyDefaults)
            {
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.Pbkdf2Sha1, location.GetLocation(), " (the default of this constructor)"));
            }
        }
        else
        {
            prf = PrfOf(hash.Value, s);
            if (prf == Prf.Sha1)
            {
                ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.Pbkdf2Sha1, hash.Value.Syntax.GetLocation(), string.Empty));
            }
        }

        if (iterations is null || iterations.ArgumentKind == ArgumentKind.DefaultValue)
        {
            if (legacyDefaults)
            {
                Report(ctx, location, LegacyDefaultIterations.ToString("N0", CultureInfo.InvariantCulture) + " (the default of this constructor)", prf);
            }

            return;
        }

        CheckIterations(ctx, s, iterations.Value, prf, iterations.Value.Syntax);
    }

    private static void CheckIterations(OperationAnalysisContext ctx, CryptoSymbols s, IOperation value, Prf prf, SyntaxNode location)
    {
        if (s.Values.Evaluate(value, ctx)?.IntegerValue is not { } count || count <= 0)
        {
            return;
        }

        if (count < MinimumFor(ctx, location.SyntaxTree, prf))
        {
            Report(ctx, location, count.ToString("N0", CultureInfo.InvariantCulture), prf);
        }
    }

    private static void Report(OperationAnalysisContext ctx, SyntaxNode location, string count, Prf prf)
    {
        var minimum = MinimumFor(ctx, location.SyntaxTree, prf);
        var name = prf switch
        {
            Prf.Sha1 => "HMAC-SHA1",
            Prf.Sha512 => "HMAC-SHA512",
            Prf.Sha384 => "HMAC-SHA384",
            _ => "HMAC-SHA256",
        };
        if (minimum > 0)
        {
            ctx.ReportDiagnostic(Diagnostic.Create(
                Descriptors.WeakPbkdf2Iterations,
                location.GetLocation(),
                count,
                minimum.ToString("N0", CultureInfo.InvariantCulture),
                name));
        }
    }

    /// <summary>The configured minimum for a PRF (<c>dotnet_diagnostic.QLB1111.min_iterations[_sha512|_sha1]</c>).</summary>
    private static long MinimumFor(OperationAnalysisContext ctx, SyntaxTree tree, Prf prf)
    {
        var (key, fallback) = prf switch
        {
            Prf.Sha1 => ("min_iterations_sha1", DefaultMinIterationsSha1),
            Prf.Sha512 => ("min_iterations_sha512", DefaultMinIterationsSha512),
            _ => ("min_iterations", DefaultMinIterations),
        };
        var config = ctx.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (config.TryGetValue("dotnet_diagnostic." + DiagnosticIds.WeakPbkdf2Iterations + "." + key, out var text)
            && long.TryParse(text.Trim().Replace("_", string.Empty).Replace(",", string.Empty), NumberStyles.Integer, CultureInfo.InvariantCulture, out var configured)
            && configured >= 0)
        {
            return configured;
        }

        return fallback;
    }

    private static Prf PrfOf(IOperation value, CryptoSymbols s)
    {
        value = value.WalkDownConversion();
        if (value is IPropertyReferenceOperation property && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, s.HashAlgorithmName))
        {
            return ByName(property.Property.Name);
        }

        if (value is IObjectCreationOperation creation && SymbolEqualityComparer.Default.Equals(creation.Type, s.HashAlgorithmName)
            && creation.Arguments.Length == 1 && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name })
        {
            return ByName(name.Replace("-", string.Empty).ToUpperInvariant());
        }

        // KeyDerivationPrf.HMACSHA1 = 0, HMACSHA256 = 1, HMACSHA512 = 2.
        if (s.KeyDerivationPrf is not null && SymbolEqualityComparer.Default.Equals(value.Type, s.KeyDerivationPrf)
            && value.ConstantValue is { HasValue: true, Value: int prf })
        {
            return prf switch
            {
                0 => Prf.Sha1,
                1 => Prf.Sha256,
                2 => Prf.Sha512,
                _ => Prf.Unknown,
            };
        }

        return Prf.Unknown;
    }

    private static Prf ByName(string name) => name switch
    {
        "SHA1" => Prf.Sha1,
        "SHA256" => Prf.Sha256,
        "SHA384" => Prf.Sha384,
        "SHA512" => Prf.Sha512,
        _ => Prf.Unknown,
    };

    /// <summary>The PRF of an Rfc2898DeriveBytes instance created in the same method, when visible.</summary>
    private static Prf PrfOfInstance(IOperation instance, CryptoSymbols s)
    {
        instance = instance.WalkDownConversion();
        if (instance is IObjectCreationOperation creation)
        {
            var hash = creation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.Type, s.HashAlgorithmName));
            return hash is null ? Prf.Sha1 : PrfOf(hash.Value, s);
        }

        return Prf.Unknown;
    }
}
