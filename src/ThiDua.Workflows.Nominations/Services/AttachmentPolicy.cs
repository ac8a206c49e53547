using System.Globalization;
using System.Text;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>
/// Checks an uploaded dossier file: a plain file name (no folders, no tricks), an allowed extension, a size limit,
/// content that starts as that type does, and then reads as that type (a PDF opens, a Word/Excel package unzips
/// within limits, an image decodes). Each refusal names the field and says why.
/// </summary>
public sealed class AttachmentPolicy(NominationOptions options)
{
    private static readonly string[] ReservedNames = ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3"];

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
    };

    /// <summary>The file name as stored (NFC, trimmed), or the problem with it.</summary>
    public static (string? Name, string? Problem) CleanFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return (null, "Thiếu tên tệp.");
        var name = fileName.Trim().Normalize(NormalizationForm.FormC);
        if (name.Length > 200) return (null, "Tên tệp dài quá 200 ký tự.");
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal))
            return (null, $"Tên tệp “{name}” không được chứa đường dẫn (/, \\, .., :). Hãy đặt tên tệp đơn giản.");
        if (name.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
            return (null, "Tên tệp chứa ký tự điều khiển hoặc ký tự ẩn.");
        if (name.StartsWith('.') || name.EndsWith('.') || name.EndsWith(' ') || "<>\"|?*".Any(name.Contains))
            return (null, $"Tên tệp “{name}” không hợp lệ.");
        if (ReservedNames.Contains(Path.GetFileNameWithoutExtension(name).ToUpperInvariant(), StringComparer.Ordinal))
            return (null, $"Tên tệp “{name}” là tên dành riêng của hệ thống.");
        return (name, null);
    }

    /// <summary>Checks type and size; returns the content type to store, or the problem.</summary>
    public (string? ContentType, string? Problem) CheckContent(string fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var allowed = options.Attachments.AllowedExtensions;
        if (!allowed.Contains(extension, StringComparer.Ordinal) || !ContentTypes.TryGetValue(extension, out var contentType))
            return (null, $"Loại tệp “{extension}” không được nhận. Chỉ nhận: {string.Join(", ", allowed)}.");
        if (content.Length == 0) return (null, "Tệp rỗng.");
        if (content.Length > options.Attachments.MaxBytes)
            return (null, $"Tệp {content.Length / 1024.0 / 1024.0:0.0} MB vượt giới hạn {options.Attachments.MaxBytes / 1024.0 / 1024.0:0.#} MB.");
        if (!Matches(extension, content))
            return (null, $"Nội dung tệp không phải là tệp {extension} (tệp bị đổi đuôi hoặc hỏng).");
        var deep = extension switch
        {
            ".pdf" => Uploads.PdfInspection.Problem(content.ToArray()),
            ".docx" or ".xlsx" => Uploads.PackageInspection.Problem(content.ToArray(), extension, options.Attachments),
            ".jpg" or ".jpeg" or ".png" => Uploads.ImageInspection.Problem(content.ToArray(), options.Attachments),
            _ => null, // .doc/.xls (the old binary formats): the signature is all that is checked
        };
        return deep is null ? (contentType, null) : (null, deep);
    }

    private static bool Matches(string extension, ReadOnlySpan<byte> c) => extension switch
    {
        ".pdf" => c.StartsWith("%PDF-"u8),
        ".docx" or ".xlsx" => c.StartsWith("PK\u0003\u0004"u8),
        ".doc" or ".xls" => c.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }),
        ".jpg" or ".jpeg" => c.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
        ".png" => c.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
        _ => false,
    };
}
