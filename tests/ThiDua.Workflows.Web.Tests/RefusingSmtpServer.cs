using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// A minimal SMTP server on a loopback port that, while <see cref="Refusing"/>, refuses recipients whose address starts
/// with a given prefix with 550 (as a real server refuses a mailbox it does not have): the mail is the problem, not the
/// server, which stays up and answers. Other recipients, and all once refusal is off, are accepted and recorded.
/// </summary>
public sealed class RefusingSmtpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public RefusingSmtpServer(string refusedPrefix)
    {
        _refusedPrefix = refusedPrefix;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many RCPT commands were refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    private int _refused;
    private readonly string _refusedPrefix;

    public bool Refusing { get; set; } = true;

    /// <summary>The recipients of every mail accepted, one entry per mail and recipient.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Delivered { get; } = new();

    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 refusing.test ESMTP");
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 refusing.test");
                        break;
                    case "RCPT":
                        var address = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..].TrimEnd('>');
                        if (Refusing && address.StartsWith(_refusedPrefix, StringComparison.OrdinalIgnoreCase))
                        {
                            Interlocked.Increment(ref _refused);
                            await writer.WriteLineAsync("550 5.1.1 No such mailbox here");
                        }
                        else
                        {
                            recipients.Add(address);
                            await writer.WriteLineAsync("250 OK");
                        }

                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                        }

                        foreach (var r in recipients) Delivered.Enqueue(r);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "RSET":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default: // MAIL, NOOP
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the test ended.
        }
    }
}
