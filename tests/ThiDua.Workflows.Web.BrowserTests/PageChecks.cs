using System.Text.Json;
using Microsoft.Playwright;

namespace ThiDua.Workflows.Web.BrowserTests;

/// <summary>What every page must satisfy: saved as a screenshot, no serious accessibility fault, no sideways scroll on a phone.</summary>
public static class PageChecks
{
    /// <summary>Saves a full-page screenshot named after the page and width, and runs axe-core on it.</summary>
    public static async Task LookAsync(IPage page, BrowserHost host, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(host);
        var width = page.ViewportSize?.Width ?? 0;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.Screenshots, $"{name}-{width}.png"), FullPage = true });
        var violations = await AxeAsync(page, host);
        Assert.True(violations.Count == 0, $"{name} at {width}px: accessibility violations:\n{string.Join("\n", violations)}");
    }

    /// <summary>Serious and critical axe-core violations on the page, one line each.</summary>
    public static async Task<List<string>> AxeAsync(IPage page, BrowserHost host)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(host);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'")) await page.EvaluateAsync(host.AxeSource);
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')));
            }
            """);
        return JsonSerializer.Deserialize<List<string>>(json) ?? [];
    }

    /// <summary>The elements that stick out past the window's right edge (to say what to fix).</summary>
    public static Task<string> TooWideAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
              .filter(e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return false; } return true; })
              .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.') + ' (' + Math.round(e.getBoundingClientRect().right) + 'px)').join(', ') + ' | scrollWidth ' + document.documentElement.scrollWidth
            """);
    }

    /// <summary>True when the page is wider than the window (a person would have to scroll sideways).</summary>
    public static async Task<bool> ScrollsSidewaysAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Judge the settled page: a real overflow stays, a width measured mid-layout does not.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        const string Wider = "() => document.documentElement.scrollWidth > window.innerWidth + 1";
        if (!await page.EvaluateAsync<bool>(Wider)) return false;
        await Task.Delay(500);
        return await page.EvaluateAsync<bool>(Wider);
    }
}
