using StbImageSharp;

namespace ThiDua.Workflows.Nominations.Services.Uploads;

/// <summary>A photo is accepted when its header gives a sane size and the whole image decodes.</summary>
public static class ImageInspection
{
    public static string? Problem(byte[] content, AttachmentOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            // The header first: a tiny file that claims a gigantic image is refused before any pixel is decoded.
            var info = ImageInfo.FromStream(new MemoryStream(content, writable: false));
            if (info is not { Width: > 0, Height: > 0 } header) return "Tệp ảnh hỏng hoặc không đọc được.";
            if ((long)header.Width * header.Height > limits.MaxImagePixels) return $"Ảnh quá lớn ({header.Width}×{header.Height} điểm ảnh).";
            _ = ImageResult.FromMemory(content, ColorComponents.RedGreenBlueAlpha);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or EndOfStreamException)
        {
            return "Tệp ảnh hỏng hoặc không đọc được.";
        }
    }
}
