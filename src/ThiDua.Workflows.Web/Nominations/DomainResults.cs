using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Nominations;

/// <summary>Maps a domain result to HTTP: 400 with the fields named, 403, 404, 409 with a readable message.</summary>
internal static class DomainResults
{
    public static IResult ToHttp<T>(this DomainResult<T> result, Func<T, IResult> ok) => result.Problem switch
    {
        DomainProblem.None => ok(result.Value!),
        DomainProblem.Invalid => Results.ValidationProblem(new Dictionary<string, string[]>(result.Errors!), detail: result.Message),
        DomainProblem.NotFound => Results.Problem(result.Message, statusCode: StatusCodes.Status404NotFound),
        DomainProblem.Forbidden => Results.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Problem(result.Message, statusCode: StatusCodes.Status409Conflict),
    };
}
