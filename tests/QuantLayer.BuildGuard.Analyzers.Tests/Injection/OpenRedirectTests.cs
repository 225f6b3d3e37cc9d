using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class OpenRedirectTests
{
    [Fact]
    public async Task Action_parameters_reaching_redirects_fire()
    {
        const string source = """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            [ApiController]
            public class AccountController : ControllerBase
            {
                public IActionResult Login(string returnUrl) => {|QLB1008:Redirect(returnUrl)|};
                public IActionResult Host(string host) => {|QLB1008:Redirect("//" + host + "/welcome")|};
                public IResult Minimal(string next) => {|QLB1008:Results.Redirect(next)|};
                public void Raw() => {|QLB1008:HttpContext.Response.Redirect(Request.Query["next"]!)|};
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.AspNetCore);
    }

    [Fact]
    public async Task Local_urls_are_silent()
    {
        const string source = """
            using Microsoft.AspNetCore.Mvc;
            [ApiController]
            public class AccountController : ControllerBase
            {
                public IActionResult Login(string returnUrl)
                {
                    if (Url.IsLocalUrl(returnUrl))
                    {
                        return Redirect(returnUrl);
                    }
                    return LocalRedirect(returnUrl);
                }
                public IActionResult Orders(string id) => Redirect("/orders/" + id);
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, TaintStubs.AspNetCore);
    }
}
