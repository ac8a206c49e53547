namespace ThiDua.Workflows.Persistence.Outbox;

/// <summary>Where an outbox row stands. Pending rows are delivered (with backoff); dead rows wait for a person.</summary>
public enum OutboxState
{
    Pending,
    Delivered,

    /// <summary>Failed <see cref="OutboxPolicy.MaxAttempts"/> times; left for the administrator to retry or discard.</summary>
    Dead,

    /// <summary>Given up by the administrator; kept for the record, never delivered.</summary>
    Discarded,
}

/// <summary>The moves an outbox row may make; every change of state goes through <see cref="CanMove"/>.</summary>
public static class OutboxStates
{
    private static readonly Dictionary<OutboxState, OutboxState[]> Moves = new()
    {
        [OutboxState.Pending] = [OutboxState.Pending, OutboxState.Delivered, OutboxState.Dead],
        [OutboxState.Dead] = [OutboxState.Pending, OutboxState.Discarded],
        [OutboxState.Delivered] = [],
        [OutboxState.Discarded] = [],
    };

    public static bool CanMove(OutboxState from, OutboxState to) => Moves[from].Contains(to);

    /// <summary>The state a row's columns describe.</summary>
    public static OutboxState Of(ILeasedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.DeliveredAt is not null ? OutboxState.Delivered
            : row.DiscardedAt is not null ? OutboxState.Discarded
            : row.DeadAt is not null ? OutboxState.Dead
            : OutboxState.Pending;
    }
}
