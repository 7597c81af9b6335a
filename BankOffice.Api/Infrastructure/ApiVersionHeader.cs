namespace BankOffice.Api.Infrastructure;

/// <summary>Adds <c>API-Version</c> (seed 003) to every response.</summary>
public static class ApiVersionHeader
{
    public const string HeaderName = "API-Version";

    public static IApplicationBuilder UseApiVersionHeader(this IApplicationBuilder app, string version) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = version;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
