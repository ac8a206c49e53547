using System.Net;
using System.Text.RegularExpressions;

namespace ThiDua.Workflows.Testing;

/// <summary>
/// What the web tests, the load harness and the benchmark share about the machine they run on: the repository, the
/// PostgreSQL server tests/setup/postgres.sh starts (THIDUA_TEST_POSTGRES overrides it), and the sign-in form.
/// Linked source, so each project keeps its own references.
/// </summary>
internal static partial class TestEnvironment
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ThiDua.Workflows.sln"))) return dir.FullName;
        throw new InvalidOperationException("ThiDua.Workflows.sln not found");
    }

    /// <summary>A connection string for <paramref name="database"/> on the test server.</summary>
    public static string Postgres(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("THIDUA_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres")
        {
            Database = database,
        }.ConnectionString;

    /// <summary>Runs a statement (CREATE/DROP DATABASE) on the server's maintenance database.</summary>
    public static async Task PostgresAdminAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Postgres("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Signs in through the form, as a browser does; the client keeps the cookie.</summary>
    public static async Task SignInAsync(HttpClient client, string user, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(FormToken().Match(page).Groups[1].Value),
            ["_handler"] = "login",
            ["userName"] = user,
            ["password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in at {client.BaseAddress} answered {(int)response.StatusCode}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    public static partial Regex FormToken();
}
