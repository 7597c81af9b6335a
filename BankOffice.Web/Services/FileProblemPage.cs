using System.Net;
using System.Text;

namespace BankOffice.Web.Services;

/// <summary>
/// What a failed download shows. The user followed a link (or the preview frame did), so the answer is a
/// small readable page with the API's title and detail, not its problem+json, and keeps the API's status.
/// </summary>
public static class FileProblemPage
{
    public static Task WriteAsync(HttpContext context, ApiException problem)
    {
        var response = context.Response;
        response.StatusCode = problem.Status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        return response.WriteAsync(Render(problem), Encoding.UTF8, context.RequestAborted);
    }

    public static string Render(ApiException problem)
    {
        var title = Encode(problem.Title ?? "The download failed");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\" />\n")
            .Append("<title>").Append(title).Append(" · BankOffice</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}")
            .Append("h1{font-size:1.4rem}.hint{color:#555}.code{color:#777;font-size:.85rem}</style>\n</head>\n<body>\n")
            .Append("<h1 data-testid=\"file-error-title\">").Append(title).Append("</h1>\n");
        if (!string.IsNullOrWhiteSpace(problem.Detail) && problem.Detail != problem.Title)
        {
            html.Append("<p data-testid=\"file-error-detail\">").Append(Encode(problem.Detail)).Append("</p>\n");
        }

        html.Append("<p class=\"hint\">").Append(Encode(Hint(problem.Status))).Append("</p>\n")
            .Append("<p class=\"code\" data-testid=\"file-error-code\">Status ").Append(problem.Status);
        if (!string.IsNullOrEmpty(problem.Code))
        {
            html.Append(" · ").Append(Encode(problem.Code));
        }

        return html.Append("</p>\n<p><a href=\"/\" target=\"_top\">Back to BankOffice</a></p>\n</body>\n</html>\n").ToString();
    }

    private static string Hint(int status) => status switch
    {
        400 => "Check the dates and the format, then try again.",
        403 => "Statements and receipts can be downloaded by their own customer and by bank staff only.",
        404 => "It may not exist, or it has not been produced yet.",
        503 => "The service is busy or unavailable. Please try again in a moment.",
        504 => "The file took too long to prepare. Try a shorter date range, or Excel or CSV.",
        _ => "Please try again; if it keeps failing, tell the bank's support.",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
