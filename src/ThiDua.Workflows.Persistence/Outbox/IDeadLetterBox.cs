namespace ThiDua.Workflows.Persistence.Outbox;

/// <summary>What the administrator sees of one outbox and may do with its dead rows.</summary>
public interface IDeadLetterBox
{
    /// <summary>A stable key ("workflow", "mail", "signal").</summary>
    string Name { get; }

    Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeadLetter>> DeadAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Dead → pending, attempts from zero; false when the row is not dead (any more).</summary>
    Task<bool> RetryAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Dead → discarded; false when the row is not dead (any more).</summary>
    Task<bool> DiscardAsync(string id, CancellationToken cancellationToken = default);
}

public sealed record OutboxCounts(int Pending, int Dead);

public sealed record DeadLetter(string Box, string Id, string Subject, string? Target, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset DeadAt, string? LastError);
