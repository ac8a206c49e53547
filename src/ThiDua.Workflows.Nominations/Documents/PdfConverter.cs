using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>
/// Turns a .docx into PDF with LibreOffice headless (soffice on PATH or <see cref="NominationOptions.LibreOfficePath"/>),
/// fonts embedded by LibreOffice. One conversion at a time: they share one LibreOffice profile, which a second
/// process cannot open. Where LibreOffice is missing, <see cref="Available"/> is false and Word still works.
/// </summary>
public sealed partial class PdfConverter(NominationOptions options, ILogger<PdfConverter> logger) : IDisposable
{
    public const string ContentType = "application/pdf";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly Lazy<string?> _program = new(() => Locate(options.LibreOfficePath));
    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"thidua-libreoffice-{Environment.ProcessId}");

    public bool Available => _program.Value is not null;

    /// <summary>The PDF, or null when LibreOffice is missing or failed (logged).</summary>
    public async Task<byte[]?> ConvertAsync(byte[] docx, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(docx);
        if (_program.Value is not { } program) return null;
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        var folder = Directory.CreateTempSubdirectory("thidua-pdf-").FullName;
        try
        {
            var input = Path.Combine(folder, "document.docx");
            await File.WriteAllBytesAsync(input, docx, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--norestore", "--nolockcheck", "--nodefault", $"-env:UserInstallation=file://{_profile}", "--convert-to", "pdf", "--outdir", folder, input])
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("LibreOffice did not start.");
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                LogFailed(logger, -1, "timed out");
                return null;
            }

            var output = Path.Combine(folder, "document.pdf");
            if (process.ExitCode == 0 && File.Exists(output)) return await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false);
            LogFailed(logger, process.ExitCode, (await error.ConfigureAwait(false)).Trim());
            return null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            LogFailed(logger, -1, e.Message);
            return null;
        }
        finally
        {
            _one.Release();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    public void Dispose() => _one.Dispose();

    private static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => new[] { Path.Combine(folder, "soffice"), Path.Combine(folder, "libreoffice") })
            .FirstOrDefault(File.Exists);
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Warning, Message = "LibreOffice could not convert a document to PDF (exit code {ExitCode}): {Error}")]
    private static partial void LogFailed(ILogger logger, int exitCode, string error);
}
