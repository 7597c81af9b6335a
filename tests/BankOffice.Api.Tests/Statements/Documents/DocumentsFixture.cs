using System.Collections.Concurrent;
using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Statements;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankOffice.Api.Tests.Statements.Documents;

/// <summary>
/// The document services as the API registers them, with one Chromium shared by every test of the
/// collection (a browser start costs more than most prints). No database.
/// </summary>
public sealed class DocumentsFixture : IAsyncLifetime
{
    public const int Concurrency = 2;

    private ServiceProvider? _services;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("BANKOFFICE_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>What the services logged, with the structured values, so a test can read what the printer saw.</summary>
    public ConcurrentQueue<LogEntry> Logs { get; } = new();

    public IServiceProvider Services => _services!;

    public StatementWriters Writers => Services.GetRequiredService<StatementWriters>();

    public IReceiptRenderer Receipts => Services.GetRequiredService<IReceiptRenderer>();

    public IPdfPrinter Printer => Services.GetRequiredService<IPdfPrinter>();

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new CapturingLoggerProvider(Logs)));
        services.Configure<StatementOptions>(o =>
        {
            o.ChromiumPath = ChromiumPath;
            o.PdfConcurrency = Concurrency;
            o.BankName = "BankOffice Bank";
        });
        services.AddPdfDocuments();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            // Disposes the printer, which closes Chromium and Playwright's driver.
            await _services.DisposeAsync();
        }
    }

    public async Task<byte[]> WriteAsync(StatementData statement, StatementFormat format)
    {
        using var output = new MemoryStream();
        await Writers.For(format).WriteAsync(statement, output, CancellationToken.None);
        return output.ToArray();
    }

    public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);

    private sealed class CapturingLoggerProvider(ConcurrentQueue<LogEntry> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.ToDictionary(p => p.Key, p => p.Value)
                    : new Dictionary<string, object?>();
                entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), values));
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DocumentsCollection : ICollectionFixture<DocumentsFixture>
{
    public const string Name = "Documents (Chromium)";
}
