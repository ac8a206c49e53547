using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>
/// The outbox message a burst writes for each timer bookmark it leaves behind, so a scheduler (Hangfire) can wake
/// the bookmark at its time. The bookmark row stays the truth: a scheduler that loses the message or the job
/// rebuilds it from the bookmarks (reconciliation).
/// </summary>
public static class TimerMessages
{
    public const string ScheduleKind = "timer.schedule";

    public static JsonObject Schedule(Bookmark bookmark) => new()
    {
        ["bookmarkId"] = bookmark.Id,
        ["resumeAt"] = bookmark.ResumeAt,
    };

    public static (string BookmarkId, DateTimeOffset ResumeAt) Read(OutboxMessage message) =>
        (message.Payload["bookmarkId"]!.GetValue<string>(), message.Payload["resumeAt"]!.GetValue<DateTimeOffset>());
}
