namespace ThiDua.Workflows.Persistence.Outbox;

/// <summary>How often and for how long an outbox row is tried before it is dead.</summary>
public sealed record OutboxPolicy
{
    /// <summary>Waits after the 1st, 2nd, … failure; the last one repeats.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultBackoff =
        [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)];

    /// <summary>Failed attempts after which a row is dead (about a day with the default backoff).</summary>
    public int MaxAttempts { get; init; } = 30;

    /// <summary>How long a claim keeps others off a row while it is being delivered.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    public IReadOnlyList<TimeSpan> Backoff { get; init; } = DefaultBackoff;

    public TimeSpan BackoffAfter(int failures) => Backoff[Math.Clamp(failures - 1, 0, Backoff.Count - 1)];
}
