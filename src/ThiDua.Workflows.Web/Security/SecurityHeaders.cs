namespace ThiDua.Workflows.Web.Security;

/// <summary>
/// Headers for a public-facing government site: no inline or foreign script, no framing, no MIME sniffing, no
/// referrer. Styles may be inline because the component library sets sizes in style attributes.
/// </summary>
public static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            // The Hangfire dashboard ships its own inline scripts; it is for administrators only.
            if (!http.Request.Path.StartsWithSegments("/hangfire")) headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (headers.ContentType.ToString().StartsWith("text/html", StringComparison.Ordinal))
            {
                headers.CacheControl = "no-store";
                headers["X-Robots-Tag"] = "noindex";
            }

            return Task.CompletedTask;
        });
        await next(http).ConfigureAwait(false);
    });
}
