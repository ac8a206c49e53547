namespace ThiDua.Workflows.Scheduling.Tasks;

/// <summary>Outbox kinds of human tasks (the notifications module turns them into mail).</summary>
public static class TaskMessages
{
    public const string Created = "task.created";
    public const string Reminder = "task.reminder";
    public const string Escalation = "task.escalation";
    public const string Completed = "task.completed";
    public const string Cancelled = "task.cancelled";
}
