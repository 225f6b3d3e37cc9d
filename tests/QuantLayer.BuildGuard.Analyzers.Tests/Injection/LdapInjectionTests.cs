using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class LdapInjectionTests
{
    [Fact]
    public async Task Filter_and_path_from_input_fire()
    {
        const string source = """
            using System;
            using System.DirectoryServices;
            class C
            {
                void M()
                {
                    var user = Console.ReadLine();
                    using var a = {|QLB1003:new DirectorySearcher("(&(objectClass=user)(sAMAccountName=" + user + "))")|};
                    using var b = new DirectorySearcher();
                    {|QLB1003:b.Filter = "(cn=" + user + ")"|};
                    using var c = {|QLB1003:new DirectoryEntry("LDAP://" + user)|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.DirectoryServices);
    }

    [Fact]
    public async Task Allow_listed_and_constant_filters_are_silent()
    {
        const string source = """
            using System;
            using System.DirectoryServices;
            using System.Text.RegularExpressions;
            class C
            {
                void M()
                {
                    var user = Console.ReadLine()!;
                    if (!Regex.IsMatch(user, "^[a-z0-9]{1,20}$"))
                    {
                        return;
                    }
                    using var a = new DirectorySearcher("(&(objectClass=user)(sAMAccountName=" + user + "))");
                    using var b = new DirectorySearcher("(objectClass=computer)");
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.DirectoryServices);
    }
}
