using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using QuantLayer.BuildGuard.Analyzers.Infrastructure;

namespace QuantLayer.BuildGuard.Analyzers.Industrial;

/// <summary>
/// Facts about the OPC Foundation UA .NET Standard stack (packages
/// <c>OPCFoundation.NetStandard.Opc.Ua.*</c>, 1.4, 1.5 and 2.0 APIs): whether a compilation uses it,
/// whether a member belongs to it, and where its XML application configuration files
/// (<c>&lt;ApplicationConfiguration xmlns="http://opcfoundation.org/UA/SDK/Configuration.xsd"&gt;</c>,
/// passed as <c>AdditionalFiles</c>) set an element to a value.
/// </summary>
internal static class OpcUaFacts
{
    /// <summary>Types of which at least one is present when the stack is referenced.</summary>
    private static readonly string[] MarkerTypes =
    {
        "Opc.Ua.ApplicationConfiguration",
        "Opc.Ua.SecurityConfiguration",
        "Opc.Ua.CertificateValidator",
        "Opc.Ua.MessageSecurityMode",
        "Opc.Ua.Configuration.ApplicationInstance",
    };

    /// <summary>True when the compilation references the OPC UA .NET Standard stack.</summary>
    public static bool IsReferenced(Compilation compilation)
        => MarkerTypes.Any(name => compilation.GetTypeByMetadataName(name) is not null);

    /// <summary>True when the symbol is declared in the stack (namespace <c>Opc.Ua</c> or below).</summary>
    public static bool IsOpcUa(ISymbol? symbol) => symbol is not null && symbol.IsInNamespace("Opc.Ua");

    /// <summary>True when the additional file is an OPC UA application configuration.</summary>
    public static bool IsConfigurationFile(AdditionalText file, SourceText text)
    {
        var path = file.Path;
        if (!path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".config", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var content = text.ToString();
        return content.IndexOf("ApplicationConfiguration", StringComparison.Ordinal) >= 0
               && content.IndexOf("http://opcfoundation.org/UA/SDK/Configuration.xsd", StringComparison.Ordinal) >= 0;
    }

    /// <summary>The locations of the values of every <c>&lt;element&gt;value&lt;/element&gt;</c> (any namespace prefix) whose value matches.</summary>
    public static IEnumerable<Location> ElementValues(AdditionalText file, SourceText text, string element, string valuePattern)
    {
        var pattern = new Regex(
            "<(?:[A-Za-z_][\\w.-]*:)?" + Regex.Escape(element) + "\\s*>\\s*(?<value>" + valuePattern + ")\\s*</",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        var locations = new List<Location>();
        try
        {
            foreach (Match match in pattern.Matches(text.ToString()))
            {
                var group = match.Groups["value"];
                var span = new TextSpan(group.Index, group.Length);
                locations.Add(Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span)));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological file: report what was found before the time-out rather than fail the analyzer.
        }

        return locations;
    }

    /// <summary>Registers an additional-file action for OPC UA configuration files.</summary>
    public static void RegisterConfigurationFileAction(CompilationStartAnalysisContext context, Action<AdditionalFileAnalysisContext, SourceText> action)
        => context.RegisterAdditionalFileAction(ctx =>
        {
            var text = ctx.AdditionalFile.GetText(ctx.CancellationToken);
            if (text is not null && IsConfigurationFile(ctx.AdditionalFile, text))
            {
                action(ctx, text);
            }
        });
}
