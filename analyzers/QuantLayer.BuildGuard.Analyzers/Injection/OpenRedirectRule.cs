using QuantLayer.BuildGuard.Analyzers.Taint;

namespace QuantLayer.BuildGuard.Analyzers.Injection;

/// <summary>
/// QLB1008: redirects of ASP.NET Core (controllers, Razor Pages, minimal APIs, HttpResponse) and
/// classic ASP.NET. LocalRedirect and targets checked with Url.IsLocalUrl are safe, and so is
/// untrusted data appended after a constant local path prefix ("/orders/").
/// </summary>
internal static class OpenRedirectRule
{
    private const TaintCategory C = TaintCategory.Redirect;
    private const string Id = DiagnosticIds.OpenRedirect;

    public static TaintRule Rule { get; } = new(Descriptors.OpenRedirect, C, Sinks());

    private static IEnumerable<ModelEntry> Sinks()
    {
        foreach (var type in new[] { "Microsoft.AspNetCore.Mvc.ControllerBase", "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "System.Web.Mvc.Controller" })
        {
            foreach (var method in new[] { "Redirect", "RedirectPermanent", "RedirectPreserveMethod", "RedirectPermanentPreserveMethod" })
            {
                yield return TaintRule.Sink(Id, C, type, method, "url");
            }
        }

        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Mvc.RedirectResult", ".ctor", "url");
        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Mvc.RedirectResult", "Url");
        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Http.HttpResponse", "Redirect", "location");
        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Http.Results", "Redirect", "url");
        yield return TaintRule.Sink(Id, C, "Microsoft.AspNetCore.Http.TypedResults", "Redirect", "url");
        yield return TaintRule.Sink(Id, C, "System.Web.HttpResponse", "Redirect", "url");
        yield return TaintRule.Sink(Id, C, "System.Web.HttpResponse", "RedirectPermanent", "url");
        yield return TaintRule.Sink(Id, C, "System.Web.HttpResponseBase", "Redirect", "url");
        yield return TaintRule.Sink(Id, C, "System.Web.Mvc.RedirectResult", ".ctor", "url");
    }
}
