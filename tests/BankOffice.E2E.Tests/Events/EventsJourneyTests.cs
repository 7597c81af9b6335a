using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace BankOffice.E2E.Tests.Events;

[Collection(AppCollection.Name)]
public sealed class EventsJourneyTests(AppFixture app)
{
    private const string Admin = "admin@bankoffice.local";
    private const string Error = "E2E: Broker: Leader not available";

    [Fact]
    public async Task Admin_ReplaysADeadLetterOnTheEventsPage_AndRegistersAWebhookWhoseSecretIsShownOnce()
    {
        using var api = await AdminApiAsync();
        var eventId = await DeadLetteredLimitChangeAsync(api);
        var pending = await PendingAsync(api);

        var page = await app.NewPageAsync();
        await page.SignInAsync(Admin, app.DemoPassword);
        await Expect(page.TestId("nav-menu").GetByText("Events", new() { Exact = true })).ToBeVisibleAsync();

        // No Kafka in this system: everything recorded waits, and the page says how much.
        await page.GotoInteractiveAsync("/admin/events");
        await Expect(page.TestId("outbox-kafka-disabled")).ToBeVisibleAsync();
        await Expect(page.TestId("outbox-pending-value")).ToHaveTextAsync(Count(pending));
        var row = page.TestId($"message-row-{eventId}");
        await Expect(row.Locator("[data-testid='message-status']")).ToHaveTextAsync("DEAD_LETTER");
        await Expect(row.Locator("[data-testid='message-error']")).ToHaveTextAsync(Error);

        await row.Locator("[data-testid='message-replay']").ClickAsync();

        // Pending again with the same event id: it leaves the dead letters and joins the pending count.
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.TestId("outbox-pending-value")).ToHaveTextAsync(Count(pending + 1));
        (await StateAsync(eventId)).Should().Be(("PENDING", 0));

        await page.GotoInteractiveAsync("/admin/webhooks");
        var url = $"http://127.0.0.1:9/e2e-{Guid.NewGuid():N}";
        await page.TestId("webhooks-new").ClickAsync();
        await page.TestId("webhook-url-input").FillAsync(url);
        await page.TestId("webhook-type-credit.limit.changed").ClickAsync();
        await page.TestId("webhook-description-input").FillAsync("E2E receiver");
        await page.TestId("webhook-save").ClickAsync();

        var secret = page.TestId("webhook-secret");
        await Expect(secret).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^whsec_[0-9a-f]{64}$"));
        var value = await secret.InnerTextAsync();
        await Expect(page.TestId("webhook-secret-url")).ToHaveTextAsync(url);
        var registered = page.TestId("webhooks-grid").Locator("tr", new() { Has = page.GetByText(url, new() { Exact = true }) });
        await Expect(registered.Locator("[data-testid='webhook-types']")).ToHaveTextAsync("credit.limit.changed");

        await page.TestId("webhook-secret-dismiss").ClickAsync();
        await Expect(page.TestId("webhook-secret-notice")).ToHaveCountAsync(0);
        (await page.ContentAsync()).Should().NotContain(value);
        await page.GotoInteractiveAsync("/admin/webhooks");
        await Expect(registered.Locator("[data-testid='webhook-state']")).ToHaveTextAsync("ACTIVE");
        (await page.ContentAsync()).Should().NotContain(value, "the secret is shown once, when it is made");
    }

    /// <summary>
    /// A real event through the API (a small credit limit increase of a demo customer records
    /// credit.limit.changed), then moved to DEAD_LETTER in the database as the publisher would leave it.
    /// </summary>
    private async Task<Guid> DeadLetteredLimitChangeAsync(HttpClient api)
    {
        var accounts = await api.GetFromJsonAsync<JsonElement>("receivables/accounts?size=100");
        foreach (var account in accounts.GetProperty("data").EnumerateArray())
        {
            var customerId = account.GetProperty("customerId").GetString()!;
            var limit = account.GetProperty("creditLimit").GetDecimal();
            using var change = await api.PutAsJsonAsync($"accounts/{customerId}/credit-limit",
                new { newLimit = limit + 1_000m, reason = "E2E events journey", approvedBy = Admin });
            if (change.StatusCode != HttpStatusCode.OK)
            {
                continue; // e.g. a change already waiting for a second approver
            }

            await using var db = await NpgsqlDataSource.Create(app.ConnectionString).OpenConnectionAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE outbox_messages SET status = 'DEAD_LETTER', attempts = 10, last_error = @error " +
                "WHERE id = (SELECT id FROM outbox_messages WHERE type = 'credit.limit.changed' AND aggregate_id = @customer ORDER BY sequence DESC LIMIT 1) RETURNING id", db);
            command.Parameters.AddWithValue("error", Error);
            command.Parameters.AddWithValue("customer", customerId);
            return (Guid)(await command.ExecuteScalarAsync())!;
        }

        throw new InvalidOperationException("No demo credit account took a limit change.");
    }

    private async Task<(string Status, int Attempts)> StateAsync(Guid eventId)
    {
        await using var db = await NpgsqlDataSource.Create(app.ConnectionString).OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT status, attempts FROM outbox_messages WHERE id = @id", db);
        command.Parameters.AddWithValue("id", eventId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetInt32(1));
    }

    private static async Task<long> PendingAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("admin/outbox")).GetProperty("pending").GetInt64();

    private static string Count(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    private async Task<HttpClient> AdminApiAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(app.ApiUrl + "/api/v1/") };
        using var login = await http.PostAsJsonAsync("auth/login", new { email = Admin, password = app.DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
