namespace QuantLayer.BuildGuard.Traceability;

/// <summary>Turns a threat of a threat model into a threat item and, when it has one, a mitigation item.</summary>
internal static class ThreatModelItems
{
    /// <summary>
    /// Adds the threat (and its mitigation, id <c>&lt;threat id&gt;-M</c>, covering the threat) to
    /// <paramref name="items"/>. A threat whose title starts with a registry id and a colon
    /// (<c>T-3: Spoofed frames</c>) keeps that id; otherwise <paramref name="fallbackId"/> is used.
    /// </summary>
    public static void Add(
        string fallbackId,
        string? title,
        string? status,
        string? mitigation,
        string? context,
        RegistryLocation location,
        List<RequirementItem> items,
        List<RegistryProblem> problems)
    {
        var id = fallbackId;
        var text = ItemFields.OneLine(title ?? string.Empty);
        var colon = text.IndexOf(':');
        if (colon > 0 && RequirementIds.IsWellFormed(text.Substring(0, colon).Trim()))
        {
            id = text.Substring(0, colon).Trim();
            text = text.Substring(colon + 1).Trim();
        }

        if (!RequirementIds.IsWellFormed(id))
        {
            problems.Add(new RegistryProblem(RegistryProblemKind.MalformedId, location, "'" + id + "' is not a valid requirement id: use " + RequirementIds.SyntaxDescription + "."));
            return;
        }

        var normalizedStatus = ItemFields.Normalize(status ?? string.Empty);
        var notApplicable = normalizedStatus is "notapplicable" or "na" or "falsepositive";
        var mitigated = normalizedStatus == "mitigated";
        items.Add(new RequirementItem(id, 1, text.Length == 0 ? "(untitled threat)" : text, RequirementKind.Threat, RequirementNeeds.None, Array.Empty<string>(), Array.Empty<string>(), location, context, string.IsNullOrWhiteSpace(status) ? null : status!.Trim()));
        var mitigationText = ItemFields.OneLine(mitigation ?? string.Empty);
        if (!notApplicable && (mitigationText.Length > 0 || mitigated))
        {
            items.Add(new RequirementItem(
                id + "-M",
                1,
                mitigationText.Length > 0 ? mitigationText : "Mitigation of " + id,
                RequirementKind.Mitigation,
                RequirementItem.DefaultNeeds(RequirementKind.Mitigation),
                new[] { id },
                Array.Empty<string>(),
                location,
                context,
                null));
        }
    }
}
