using Microsoft.AspNetCore.Http.Features;

namespace ThiDua.Workflows.Web.Security;

/// <summary>
/// The product's own limit on what a request may carry (<c>Workflows:Web:MaxRequestBytes</c>), answered in
/// Vietnamese: the API with a ProblemDetails naming the body, a page's form with the error page. A body without a
/// declared length is held to the same limit by the server, and its refusal gets the same message.
/// Runs before the body is read, so nothing of a refused request is looked at.
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultBytes = 64L * 1024 * 1024;

    public static string Message(long limit) =>
        $"Tệp hoặc nội dung gửi lên vượt giới hạn {limit / 1024.0 / 1024.0:0.#} MB. Hãy gửi tệp nhỏ hơn (chia thành nhiều lần, nén ảnh, xuất PDF) rồi thử lại.";

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long limit) => app.Use(async (http, next) =>
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (http.Request.ContentLength is { } length && length > limit)
        {
            if (IsApi(http.Request.Path))
                await Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [Message(limit)] }, Message(limit), statusCode: StatusCodes.Status413PayloadTooLarge)
                    .ExecuteAsync(http).ConfigureAwait(false);
            else
                // A page's form: the error page says it in the product's layout (a GET: the unread body stays behind).
                http.Response.Redirect("/error/413");
            return;
        }

        await next(http).ConfigureAwait(false);
    });

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments(Hosting.WorkflowHttpEndpoints.BasePath);
}
