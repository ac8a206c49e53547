using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>
/// Outbox kinds of human tasks: what the user-task activity (Scheduling) writes and the task inbox and its mail
/// (Notifications) carry out. Kept here so the two modules meet in a contract, not in each other.
/// </summary>
public static class TaskMessages
{
    public const string Created = "task.created";
    public const string Reminder = "task.reminder";
    public const string Escalation = "task.escalation";
    public const string Completed = "task.completed";
    public const string Cancelled = "task.cancelled";
}

/// <summary>The stimulus that completes a user task: its name and the payload that finds the task's bookmark.</summary>
public static class UserTaskStimulus
{
    public const string Name = "ThiDua.UserTask";

    public static JsonObject Payload(string taskActivityId) => new() { ["task"] = taskActivityId };
}
