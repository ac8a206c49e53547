using System.IO.Compression;

namespace ThiDua.Workflows.Nominations.Services.Uploads;

/// <summary>
/// A .docx or .xlsx is a ZIP package: opened and walked entry by entry with limits on the number of entries, the
/// uncompressed size and the compression ratio, before anything reads it; it must hold its main part.
/// </summary>
public static class PackageInspection
{
    public static string? Problem(byte[] content, string extension, AttachmentOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var mainPart = extension == ".docx" ? "word/document.xml" : "xl/workbook.xml";
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxPackageEntries) return $"Tệp có quá nhiều thành phần ({zip.Entries.Count}).";
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxUncompressedBytes) return "Tệp giải nén ra quá lớn (có thể là tệp độc hại).";
                if (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > limits.MaxCompressionRatio)
                    return "Tệp bị nén bất thường (có thể là tệp độc hại).";
            }

            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry(mainPart) is null)
                return $"Tệp không phải là tệp {extension} của Word/Excel (thiếu nội dung chính).";
            return null;
        }
        catch (InvalidDataException)
        {
            return $"Tệp {extension} hỏng hoặc không đọc được.";
        }
    }
}
