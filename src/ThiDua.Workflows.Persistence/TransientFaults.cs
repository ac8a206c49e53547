using Microsoft.Data.Sqlite;
using Npgsql;

namespace ThiDua.Workflows.Persistence;

/// <summary>
/// Failures that pass by themselves — PostgreSQL restarting or dropping connections, SQLite busy past its timeout —
/// and a bounded retry for them. Retrying a burst is safe even when a commit's outcome was lost with the connection:
/// its conditional updates find the work done and answer Conflict, never a second transition.
/// </summary>
public static class TransientFaults
{
    /// <summary>Waits before the 2nd, 3rd, … attempt: about eight seconds in all, enough for a database restart.</summary>
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or System.Net.Sockets.SocketException,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        // EF Core wraps what its execution strategy judges transient.
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    public static async Task<T> RetryAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await work().ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < Delays.Length && IsTransient(ex))
            {
                // A pool full of connections the server closed hands them out one by one: start from a fresh pool.
                if (ex is NpgsqlException) NpgsqlConnection.ClearAllPools();
                await Task.Delay(Delays[attempt], cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
