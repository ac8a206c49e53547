using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Presentation;

public static class ResultMessages
{
    /// <summary>What a refused command says to a person: each field's message, or its one message, or the fallback.</summary>
    public static List<string> Lines<T>(this DomainResult<T> result, string fallback)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors is { Count: > 0 } errors ? errors.SelectMany(e => e.Value).ToList() : [result.Message ?? fallback];
    }
}
