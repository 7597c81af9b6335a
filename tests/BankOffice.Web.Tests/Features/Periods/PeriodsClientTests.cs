using System.Net;
using System.Text;
using System.Text.Json;
using BankOffice.Core.Periods;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BankOffice.Web.Tests.Features.Periods;

public sealed class PeriodsClientTests
{
    private const string StreamPath = "/api/v1/periods/close-runs/0193a000-0000-7000-8000-000000000001/stream";
    private const string RunPath = "/api/v1/periods/close-runs/0193a000-0000-7000-8000-000000000001";

    [Fact]
    public async Task WatchRunAsync_SeveralEventsPerChunkAndOneSplitAcrossChunks_YieldsEachRunInOrderAndEndsWithoutPolling()
    {
        var finished = Json(FakePeriodsClient.Run(CloseRunStatus.SUCCEEDED, progress: 100, current: null, summary: FakePeriodsClient.Summary()));
        var middle = Json(Running(55));
        var split = middle.IndexOf(",\"status\"", StringComparison.Ordinal);
        var chunks = new[]
        {
            // A keep-alive comment, two whole events (the second with its JSON over two data lines, CRLF endings), and half of the last.
            $": keep-alive\n\ndata: {Json(Running(10))}\n\ndata: {middle[..split]}\r\ndata: {middle[split..]}\r\n\r\ndata: {finished[..30]}",
            $"{finished[30..]}\n\n",
        };
        HttpRequestMessage? streamRequest = null;
        var handler = new FakeHttpHandler(request =>
        {
            streamRequest = request;
            return Task.FromResult(EventStream(new ChunkedStream(chunks)));
        });

        var runs = await ToListAsync(Client(handler).WatchRunAsync(FakePeriodsClient.RunId));

        runs.Select(r => (r.Progress, r.Status)).Should().Equal((10, CloseRunStatus.RUNNING), (55, CloseRunStatus.RUNNING), (100, CloseRunStatus.SUCCEEDED));
        runs[2].Summary!.InterestAccounts.Should().Be(12);
        handler.Paths.Should().Equal(StreamPath);
        streamRequest!.Headers.Accept.ToString().Should().Be("text/event-stream");
        streamRequest.Headers.Authorization!.ToString().Should().Be("Bearer tok");
    }

    [Fact]
    public async Task WatchRunAsync_StreamRefused_PollsTheRunUntilItFinishes()
    {
        var answers = new Queue<CloseRunDto>([Running(30), Running(80), FakePeriodsClient.Run(CloseRunStatus.BLOCKED, progress: 57, current: CloseStep.RECONCILIATION)]);
        var handler = new FakeHttpHandler(request => Task.FromResult(request.RequestUri!.AbsolutePath == StreamPath
            ? FakeHttpHandler.Json(HttpStatusCode.BadGateway, "{}")
            : FakeHttpHandler.Json(HttpStatusCode.OK, Json(answers.Dequeue()))));

        var runs = await ToListAsync(Client(handler).WatchRunAsync(FakePeriodsClient.RunId));

        runs.Select(r => r.Progress).Should().Equal(30, 80, 57);
        runs[^1].Status.Should().Be(CloseRunStatus.BLOCKED);
        handler.Paths.Should().Equal(StreamPath, RunPath, RunPath, RunPath);
    }

    [Fact]
    public async Task WatchRunAsync_StreamEndsWhileTheRunStillRuns_PollsForTheRest()
    {
        var handler = new FakeHttpHandler(request => Task.FromResult(request.RequestUri!.AbsolutePath == StreamPath
            ? EventStream(new ChunkedStream([$"data: {Json(Running(40))}\n\n"]))
            : FakeHttpHandler.Json(HttpStatusCode.OK, Json(FakePeriodsClient.Run(CloseRunStatus.SUCCEEDED, progress: 100, current: null)))));

        var runs = await ToListAsync(Client(handler).WatchRunAsync(FakePeriodsClient.RunId));

        runs.Select(r => r.Progress).Should().Equal(40, 100);
        handler.Paths.Should().Equal(StreamPath, RunPath);
    }

    [Fact]
    public async Task WatchRunAsync_CancelledWhileTheStreamIsOpen_StopsWithoutPolling()
    {
        var handler = new FakeHttpHandler(_ => Task.FromResult(EventStream(new ChunkedStream([$"data: {Json(Running(20))}\n\n"], thenWait: true))));
        using var cts = new CancellationTokenSource();
        var runs = new List<CloseRunDto>();

        var watch = async () =>
        {
            await foreach (var run in Client(handler).WatchRunAsync(FakePeriodsClient.RunId, cts.Token))
            {
                runs.Add(run);
                await cts.CancelAsync();
            }
        };

        await watch.Should().ThrowAsync<OperationCanceledException>();
        runs.Select(r => r.Progress).Should().Equal(20);
        handler.Paths.Should().Equal(StreamPath);
    }

    [Fact]
    public async Task ReadDataAsync_StreamEndsInTheMiddleOfAnEvent_DropsTheIncompleteEvent()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes("event: progress\nid: 1\ndata: first\n\ndata: second"));

        var data = await ToListAsync(ServerSentEvents.ReadDataAsync(body));

        data.Should().Equal("first");
    }

    private static PeriodsClient Client(FakeHttpHandler handler) =>
        new(new FakeHttpClientFactory(handler).CreateClient("x"), new StaticToken("tok"), NullLogger<PeriodsClient>.Instance) { PollInterval = TimeSpan.FromMilliseconds(1) };

    private static CloseRunDto Running(int progress) => FakePeriodsClient.Run(progress: progress);

    private static string Json(CloseRunDto run) => JsonSerializer.Serialize(run, ApiJson.Options);

    private static HttpResponseMessage EventStream(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ServerSentEvents.ContentType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private sealed class StaticToken(string? token) : IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken ct = default) => Task.FromResult(token);
    }

    /// <summary>A response body that arrives in the given pieces, one per read, as a network stream does; then ends, or waits until cancelled.</summary>
    private sealed class ChunkedStream(IEnumerable<string> chunks, bool thenWait = false) : Stream
    {
        private readonly Queue<byte[]> pending = new(chunks.Select(Encoding.UTF8.GetBytes));
        private ReadOnlyMemory<byte> current;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (current.IsEmpty)
            {
                if (!pending.TryDequeue(out var chunk))
                {
                    if (thenWait)
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }

                    return 0;
                }

                current = chunk;
            }

            // A reader with a small buffer gets the rest of the piece on its next read, never the next piece with it.
            var count = Math.Min(buffer.Length, current.Length);
            current[..count].CopyTo(buffer);
            current = current[count..];
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
