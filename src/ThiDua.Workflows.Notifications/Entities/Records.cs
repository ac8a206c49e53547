using ThiDua.Workflows.Persistence.Outbox;
namespace ThiDua.Workflows.Notifications.Entities;

/// <summary>A human task as the inbox and the task page see it; the workflow's bookmark stays the truth of "waiting".</summary>
public sealed class TaskRecord
{
    /// <summary><c>{workflow instance id}:{activity instance id}</c>: stable, so a repeated message changes nothing.</summary>
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string ActivityId { get; set; }

    public string? CorrelationId { get; set; }

    public required string Title { get; set; }

    public string? Summary { get; set; }

    public string? Assignee { get; set; }

    public string? Role { get; set; }

    public string? Unit { get; set; }

    /// <summary>The actions as a JSON array; each is an outcome of the task.</summary>
    public required string Actions { get; set; }

    public string? CommentRequiredFor { get; set; }

    /// <summary>none, signIn or code: what a decision by mail link needs besides the link.</summary>
    public string Verification { get; set; } = "none";

    public DateTimeOffset? DueAt { get; set; }

    public required string Status { get; set; }

    /// <summary>Who took a role's task for themselves (others still see it, marked as claimed).</summary>
    public string? ClaimedBy { get; set; }

    public string? Action { get; set; }

    public string? Comment { get; set; }

    public string? DecidedBy { get; set; }

    public string? OnBehalfOf { get; set; }

    public string? Channel { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One person's link to one task: only the SHA-256 of the token is kept.</summary>
public sealed class TaskLinkRecord
{
    public required string Id { get; set; }

    public required string TaskId { get; set; }

    public required string Recipient { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The SHA-256 of the one-time code last mailed for this link, and when it stops working.</summary>
    public string? CodeHash { get; set; }

    public DateTimeOffset? CodeExpiresAt { get; set; }
}

/// <summary>While <see cref="FromUser"/> is away (dates inclusive, Vietnam time), their new tasks go to <see cref="ToUser"/>.</summary>
public sealed class DelegationRecord
{
    public long Id { get; set; }

    public required string FromUser { get; set; }

    public required string ToUser { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who did what to a task, on whose behalf, through which channel, from which address.</summary>
public sealed class TaskAuditRecord
{
    public long Id { get; set; }

    public required string TaskId { get; set; }

    public required string Event { get; set; }

    public string? Actor { get; set; }

    public string? OnBehalfOf { get; set; }

    public string? Channel { get; set; }

    public string? Address { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A mail to send: written with the task, sent by a job, sent once (claimed before sending).</summary>
public sealed class MailRecord : ILeasedRow
{
    public required string Id { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public required string TextBody { get; set; }

    /// <summary>A file sent with the mail (the province package), by its name; none for most mail.</summary>
    public string? AttachmentName { get; set; }

    public byte[]? AttachmentContent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeadAt { get; set; }

    public DateTimeOffset? DiscardedAt { get; set; }

    DateTimeOffset? ILeasedRow.DeliveredAt => SentAt;
}
