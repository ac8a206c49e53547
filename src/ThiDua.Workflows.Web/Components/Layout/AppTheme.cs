using MudBlazor;

namespace ThiDua.Workflows.Web.Components.Layout;

/// <summary>The one theme: the commune's red and a calm blue, readable type, compact tables.</summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b3261e",
            Secondary = "#1f5fa8",
            // Darker than the library's defaults, so text in these colours reads at 4.5:1 on white (WCAG AA).
            Info = "#0b5796",
            Success = "#2e6b30",
            Warning = "#8a4500",
            Error = "#b3261e",
            AppbarBackground = "#b3261e",
            Background = "#f6f6f4",
            TextPrimary = "#1d1d1d",
            TextSecondary = "#4a4a4a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "Noto Sans", "DejaVu Sans", "sans-serif"] },
        },
    };
}
