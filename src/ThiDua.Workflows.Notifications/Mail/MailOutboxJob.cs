using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using ThiDua.Workflows.Notifications.Entities;

namespace ThiDua.Workflows.Notifications.Mail;

/// <summary>
/// Sends the mail outbox through MailKit. Each row is claimed before it is sent (a conditional update of its lease),
/// so two runs never send one mail; a mail server that is down leaves the rows for later with backoff — nothing is
/// lost. The Message-ID is derived from the row, so a mail is the same mail whenever it goes out.
/// </summary>
public sealed partial class MailOutboxJob(NotificationsContexts contexts, MailOptions options, TimeProvider clock, ILogger<MailOutboxJob> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 300)]
    [Hangfire.AutomaticRetry(Attempts = 0)] // the rows carry their own retry schedule
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<MailRecord> due;
        await using (var db = contexts.Create())
            due = await db.Mail.AsNoTracking()
                .Where(m => m.SentAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.CreatedAt).Take(200)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (due.Count == 0) return 0;

        var sent = 0;
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(options.SmtpHost, options.SmtpPort, Enum.Parse<SecureSocketOptions>(options.Security == "None" ? "None" : options.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.UserName))
                await smtp.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Down: every due row waits for its next attempt.
            foreach (var row in due) await PostponeAsync(row, ex.Message, cancellationToken).ConfigureAwait(false);
            ServerDown(logger, options.SmtpHost, options.SmtpPort, due.Count);
            return 0;
        }

        foreach (var row in due)
        {
            if (!await ClaimAsync(row, cancellationToken).ConfigureAwait(false)) continue;
            try
            {
                await smtp.SendAsync(ToMessage(row), cancellationToken).ConfigureAwait(false);
                await using var db = contexts.Create();
                var at = clock.GetUtcNow();
                await db.Mail.Where(m => m.Id == row.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, at).SetProperty(m => m.Attempts, row.Attempts + 1), cancellationToken).ConfigureAwait(false);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await PostponeAsync(row, ex.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        await smtp.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        return sent;
    }

    private MimeMessage ToMessage(MailRecord row)
    {
        var message = new MimeMessage { Subject = row.Subject, MessageId = $"{row.Id}@{options.MessageIdDomain}" };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(MailboxAddress.Parse(row.To));
        message.Body = new BodyBuilder { HtmlBody = row.HtmlBody, TextBody = row.TextBody }.ToMessageBody();
        return message;
    }

    private async Task<bool> ClaimAsync(MailRecord row, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var lease = clock.GetUtcNow() + Lease;
        return await db.Mail
            .Where(m => m.Id == row.Id && m.SentAt == null && m.NextAttemptAt == row.NextAttemptAt)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, lease), cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task PostponeAsync(MailRecord row, string error, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var next = clock.GetUtcNow() + Backoff[Math.Min(row.Attempts, Backoff.Length - 1)];
        var message = error.Length > 500 ? error[..500] : error;
        await db.Mail.Where(m => m.Id == row.Id && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, row.Attempts + 1).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LastError, message), cancellationToken)
            .ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Mail server {Host}:{Port} unreachable; {Count} mails wait for the next attempt")]
    private static partial void ServerDown(ILogger logger, string host, int port, int count);
}
