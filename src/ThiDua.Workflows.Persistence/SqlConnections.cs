using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ThiDua.Workflows.Persistence;

/// <summary>
/// Runs the store's hot statements. On SQLite, a process writes through one open connection with its prepared
/// statements kept (SQLite allows one writer at a time anyway, so nothing is lost by queuing in-process, and
/// preparing each statement once is most of the cost saved); reads go to a few read-only connections of their own,
/// so concurrent callers' reads neither wait for a commit nor queue behind each other (WAL readers see every commit
/// made before they start). On PostgreSQL every call takes a pooled connection.
/// </summary>
public sealed class SqlConnections : IAsyncDisposable
{
    private readonly IWorkflowDbContextFactory _contexts;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteReader> _readers = [];
    private SqliteConnection? _sqlite;
    private string? _readerConnectionString;
    private Task? _checkpointer;

    public SqlConnections(IWorkflowDbContextFactory contexts) => _contexts = contexts;

    /// <summary>True on SQLite, where one connection writes at a time.</summary>
    public bool IsSqlite => _contexts.Provider == StoreProvider.Sqlite;

    /// <summary>
    /// Runs <paramref name="work"/> with a connection (and a transaction when asked), committing if it returns normally;
    /// a transient failure (see <see cref="TransientFaults"/>) runs it again on a new connection, a few times.
    /// </summary>
    public Task<T> RunAsync<T>(bool transaction, Func<SqlExecutor, Task<T>> work, CancellationToken cancellationToken = default) =>
        TransientFaults.RetryAsync(() => RunOnceAsync(transaction, work, cancellationToken), cancellationToken);

    /// <summary>Runs a read (no transaction, no writes) on a reader connection; on PostgreSQL as <see cref="RunAsync{T}"/>.</summary>
    public Task<T> ReadAsync<T>(Func<SqlExecutor, Task<T>> read, CancellationToken cancellationToken = default) =>
        TransientFaults.RetryAsync(() => ReadOnceAsync(read, cancellationToken), cancellationToken);

    private async Task<T> RunOnceAsync<T>(bool transaction, Func<SqlExecutor, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_contexts.Provider != StoreProvider.Sqlite)
        {
            await using var db = _contexts.Create();
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var connection = db.Database.GetDbConnection();
            await using var tx = transaction ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
            return await work(new SqlExecutor(connection, tx, null)).ConfigureAwait(false);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sqlite = await OpenSqliteAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = transaction ? (SqliteTransaction)await sqlite.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
            return await work(new SqlExecutor(sqlite, tx, _prepared)).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // A broken connection is replaced on the next call.
            await ResetSqliteAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> ReadOnceAsync<T>(Func<SqlExecutor, Task<T>> read, CancellationToken cancellationToken)
    {
        if (_contexts.Provider != StoreProvider.Sqlite) return await RunOnceAsync(transaction: false, read, cancellationToken).ConfigureAwait(false);
        if (!_readers.TryTake(out var reader))
            reader = await SqliteReader.OpenAsync(ReaderConnectionString(), cancellationToken).ConfigureAwait(false);

        try
        {
            var result = await read(new SqlExecutor(reader.Connection, null, reader.Prepared)).ConfigureAwait(false);
            // Keep a few for the next reads; a burst of more concurrent readers than that closes its extra ones.
            if (_readers.Count < MaxIdleReaders && !_stopping.IsCancellationRequested) _readers.Add(reader);
            else await reader.DisposeAsync().ConfigureAwait(false);
            return result;
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private const int MaxIdleReaders = 8;

    // Outside the driver's pool: a reader's query_only must never reach a connection that writes. Worked out once,
    // not on every reader opened past the idle ones.
    private string ReaderConnectionString()
    {
        if (_readerConnectionString is { } known) return known;
        using var db = _contexts.Create();
        return _readerConnectionString = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        while (_readers.TryTake(out var reader)) await reader.DisposeAsync().ConfigureAwait(false);
        if (_checkpointer is not null) await _checkpointer.ConfigureAwait(false);
        await ResetSqliteAsync().ConfigureAwait(false);
        _gate.Dispose();
        _stopping.Dispose();
    }

    private async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is not null) return _sqlite;
        await using var db = _contexts.Create();
        var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragmas = connection.CreateCommand())
        {
            // The writer never stops to checkpoint the WAL itself; a background loop does it (see CheckpointLoopAsync).
            pragmas.CommandText = WorkflowDbContextFactory.SqlitePragmas + " PRAGMA wal_autocheckpoint=0;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _checkpointer ??= CheckpointLoopAsync(connection.ConnectionString, _stopping.Token);
        return _sqlite = connection;
    }

    // A checkpoint copies the WAL back into the database file. Done inline it stalls the commit that triggers it
    // (the slowest 1% of transitions); done here, passively, it never blocks the writer.
    private static async Task CheckpointLoopAsync(string connectionString, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(stopping).ConfigureAwait(false);
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                while (!stopping.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stopping).ConfigureAwait(false);
                    await checkpoint.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException)
            {
                // Try again with a fresh connection: without checkpoints the WAL would only grow.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ResetSqliteAsync()
    {
        foreach (var command in _prepared.Values) await command.DisposeAsync().ConfigureAwait(false);
        _prepared.Clear();
        if (_sqlite is not null) await _sqlite.DisposeAsync().ConfigureAwait(false);
        _sqlite = null;
        _checkpointer = _checkpointer is { IsCompleted: true } ? null : _checkpointer;
    }
}

/// <summary>A read-only SQLite connection with its own prepared statements.</summary>
internal sealed class SqliteReader : IAsyncDisposable
{
    private SqliteReader(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    public Dictionary<string, SqliteCommand> Prepared { get; } = new(StringComparer.Ordinal);

    public static async Task<SqliteReader> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA busy_timeout=30000; PRAGMA cache_size=-8192; PRAGMA query_only=1;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new SqliteReader(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in Prepared.Values) await command.DisposeAsync().ConfigureAwait(false);
        Prepared.Clear();
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Executes statements on one connection and transaction; on SQLite it reuses prepared statements by text.</summary>
public sealed class SqlExecutor
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly Dictionary<string, SqliteCommand>? _prepared;

    internal SqlExecutor(DbConnection connection, DbTransaction? transaction, Dictionary<string, SqliteCommand>? prepared)
    {
        _connection = connection;
        _transaction = transaction;
        _prepared = prepared;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var (command, owned) = Command(sql, parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (owned) await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads the first row with <paramref name="read"/>, or returns default when there is none.</summary>
    public async Task<T?> ReadFirstAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var (command, owned) = Command(sql, parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : default;
        }
        finally
        {
            if (owned) await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction!.CommitAsync(cancellationToken);

    public Task RollbackAsync() => _transaction!.RollbackAsync(CancellationToken.None);

    private (DbCommand Command, bool Owned) Command(string sql, (string Name, object? Value)[] parameters)
    {
        if (_prepared is null)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            return (command, true);
        }

        if (!_prepared.TryGetValue(sql, out var cached))
        {
            cached = (SqliteCommand)_connection.CreateCommand();
            cached.CommandText = sql;
            foreach (var (name, _) in parameters) cached.Parameters.Add(new SqliteParameter { ParameterName = name });
            cached.Prepare();
            _prepared[sql] = cached;
        }

        cached.Transaction = (SqliteTransaction?)_transaction;
        for (var i = 0; i < parameters.Length; i++) cached.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        return (cached, false);
    }
}
