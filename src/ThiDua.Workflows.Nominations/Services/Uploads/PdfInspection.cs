using UglyToad.PdfPig;

namespace ThiDua.Workflows.Nominations.Services.Uploads;

/// <summary>A PDF is accepted when PdfPig opens it and finds at least one page: a renamed or broken file is not.</summary>
public static class PdfInspection
{
    public static string? Problem(byte[] content)
    {
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = false });
            if (document.NumberOfPages < 1) return "Tệp PDF không có trang nào.";
            _ = document.GetPage(1);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig reports damage with many exception types; any of them means the file cannot be read.
            return "Tệp PDF hỏng hoặc không đọc được (hãy xuất lại tệp PDF rồi gửi lại).";
        }
    }
}
