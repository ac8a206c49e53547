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

    public static string LinkIn(string text) => LinkPattern().Match(text).Value;

    private void Collect()
    {
        lock (Received)
        {
            while (_arrived.TryDequeue(out var mail))
            {
                var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));
                Received.Add((string.Join(",", mail.ToAddresses.Select(a => a.ToString())), message.Subject ?? "", message.TextBody ?? ""));
            }
        }
    }

    public void Dispose() => _server?.Stop();

    [GeneratedRegex(@"http://[^\s]+/tasks/[^\s]+\?t=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
