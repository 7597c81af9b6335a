using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Statements;
using Microsoft.Net.Http.Headers;

namespace BankOffice.Api.Statements;

/// <summary>
/// Writes a document straight to the response body: the content type and file name first, then the
/// writer's bytes as they come. Owns the statement's snapshot and disposes it when done or failed.
/// </summary>
public sealed class DocumentResult : IResult, IAsyncDisposable
{
    private readonly Func<Stream, CancellationToken, Task> write;
    private readonly IAsyncDisposable? owned;

    private DocumentResult(string contentType, string fileName, bool attachment, Func<Stream, CancellationToken, Task> write, IAsyncDisposable? owned)
    {
        ContentType = contentType;
        FileName = fileName;
        Attachment = attachment;
        this.write = write;
        this.owned = owned;
    }

    public string ContentType { get; }

    public string FileName { get; }

    public bool Attachment { get; }

    public static DocumentResult Statement(OpenStatement statement, StatementFormat format, IStatementWriter writer) =>
        new(StatementFormats.ContentType(format), StatementFormats.FileName(statement.Header, format),
            format is not (StatementFormat.HTML or StatementFormat.JSON), (body, ct) => writer.WriteAsync(statement.Data, body, ct), statement);

    public static DocumentResult Bytes(string contentType, string fileName, byte[] content) =>
        new(contentType, fileName, true, (body, ct) => body.WriteAsync(content, ct).AsTask(), null);

    public static DocumentResult Of(string contentType, string fileName, bool attachment, Func<Stream, CancellationToken, Task> write) =>
        new(contentType, fileName, attachment, write, null);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            var response = httpContext.Response;
            response.ContentType = ContentType;
            response.Headers.CacheControl = "private, no-store";
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue(Attachment ? "attachment" : "inline")
            {
                FileName = FileName,
            }.ToString();

            // A statement can run to megabytes: no response buffering, the writer's output goes out as it is produced.
            httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
            await write(response.Body, httpContext.RequestAborted);
        }
        finally
        {
            await DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
