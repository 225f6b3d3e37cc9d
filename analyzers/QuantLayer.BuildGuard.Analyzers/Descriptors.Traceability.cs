using Microsoft.CodeAnalysis;

namespace QuantLayer.BuildGuard.Analyzers;

/// <summary>Descriptors of the traceability rules (QLB2000–2099).</summary>
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor UnknownRequirement = DescriptorFactory.Create(
        DiagnosticIds.UnknownRequirement,
        title: "Requirement id is not in the registry",
        messageFormat: "'{0}' is not an id in the requirement registry{1}",
        DiagnosticCategories.Traceability,
        DiagnosticSeverity.Warning,
        description: "An [Implements]/[Verifies] attribute or a requirement trait names an id that no registry file "
            + "(BuildGuardRequirements) defines, so the link is lost from the traceability matrix. Correct the id or add the "
            + "requirement to the registry.",
        cwe: null);

    public static readonly DiagnosticDescriptor OutdatedRevision = DescriptorFactory.Create(
        DiagnosticIds.OutdatedRevision,
        title: "Tag names another revision of the requirement",
        messageFormat: "{0} names revision {1} of {2}, but the registry's current revision is {3} ('{4}'): {5}",
        DiagnosticCategories.Traceability,
        DiagnosticSeverity.Warning,
        description: "The requirement changed after the code or test was linked to it. The link no longer counts for the "
            + "current revision: review the code or test against the changed requirement, then update Revision.",
        cwe: null);

    public static readonly DiagnosticDescriptor MalformedRequirementId = DescriptorFactory.Create(
        DiagnosticIds.MalformedRequirementId,
        title: "Malformed requirement id in the registry",
        messageFormat: "{0}",
        DiagnosticCategories.Traceability,
        DiagnosticSeverity.Warning,
        description: "A registry item's id (or an id in one of its links) does not follow the id syntax: a letter, then "
            + "letters and digits in groups joined by '-', '_' or '.'. The item cannot be traced.",
        cwe: null);

    public static readonly DiagnosticDescriptor DuplicateRequirementId = DescriptorFactory.Create(
        DiagnosticIds.DuplicateRequirementId,
        title: "Duplicate requirement id in the registry",
        messageFormat: "{0}",
        DiagnosticCategories.Traceability,
        DiagnosticSeverity.Warning,
        description: "Two registry items (in one file or across files) have the same id (ignoring case). Tags cannot say "
            + "which one they mean; only the first is traced.",
        cwe: null);

    public static readonly DiagnosticDescriptor RegistryUnparsable = DescriptorFactory.Create(
        DiagnosticIds.RegistryUnparsable,
        title: "Requirement registry file cannot be read",
        messageFormat: "{0}",
        DiagnosticCategories.Traceability,
        DiagnosticSeverity.Warning,
        description: "A registry file (YAML, Markdown, CSV, ReqIF, Threat Dragon or Threat Modeling Tool) does not parse, or "
            + "a value is not allowed. The message says where and what is wrong. While a file does not parse, unknown-id "
            + "checks (QLB2000) are paused, since the id may be in the broken part.",
        cwe: null);

    public static readonly DiagnosticDescriptor TestOfUntestableItem = DescriptorFactory.Create(
        DiagnosticIds.TestOfUntestableItem,
        title: "Test verifies an item that needs no test",
        messageFormat: "{0} is a {1} item that needs no test (needs: {2}){3}",
        DiagnosticCategories.Traceability,
        DiagnosticSeverity.Warning,
        description: "A test claims to verify a registry item whose kind or 'needs' asks for no test (a threat, or an item "
            + "with needs: implementation/none). The test is probably linked to the wrong id: a threat is verified through "
            + "the tests of its mitigations.",
        cwe: null);

    public static readonly DiagnosticDescriptor EntryPointWithoutImplements = DescriptorFactory.Create(
        DiagnosticIds.EntryPointWithoutImplements,
        title: "Public entry point of security-relevant code implements no requirement",
        messageFormat: "'{0}' is a public entry point of security-relevant code ({1}) but neither it nor its type has [Implements]: link it to the security requirement it implements",
        DiagnosticCategories.Traceability,
        DiagnosticSeverity.Warning,
        description: "In the Strict profile (or with BuildGuardRequireImplements=true), every public method of the types that "
            + "BuildGuardSecurityRelevantCode names must be linked to a requirement with [Implements] (on the method or its "
            + "type), so the matrix shows which requirement each piece of security code serves (IEC 62443-4-1 SR-3, SI-1).",
        cwe: null);

    public static readonly DiagnosticDescriptor UnknownRegistryLink = DescriptorFactory.Create(
        DiagnosticIds.UnknownRegistryLink,
        title: "Registry link names an unknown or wrong item",
        messageFormat: "{0}",
        DiagnosticCategories.Traceability,
        DiagnosticSeverity.Warning,
        description: "A 'covers' or 'derives-from' link of a registry item names an id that is not in the registry, or a "
            + "mitigation covers something that is not a threat. The threat → mitigation → test chain is broken there.",
        cwe: null);
}
