using System.Globalization;

namespace ThiDua.Workflows.Web.Presentation;

/// <summary>Vietnamese formatting for pages: dates dd/MM/yyyy in Vietnam's time, money as "1.234.000 đ".</summary>
public static class Vn
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    public static string Date(DateTimeOffset at) => at.ToOffset(Offset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? at) => at is { } value ? Date(value) : "";

    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.ToOffset(Offset).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "";

    public static string Money(decimal amount) => amount.ToString("#,0", Culture) + " đ";

    public static string Number(long value) => value.ToString("#,0", Culture);

    public static string Percent(decimal value) => value.ToString("0.##", Culture) + "%";

    /// <summary>Today in Vietnam.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);
    }

    public static string FileSize(long bytes) => bytes < 1024 * 1024
        ? (bytes / 1024.0).ToString("0.#", Culture) + " KB"
        : (bytes / 1024.0 / 1024.0).ToString("0.#", Culture) + " MB";
}
