using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace ThiDua.Workflows.Web.Nominations;

/// <summary>
/// Malformed JSON, a wrong type or a query value that does not bind answer 400 with a Vietnamese message naming the
/// field (a ValidationProblem like the domain's own), never 500; an oversized body answers 413 with the product's words.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad) return false;
        var (status, field, message) = bad switch
        {
            { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "body", "Dữ liệu gửi lên vượt quá giới hạn cho phép."),
            { InnerException: JsonException { Path: { Length: > 1 } path } } =>
                (400, FieldOf(path), $"Trường “{FieldOf(path)}”: giá trị không đúng kiểu hoặc vượt giới hạn."),
            { InnerException: JsonException } => (400, "body", "Dữ liệu JSON không hợp lệ."),
            _ when ParameterPattern().Match(bad.Message) is { Success: true } m =>
                (400, m.Groups[1].Value, $"Tham số “{m.Groups[1].Value}”: giá trị không hợp lệ."),
            _ => (400, "body", "Yêu cầu không hợp lệ."),
        };
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = status,
                Title = "Dữ liệu chưa hợp lệ.",
            },
        }).ConfigureAwait(false);
    }

    // "$.year" → "year"; "$.nominationIds[2]" → "nominationIds".
    private static string FieldOf(string path) => FieldPattern().Match(path) is { Success: true } m ? m.Groups[1].Value : "body";

    [GeneratedRegex(@"^\$\.?([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"parameter ""(?:[^""]*\s)?([A-Za-z_][A-Za-z0-9_]*)""")]
    private static partial Regex ParameterPattern();
}
