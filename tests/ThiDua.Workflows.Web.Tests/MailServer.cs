using System.Net;
using System.Text.RegularExpressions;
using netDumbster.smtp;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>A real SMTP server in the test process (netDumbster), on a loopback port that survives a stop and restart.</summary>
public sealed partial class MailServer : IDisposable
{
    private SimpleSmtpServer? _server;

    public MailServer()
    {
        _server = Listen(Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build());
        Port = _server.Configuration.Port;
    }

    public int Port { get; }

    /// <summary>Every mail received since the start (kept across a stop/start).</summary>
    public List<(string To, string Subject, string Text)> Received { get; } = [];

    public void Stop()
    {
        Collect();
        _server?.Stop();
        _server = null;
    }

    public void Restart() => _server = Listen(Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(Port).Build());

    // Mail is taken as it arrives (the server's own list is copied without a lock and races with its sessions).
    private SimpleSmtpServer Listen(SimpleSmtpServer server)
    {
        server.MessageReceived += (_, e) => _arrived.Enqueue(e.Message);
        return server;
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<SmtpMessage> _arrived = new();

    /// <summary>Waits until a mail to <paramref name="to"/> whose subject contains <paramref name="subject"/> arrives; returns its text.</summary>
    public async Task<string> WaitForAsync(string to, string subject, int count = 1, int seconds = 45)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            Collect();
            var matches = Received.Where(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal)).ToList();
            if (matches.Count >= count) return matches[count - 1].Text;
            await Task.Delay(200, timeout.Token);
        }
    }

    public int CountTo(string to, string subject)
    {
        Collect();
        return Received.Count(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal));
    }

    /// <summary>Files attached to the mail received so far (to, subject, file name, bytes).</summary>
    public List<(string To, string Subject, string Name, byte[] Content)> Files { get; } = [];

    /// <summary>The files attached to the mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public IReadOnlyList<(string Name, byte[] Content)> AttachmentsOf(string to, string subject)
    {
        Collect();
        lock (Received)
            return Files.Where(f => f.To.Contains(to, StringComparison.OrdinalIgnoreCase) && f.Subject.Contains(subject, StringComparison.Ordinal)).Select(f => (f.Name, f.Content)).ToList();
    }

    public static string LinkIn(string text) => LinkPattern().Match(text).Value;

    private void Collect()
    {
        lock (Received)
        {
            while (_arrived.TryDequeue(out var mail))
            {
                var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));
                Received.Add((string.Join(",", mail.ToAddresses.Select(a => a.ToString())), message.Subject ?? "", message.TextBody ?? ""));
                foreach (var part in message.Attachments.OfType<MimeKit.MimePart>())
                {
                    using var content = new MemoryStream();
                    part.Content.DecodeTo(content);
                    Files.Add((string.Join(",", mail.ToAddresses.Select(a => a.ToString())), message.Subject ?? "", part.FileName ?? "", content.ToArray()));
                }
            }
        }
    }

    public void Dispose() => _server?.Stop();

    [GeneratedRegex(@"http://[^\s]+/tasks/[^\s]+\?t=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
