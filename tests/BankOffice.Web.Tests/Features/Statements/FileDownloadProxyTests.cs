using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using BankOffice.Core.Auth;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankOffice.Web.Tests.Features.Statements;

/// <summary>
/// <c>GET /files/{**path}</c> on a real Kestrel host with the Web host's cookie sign-in and token store;
/// the API behind it is a fake handler that records what it was asked.
/// </summary>
public sealed class FileDownloadProxyTests : IAsyncLifetime
{
    private const string Account = "ACC-0193a000-0000-7000-8000-000000000001";
    private readonly List<HttpRequestMessage> apiRequests = [];
    private Func<HttpRequestMessage, HttpResponseMessage> api = _ => new HttpResponseMessage(HttpStatusCode.NoContent);
    private WebApplication host = default!;
    private HttpClient browser = default!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ApiOptions>();
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddHttpClient(AuthApiClient.HttpClientName);
        var handler = new FakeHttpHandler(request =>
        {
            lock (apiRequests)
            {
                apiRequests.Add(request);
            }

            return Task.FromResult(api(request));
        });
        builder.Services.AddHttpClient<FileDownloadProxy>(c => c.BaseAddress = new Uri("http://api.test/api/v1/")).ConfigurePrimaryHttpMessageHandler(() => handler);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o => o.LoginPath = "/account/login");
        builder.Services.AddAuthorization();
        host = builder.Build();
        host.UseAuthentication();
        host.UseAuthorization();
        // Stands in for the sign-in page: a session with API tokens in the store, and the cookie that names it.
        host.MapPost("/test/sign-in", async (HttpContext context, TokenStore store) =>
        {
            var sid = store.Add(new TokenResponse("Bearer", "access-1", 900, "refresh-1"));
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "customer01"), new Claim(SessionClaims.SessionId, sid)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        });
        host.MapFileDownloads();
        await host.StartAsync();

        browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(host.Urls.Single()),
        };
    }

    public async Task DisposeAsync()
    {
        browser.Dispose();
        await host.StopAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Get_NotSignedIn_RedirectsToSignInAndComesBack()
    {
        using var response = await browser.GetAsync($"/files/accounts/{Account}/statement?format=pdf");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be($"/account/login?ReturnUrl=%2Ffiles%2Faccounts%2F{Account}%2Fstatement%3Fformat%3Dpdf");
        apiRequests.Should().BeEmpty();
    }

    [Fact]
    public async Task Get_AccountStatement_ForwardsPathQueryAndTokenAndPassesTheFileThrough()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7 a statement");
        api = _ => File(pdf, "application/pdf", "statement-ACC-1-2026-11-01-2026-11-20.pdf");
        await SignInAsync();

        using var response = await browser.GetAsync($"/files/accounts/{Account}/statement?format=pdf&fromDate=2026-11-01&toDate=2026-11-20&includeDetails=false");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(pdf);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Content.Headers.ContentDisposition!.ToString().Should().Be("attachment; filename=statement-ACC-1-2026-11-01-2026-11-20.pdf");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var sent = apiRequests.Should().ContainSingle().Subject;
        sent.RequestUri!.PathAndQuery.Should().Be($"/api/v1/accounts/{Account}/statement?format=pdf&fromDate=2026-11-01&toDate=2026-11-20&includeDetails=false");
        sent.Headers.Authorization!.ToString().Should().Be("Bearer access-1");
    }

    [Theory]
    [InlineData("receivables/accounts/C000012/statement?format=excel")]
    [InlineData("payments/PAY-2026-000007/receipt")]
    [InlineData("statements/0193a000-0000-7000-8000-0000000000b2/files/csv")]
    public async Task Get_OtherWhitelistedPaths_AreForwarded(string pathAndQuery)
    {
        api = _ => File([1, 2, 3], "application/octet-stream", "x.bin");
        await SignInAsync();

        using var response = await browser.GetAsync("/files/" + pathAndQuery);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        apiRequests.Should().ContainSingle().Which.RequestUri!.PathAndQuery.Should().Be("/api/v1/" + pathAndQuery);
    }

    [Theory]
    [InlineData("accounts/ACC-1/transactions")]
    [InlineData("admin/ledger/check")]
    [InlineData("users")]
    [InlineData("statements/0193a000-0000-7000-8000-0000000000b2/files/json")]
    [InlineData("accounts/..%2F..%2Fusers/statement")]
    [InlineData("accounts/ACC-1/statement/extra")]
    public async Task Get_PathOutsideTheWhitelist_Answers404PageWithoutAskingTheApi(string path)
    {
        await SignInAsync();

        using var response = await browser.GetAsync("/files/" + path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("<h1 data-testid=\"file-error-title\">No such file</h1>");
        apiRequests.Should().BeEmpty();
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "FORBIDDEN", "Forbidden", "You may only see your own statements.")]
    [InlineData(HttpStatusCode.BadRequest, "STATEMENT_RANGE_TOO_LONG", "Request refused", "A statement covers at most 366 days; 2025-01-01 to 2026-11-20 is 689.")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "PDF_RENDERER_UNAVAILABLE", "Service unavailable", "Chromium was not found at /usr/bin/chromium.")]
    public async Task Get_ApiAnswersAProblem_ShowsItsTitleAndDetailAsHtmlWithTheSameStatus(HttpStatusCode status, string code, string title, string detail)
    {
        api = _ => new HttpResponseMessage(status)
        {
            Content = new StringContent($$"""{"title":"{{title}}","status":{{(int)status}},"detail":"{{detail}}","code":"{{code}}"}""", Encoding.UTF8, "application/problem+json"),
        };
        await SignInAsync();

        using var response = await browser.GetAsync($"/files/accounts/{Account}/statement?format=pdf");

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().StartWith("<!DOCTYPE html>")
            .And.Contain($"<h1 data-testid=\"file-error-title\">{title}</h1>")
            .And.Contain($"<p data-testid=\"file-error-detail\">{detail}</p>")
            .And.Contain($"Status {(int)status} · {code}")
            .And.NotContain("\"code\":", "the user reads a sentence, not the problem JSON");
    }

    [Fact]
    public async Task Get_ProblemTextWithMarkup_IsEncoded()
    {
        api = _ => new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("""{"title":"Not found","detail":"No account <script>alert(1)</script>","code":"ACCOUNT_NOT_FOUND"}""", Encoding.UTF8, "application/problem+json"),
        };
        await SignInAsync();

        using var response = await browser.GetAsync("/files/accounts/ACC-1/statement");

        (await response.Content.ReadAsStringAsync()).Should().Contain("No account &lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>");
    }

    [Fact]
    public async Task Get_ApiRejectsTheToken_SendsTheUserToSignIn()
    {
        api = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized);
        await SignInAsync();

        using var response = await browser.GetAsync("/files/payments/PAY-2026-000007/receipt");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be("/account/login?ReturnUrl=%2Ffiles%2Fpayments%2FPAY-2026-000007%2Freceipt");
    }

    [Fact]
    public async Task Get_HtmlPreview_IsSandboxedOnThisOrigin()
    {
        api = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html><body>statement</body></html>", Encoding.UTF8, "text/html") };
        await SignInAsync();

        using var response = await browser.GetAsync($"/files/accounts/{Account}/statement?format=html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Should().Equal("sandbox");
        (await response.Content.ReadAsStringAsync()).Should().Be("<html><body>statement</body></html>");
    }

    [Fact]
    public async Task Get_LargeFile_StreamsTheFirstBytesBeforeTheApiHasFinished()
    {
        var pipe = new Pipe();
        api = _ =>
        {
            var content = new StreamContent(pipe.Reader.AsStream());
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        };
        await SignInAsync();
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("Date,Type,Reference,Description,Debit,Credit,Balance\n"));

        using var response = await browser.GetAsync($"/files/accounts/{Account}/statement?format=csv", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[4];
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await body.ReadExactlyAsync(first, timeout.Token);
        }

        // The API has not finished (its body is still open), yet the header line has arrived: nothing waits for the whole file.
        Encoding.ASCII.GetString(first).Should().Be("Date");
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("2026-11-02,DEPOSIT,x,y,0.00,10.00,10.00\n"));
        await pipe.Writer.CompleteAsync();
        (await new StreamReader(body).ReadToEndAsync()).Should().Be(",Type,Reference,Description,Debit,Credit,Balance\n2026-11-02,DEPOSIT,x,y,0.00,10.00,10.00\n");
    }

    private async Task SignInAsync()
    {
        using var response = await browser.PostAsync("/test/sign-in", null);
        response.EnsureSuccessStatusCode();
    }

    private static HttpResponseMessage File(byte[] bytes, string contentType, string fileName)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
