using Hangfire;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Notifications.Entities;

namespace ThiDua.Workflows.Notifications.Mail;

/// <summary>A plain notice (no decision to take): a heading line, label/value rows, an optional link and file; signed by <paramref name="Sender"/> (the commune).</summary>
public sealed record Notice(string Subject, string Intro, IReadOnlyList<(string Label, string Value)> Rows, string Sender, string? Link = null, MailAttachment? Attachment = null);

/// <summary>A file sent with a notice.</summary>
public sealed record MailAttachment(string Name, byte[] Content);

/// <summary>
/// Queues notices in the mail outbox. The key makes each (notice, recipient) a stable mail id, so a handler that
/// runs twice (the outbox delivers at least once) sends each person one mail.
/// </summary>
public sealed class Notices(NotificationsContexts contexts, MailTemplates templates, MailOptions mail, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task<int> QueueAsync(string key, IEnumerable<DirectoryUser> recipients, Notice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var now = clock.GetUtcNow();
        await using var db = contexts.Create();
        var queued = 0;
        foreach (var recipient in recipients.Where(r => !string.IsNullOrWhiteSpace(r.Email)).DistinctBy(r => r.UserName))
        {
            var id = $"notice:{key}:{recipient.UserName}";
            if (await db.Mail.AnyAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false)) continue;
            var (subject, html, text) = templates.Render("notice", new Dictionary<string, object?>
            {
                ["subject"] = notice.Subject,
                ["recipient"] = recipient.DisplayName,
                ["intro"] = notice.Intro,
                ["rows"] = notice.Rows.Select(r => new Dictionary<string, object?> { ["label"] = r.Label, ["value"] = r.Value }).ToList(),
                ["link"] = notice.Link is null ? null : $"{mail.BaseUrl.TrimEnd('/')}{notice.Link}",
                ["commune"] = notice.Sender,
            });
            db.Mail.Add(new MailRecord
            {
                Id = id, To = recipient.Email!, Subject = subject, HtmlBody = html, TextBody = text, CreatedAt = now,
                AttachmentName = notice.Attachment?.Name, AttachmentContent = notice.Attachment?.Content,
            });
            queued++;
        }

        if (queued == 0) return 0;
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // A concurrent run of the same notice queued them first.
            return 0;
        }

        jobs.Enqueue<MailOutboxJob>(j => j.SendPendingAsync(CancellationToken.None));
        return queued;
    }
}
