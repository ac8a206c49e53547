using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ThiDua.Workflows.Notifications.Mail;

/// <summary>
/// Sends one test mail straight to the configured SMTP server (not through the outbox), so an administrator sees at
/// once whether the settings work, and why not when they do not.
/// </summary>
public sealed class MailTester(MailOptions options)
{
    public string Server => $"{options.SmtpHost}:{options.SmtpPort} ({options.Security})";

    public string From => $"{options.FromName} <{options.FromAddress}>";

    /// <summary>Null when the mail was accepted; otherwise the server's or the network's reason.</summary>
    public async Task<string?> SendAsync(string to, CancellationToken cancellationToken = default)
    {
        if (!MailboxAddress.TryParse(to, out var recipient)) return "Địa chỉ nhận không hợp lệ.";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(recipient);
        message.Subject = "[Thi đua] Thư thử cấu hình gửi thư";
        message.Body = new TextPart("plain") { Text = "Thư này được gửi từ trang Cài đặt để kiểm tra cấu hình máy chủ thư. Anh/chị không cần trả lời." };
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(options.SmtpHost, options.SmtpPort, Enum.Parse<SecureSocketOptions>(options.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.UserName))
                await smtp.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken).ConfigureAwait(false);
            await smtp.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await smtp.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.Message;
        }
    }
}
