using System.IO.Compression;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ThiDua.Workflows.Testing;

/// <summary>Real files of each accepted type for upload tests (the product opens what it accepts), and bad ones.</summary>
public static class TestFiles
{
    /// <summary>A one-page PDF with the text (letters outside Latin-1 become '?': the standard font has no others).</summary>
    public static byte[] Pdf(string text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        var latin = new string(text.Normalize(NormalizationForm.FormC).Select(c => c < 0x7F ? c : '?').ToArray());
        page.AddText(latin.Length == 0 ? "-" : latin, 12, new PdfPoint(40, 780), font);
        return builder.Build();
    }

    /// <summary>A minimal Word package with its main part.</summary>
    public static byte[] Docx(string text) => Package(
        ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""),
        ("word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{System.Security.SecurityElement.Escape(text)}</w:t></w:r></w:p></w:body></w:document>"""));

    /// <summary>A ZIP named .docx whose one entry inflates to <paramref name="megabytes"/> MB of zeros.</summary>
    public static byte[] ZipBomb(int megabytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) types.Write("<Types/>");
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++) entry.Write(zeros);
        }

        return stream.ToArray();
    }

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>A PNG signature and header claiming 10,000 × 10,000 pixels, and nothing after.</summary>
    public static byte[] PngClaimingHugeSize()
    {
        var png = Png();
        var huge = png.ToArray();
        // IHDR width and height (big-endian) at offsets 16 and 20.
        foreach (var at in new[] { 16, 20 })
        {
            huge[at] = 0x00; huge[at + 1] = 0x00; huge[at + 2] = 0x27; huge[at + 3] = 0x10;
        }

        // The chunk's CRC (over "IHDR" and its 13 bytes) made right again, so only the size is wrong.
        var crc = Crc32(huge.AsSpan(12, 17));
        huge[29] = (byte)(crc >> 24); huge[30] = (byte)(crc >> 16); huge[31] = (byte)(crc >> 8); huge[32] = (byte)crc;
        return huge;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }

        return ~crc;
    }

    private static byte[] Package(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }

        return stream.ToArray();
    }
}
