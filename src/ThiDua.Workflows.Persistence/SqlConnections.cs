using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ThiDua.Workflows.Persistence;

/// <summary>
/// Runs the store's hot statements. On SQLite, a process writes through one open connection with its prepared
/// statements kept (SQLite allows one writer at a time anyway, so nothing is lost by queuing in-process, and
/// preparing each statement once is most of the cost saved). On PostgreSQL every call takes a pooled connection.
/// </summary>
public sealed class SqlConnections : IAsyncDisposable
{
    private readonly IWorkflowDbContextFactory _contexts;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private SqliteConnection? _sqlite;

    public SqlConnections(IWorkflowDbContextFactory contexts) => _contexts = contexts;

    /// <summary>Runs <paramref name="work"/> with a connection (and a transaction when asked), committing if it returns normally.</summary>
    public async Task<T> RunAsync<T>(bool transaction, Func<SqlExecutor, Task<T>> work, CancellationToken cancellationToken = default)
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

    public async ValueTask DisposeAsync()
    {
        await ResetSqliteAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is not null) return _sqlite;
        await using var db = _contexts.Create();
        var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = WorkflowDbContextFactory.SqlitePragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return _sqlite = connection;
    }

    private async Task ResetSqliteAsync()
    {
        foreach (var command in _prepared.Values) await command.DisposeAsync().ConfigureAwait(false);
        _prepared.Clear();
        if (_sqlite is not null) await _sqlite.DisposeAsync().ConfigureAwait(false);
        _sqlite = null;
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
