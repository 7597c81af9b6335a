using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BankOffice.E2E.Tests;

internal static class PageExtensions
{
    public static ILocator TestId(this IPage page, string id) => page.Locator($"[data-testid='{id}']");

    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.TestId("login-email").FillAsync(email);
        await page.TestId("login-password").FillAsync(password);
        await page.TestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));
        await page.WaitForInteractiveAsync();
    }

    /// <summary>
    /// Pages are prerendered, then become interactive when the Blazor circuit connects; a click
    /// before that is lost. The layout renders this marker only once it runs interactively.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.TestId("circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>
    /// Clicks until the page is at <paramref name="url"/>: a click that lands while an interactive
    /// grid re-renders its rows (first render after prerendering) can be lost, and a second one is
    /// what a user would do.
    /// </summary>
    public static async Task ClickUntilAtAsync(this IPage page, ILocator target, Regex url, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            await target.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = 15_000 });
                return;
            }
            catch (TimeoutException) when (attempt < attempts && !url.IsMatch(page.Url))
            {
                // Lost click: try again.
            }
        }
    }
}
