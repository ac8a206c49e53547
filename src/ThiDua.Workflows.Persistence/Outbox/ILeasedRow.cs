namespace ThiDua.Workflows.Persistence.Outbox;

/// <summary>
/// The columns every outbox table shares. <see cref="LeasedOutbox{TContext,TRow}"/> queries them by these property
/// names; a table whose "delivered" column has another name says so in its <see cref="OutboxTable{TContext,TRow}"/>.
/// </summary>
public interface ILeasedRow
{
    string Id { get; }

    DateTimeOffset CreatedAt { get; }

    /// <summary>When it was carried out; null while pending.</summary>
    DateTimeOffset? DeliveredAt { get; }

    int Attempts { get; }

    /// <summary>Earliest moment of the next attempt: a lease while someone delivers it, a backoff after a failure.</summary>
    DateTimeOffset? NextAttemptAt { get; }

    string? LastError { get; }

    DateTimeOffset? DeadAt { get; }

    DateTimeOffset? DiscardedAt { get; }
}
