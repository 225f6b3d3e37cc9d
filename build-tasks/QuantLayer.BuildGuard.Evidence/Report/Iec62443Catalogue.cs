namespace QuantLayer.BuildGuard.Evidence.Report;

/// <summary>One requirement of IEC 62443-4-1 and whether a build can give evidence for it.</summary>
/// <param name="Id">The requirement id (<c>SM-6</c>).</param>
/// <param name="Practice">The practice (<c>SM</c>, <c>SR</c>, <c>SD</c>, <c>SI</c>, <c>SVV</c>, <c>DM</c>, <c>SUM</c>, <c>SG</c>).</param>
/// <param name="Title">The requirement's title in the standard.</param>
/// <param name="NotProvableReason">Null when a build can give (some) evidence; otherwise why it cannot.</param>
public sealed record CatalogueRequirement(string Id, string Practice, string Title, string? NotProvableReason)
{
    /// <summary>True when no build output can prove the requirement.</summary>
    public bool Provable => NotProvableReason is null;
}

/// <summary>
/// The 47 requirements of IEC 62443-4-1:2018 (practices 1–8), in the standard's order, each marked
/// with whether a build can give evidence for it. The ones that cannot are people and process:
/// the report lists them plainly so nobody reads it as a certificate.
/// </summary>
public static class Iec62443Catalogue
{
    /// <summary>The practices in the standard's order, with their names.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Practices { get; } = new[]
    {
        new KeyValuePair<string, string>("SM", "Security management"),
        new KeyValuePair<string, string>("SR", "Specification of security requirements"),
        new KeyValuePair<string, string>("SD", "Secure by design"),
        new KeyValuePair<string, string>("SI", "Secure implementation"),
        new KeyValuePair<string, string>("SVV", "Security verification and validation testing"),
        new KeyValuePair<string, string>("DM", "Management of security-related issues"),
        new KeyValuePair<string, string>("SUM", "Security update management"),
        new KeyValuePair<string, string>("SG", "Security guidelines"),
    };

    /// <summary>Every requirement, in the standard's order.</summary>
    public static IReadOnlyList<CatalogueRequirement> All { get; } = new[]
    {
        R("SM-1", "Development process", "A documented, followed secure development process is an organisational matter; the build shows that some of its steps ran, not that the process exists and is followed."),
        R("SM-2", "Identification of responsibilities", "Who is responsible for which security activity is decided by people; nothing in a build records it."),
        R("SM-3", "Identification of applicability", "Deciding which practices apply to a product is a management decision, not a build output."),
        R("SM-4", "Security expertise", "Training and the expertise of the people involved cannot be shown by a build."),
        R("SM-5", "Process scoping", "Scoping the process to a product and its releases is a management decision."),
        P("SM-6", "File integrity"),
        R("SM-7", "Development environment security", "Protection of the development and build environment (access control, hardening of machines and CI) lies outside the build it hosts."),
        P("SM-8", "Controls for private keys"),
        P("SM-9", "Security requirements for externally provided components"),
        P("SM-10", "Custom developed components from third-party suppliers"),
        R("SM-11", "Assessing and addressing security-related issues", "Assessing security issues found in the process and tracking them to closure is done by people."),
        R("SM-12", "Process verification", "Audits of the development process are done by people."),
        R("SM-13", "Continuous improvement", "Improving the process over time is an organisational activity."),
        R("SR-1", "Product security context", "The intended operating environment and its assumptions are decided and documented by people; the build does not read them."),
        P("SR-2", "Threat model"),
        P("SR-3", "Product security requirements"),
        P("SR-4", "Product security requirements content"),
        R("SR-5", "Security requirements review", "The review of the requirements (who reviewed, when, with which outcome) is a meeting, not a build output."),
        R("SD-1", "Secure design principles", "Design principles and their application are judged by people; the build sees code, not design."),
        R("SD-2", "Defense in depth design", "A layered design is judged by people reviewing the architecture."),
        R("SD-3", "Security design review", "Design reviews are meetings with records kept outside the build."),
        R("SD-4", "Secure design best practices", "Following design best practices is judged by people."),
        P("SI-1", "Security implementation review"),
        P("SI-2", "Secure coding standards"),
        P("SVV-1", "Security requirements testing"),
        P("SVV-2", "Threat mitigation testing"),
        R("SVV-3", "Vulnerability testing", "Fuzzing, attack-surface analysis and black-box testing are activities outside the build; this BuildGuard version records no known-vulnerability scan (the SBOM of SM-9 is its input)."),
        R("SVV-4", "Penetration testing", "Penetration tests are performed by people against a running product."),
        R("SVV-5", "Independence of testers", "The independence of the people who test is an organisational matter."),
        P("DM-1", "Receiving notifications of security-related issues"),
        R("DM-2", "Reviewing security-related issues", "Reviewing reported issues is done by people; the build cannot see reports."),
        R("DM-3", "Assessing security-related issues", "Assessing severity and impact of reported issues is done by people."),
        R("DM-4", "Addressing security-related issues", "Deciding and tracking fixes for reported issues is done by people."),
        R("DM-5", "Disclosing security-related issues", "Publishing advisories is done by people on the supplier's channels."),
        R("DM-6", "Periodic review of security defect management practice", "Reviewing the defect management practice is an organisational activity."),
        P("SUM-1", "Security update qualification"),
        P("SUM-2", "Security update documentation"),
        P("SUM-3", "Dependent component or operating system security update documentation"),
        P("SUM-4", "Security update delivery"),
        R("SUM-5", "Timely delivery of security patches", "Timeliness is measured against the dates issues were reported, which the build does not know."),
        P("SG-1", "Product defense in depth"),
        P("SG-2", "Defense in depth measures expected in the environment"),
        P("SG-3", "Security hardening guidelines"),
        P("SG-4", "Secure disposal guidelines"),
        P("SG-5", "Secure operation guidelines"),
        P("SG-6", "Account management guidelines"),
        P("SG-7", "Documentation review"),
    };

    /// <summary>The requirement with an id, or null.</summary>
    public static CatalogueRequirement? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name of a practice.</summary>
    public static string PracticeName(string practice) => Practices.First(p => p.Key == practice).Value;

    private static CatalogueRequirement P(string id, string title) => new(id, id.Substring(0, id.IndexOf('-')), title, null);

    private static CatalogueRequirement R(string id, string title, string reason) => new(id, id.Substring(0, id.IndexOf('-')), title, reason);
}
