using System.Text.RegularExpressions;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>What a browser without script does with a page's form: read its antiforgery token, post the named form, follow the redirect.</summary>
public static partial class PageForms
{
    public static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    /// <summary>Opens <paramref name="pageUrl"/> and posts its form <paramref name="handler"/> (Blazor's form name) with the fields.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(pageUrl);
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Token(page)), new("_handler", handler) };
        form.AddRange(fields);
        return await client.PostAsync(pageUrl, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string handler, IReadOnlyDictionary<string, string> fields) =>
        PostAsync(client, pageUrl, handler, fields.AsEnumerable());

    /// <summary>Posts a form that carries a file (multipart/form-data), as a browser does for an upload field.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(
        HttpClient client, string pageUrl, string handler, IReadOnlyDictionary<string, string> fields, string fileField, string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetStringAsync(pageUrl);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new StringContent(handler), "_handler" },
            { new ByteArrayContent(content), fileField, fileName },
        };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return await client.PostAsync(pageUrl, form);
    }

    /// <summary>The page a post/redirect/get answer leads to.</summary>
    public static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(response);
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await client.GetStringAsync(response.Headers.Location!);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
