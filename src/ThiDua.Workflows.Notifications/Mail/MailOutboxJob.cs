using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Persistence.Outbox;

namespace ThiDua.Workflows.Notifications.Mail;

/// <summary>
/// Sends the mail outbox (<see cref="LeasedOutbox{TContext,TRow}"/> over the <c>Mail</c> table) through MailKit. Each
/// row is claimed before it is sent, so two runs never send one mail; a mail server that is down postpones every row
/// without counting it against the mail (nothing is lost, and nothing dies of an outage); a mail that fails by itself
/// (an address the server refuses) is retried with backoff and ends dead. The Message-ID is derived from the row, so a
/// mail is the same mail whenever it goes out.
/// </summary>
public sealed partial class MailOutboxJob(
    LeasedOutbox<NotificationsDbContext, MailRecord> outbox, MailOptions options, MailServerStatus status, TimeProvider clock, ILogger<MailOutboxJob> logger)
{
    /// <summary>How long every mail waits when the server cannot be reached; the recurring job looks every minute.</summary>
    public static readonly TimeSpan ServerDownRetry = TimeSpan.FromSeconds(20);

    public static OutboxTable<NotificationsDbContext, MailRecord> Table { get; } =
        new("mail", db => db.Mail, m => (m.Subject, m.To), nameof(MailRecord.SentAt));

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 300)]
    [Hangfire.AutomaticRetry(Attempts = 0)] // the rows carry their own retry schedule
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.DueAsync(200, cancellationToken).ConfigureAwait(false);
        if (due.Count == 0) return 0;

        var sent = 0;
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(options.SmtpHost, options.SmtpPort, Enum.Parse<SecureSocketOptions>(options.Security == "None" ? "None" : options.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.UserName))
                await smtp.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken).ConfigureAwait(false);
            status.Reached(clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            status.Failed(clock.GetUtcNow(), ex.Message);
            foreach (var row in due)
                await outbox.PostponeAsync(row.Id, ServerDownRetry, "mail server unreachable: " + ex.Message, cancellationToken).ConfigureAwait(false);
            ServerDown(logger, options.SmtpHost, options.SmtpPort, due.Count);
            return 0;
        }

        foreach (var row in due)
        {
            if (!await outbox.ClaimAsync(row, cancellationToken).ConfigureAwait(false)) continue;
            try
            {
                await smtp.SendAsync(ToMessage(row), cancellationToken).ConfigureAwait(false);
                await outbox.DeliveredAsync(row.Id, row.Attempts, cancellationToken).ConfigureAwait(false);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await outbox.FailedAsync(row.Id, row.Attempts, ex.Message, cancellationToken).ConfigureAwait(false);
                // A refused mail can leave the session unusable for the next one; start the next from a clean state.
                if (!smtp.IsConnected) break;
            }
        }

        if (smtp.IsConnected) await smtp.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        return sent;
    }

    private MimeMessage ToMessage(MailRecord row)
    {
        var message = new MimeMessage { Subject = row.Subject, MessageId = $"{row.Id}@{options.MessageIdDomain}" };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(MailboxAddress.Parse(row.To));
        var body = new BodyBuilder { HtmlBody = row.HtmlBody, TextBody = row.TextBody };
        if (row.AttachmentName is { } name && row.AttachmentContent is { } content) body.Attachments.Add(name, content);
        message.Body = body.ToMessageBody();
        return message;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Mail server {Host}:{Port} unreachable; {Count} mails wait for the next attempt")]
    private static partial void ServerDown(ILogger logger, string host, int port, int count);
}
