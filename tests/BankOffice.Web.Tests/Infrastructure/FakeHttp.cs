using System.Net;
using System.Text;

namespace BankOffice.Web.Tests.Infrastructure;

/// <summary>An HttpMessageHandler that answers with a delegate and counts the requests per path.</summary>
public sealed class FakeHttpHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private int calls;

    public int Calls => calls;

    public List<string> Paths { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string contentType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, contentType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        lock (Paths)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
        }

        return await respond(request);
    }
}

public sealed class FakeHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) =>
        new(handler, disposeHandler: false) { BaseAddress = new Uri("http://api.test/api/v1/") };
}

public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
