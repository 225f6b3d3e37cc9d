using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>QLB1003: System.DirectoryServices searches and entries, System.DirectoryServices.Protocols requests, Novell LDAP searches.</summary>
internal static class LdapInjectionRule
{
    private const TaintCategory C = TaintCategory.Ldap;
    private const string Id = DiagnosticIds.LdapInjection;

    public static TaintRule Rule { get; } = new(Descriptors.LdapInjection, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        yield return TaintRule.Sink(Id, C, "System.DirectoryServices.DirectorySearcher", ".ctor", "filter");
        yield return TaintRule.Sink(Id, C, "System.DirectoryServices.DirectorySearcher", "Filter");
        yield return TaintRule.Sink(Id, C, "System.DirectoryServices.DirectoryEntry", ".ctor", "path");
        yield return TaintRule.Sink(Id, C, "System.DirectoryServices.DirectoryEntry", "Path");
        yield return TaintRule.Sink(Id, C, "System.DirectoryServices.Protocols.SearchRequest", ".ctor", "distinguishedName", "ldapFilter");
        yield return TaintRule.Sink(Id, C, "System.DirectoryServices.Protocols.SearchRequest", "Filter");
        yield return TaintRule.Sink(Id, C, "System.DirectoryServices.Protocols.SearchRequest", "DistinguishedName");
        yield return TaintRule.Sink(Id, C, "Novell.Directory.Ldap.LdapConnection", "Search", "base", "filter");
        yield return TaintRule.Sink(Id, C, "Novell.Directory.Ldap.LdapConnection", "SearchAsync", "base", "filter");
    }
}
