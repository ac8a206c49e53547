using Hangfire;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Notifications.Mail;
using ThiDua.Workflows.Scheduling.Timers;
using ThiDua.Workflows.Persistence.Outbox;

namespace ThiDua.Workflows.Web.Queries;

/// <summary>The administrator's view of every outbox: how much waits, what is dead, and the mail server's state.</summary>
public sealed class DeadLetterQueries(IEnumerable<IDeadLetterBox> boxes, MailServerStatus mailServer, IBackgroundJobClient jobs)
{
    public const int Limit = 200;

    private readonly IReadOnlyList<IDeadLetterBox> _boxes = boxes.ToList();

    public MailServerStatus MailServer => mailServer;

    public async Task<IReadOnlyList<(string Box, OutboxCounts Counts)>> CountsAsync(CancellationToken cancellationToken)
    {
        var counts = new List<(string, OutboxCounts)>();
        foreach (var box in _boxes) counts.Add((box.Name, await box.CountAsync(cancellationToken)));
        return counts;
    }

    /// <summary>The dead rows of every box, newest death first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> DeadAsync(CancellationToken cancellationToken)
    {
        var dead = new List<DeadLetter>();
        foreach (var box in _boxes) dead.AddRange(await box.DeadAsync(Limit, cancellationToken));
        return dead.OrderByDescending(d => d.DeadAt).Take(Limit).ToList();
    }

    /// <summary>Retries or discards one dead row; false when the box is unknown or the row is no longer dead.</summary>
    public async Task<bool> ActAsync(string box, string id, bool retry, CancellationToken cancellationToken)
    {
        if (_boxes.FirstOrDefault(b => b.Name == box) is not { } target) return false;
        if (!retry) return await target.DiscardAsync(id, cancellationToken);
        if (!await target.RetryAsync(id, cancellationToken)) return false;
        // The row is due now: deliver it now instead of at the box's next recurring run.
        switch (box)
        {
            case "mail": jobs.Enqueue<MailOutboxJob>(j => j.SendPendingAsync(CancellationToken.None)); break;
            case "workflow": jobs.Enqueue<OutboxDrainJob>(j => j.DrainAsync(CancellationToken.None)); break;
            case "signal": jobs.Enqueue<WorkflowSignals>(j => j.DeliverPendingAsync(CancellationToken.None)); break;
        }

        return true;
    }
}
