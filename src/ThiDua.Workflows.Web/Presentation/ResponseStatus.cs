namespace ThiDua.Workflows.Web.Presentation;

public static class ResponseStatus
{
    private static readonly object Key = new();

    /// <summary>
    /// Sets an error status on a page that explains the problem itself (a bad task link says why it is bad). The
    /// status is applied as the response starts, after rendering: Blazor and the status code pages would otherwise
    /// replace a 404's own explanation with the generic page.
    /// </summary>
    public static void SetOwnStatus(this HttpContext http, int status)
    {
        ArgumentNullException.ThrowIfNull(http);
        var first = !http.Items.ContainsKey(Key);
        http.Items[Key] = status;
        if (!first) return;
        http.Response.OnStarting(() =>
        {
            if (http.Items[Key] is int code && http.Response.StatusCode == StatusCodes.Status200OK) http.Response.StatusCode = code;
            return Task.CompletedTask;
        });
    }
}
