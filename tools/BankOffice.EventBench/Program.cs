using System.Diagnostics;
using System.Globalization;
using BankOffice.Api.Events;
using BankOffice.Api.Events.Kafka;
using BankOffice.Core.Events;
using BankOffice.Data;
using BankOffice.Data.Migrations;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// The outbox publisher benchmark. See README "Events" and scripts/bench.sh (`./bankoffice bench events`).
//
//   BankOffice.EventBench --connection CS [--messages 10000,100000] [--keys 100] [--publishers 1,2]
//                         [--batch 200] [--poll-ms 1000] [--rate 1000] [--seconds 10]
//
// Publishers: P OutboxPublishers, each with its own services, pool and producer (as P API instances),
// sending to a librdkafka mock cluster; each producer sends one warm-up message before its publisher
// starts (connection, producer id), so no run pays a producer's start-up.
// 1. Drain: N PENDING messages over K keys committed at once while P publishers run; messages/s = N /
//    time from that commit until none is PENDING. Latency there is the time each waited in the backlog.
// 2. Steady: messages arrive at R a second (a commit every 10 ms) for S seconds while P publishers run;
//    latency = published_at (written once the broker acknowledged the batch) - occurred_at (the commit).
// Every run checks that the topic holds exactly the messages sent (sum of high watermarks, less the
// warm-up messages). A warm-up drain of 2,000 messages runs first and is not reported.
// Knobs for investigations: EVENT_BENCH_ROUNDS=1 prints each round's claim/publish/record times;
// EVENT_BENCH_PROPERTIES='key=value;key=value' adds librdkafka properties to the producers.
// Exit codes: 0 ok, 1 a run failed or lost messages, 2 bad arguments.

return await Cli.RunAsync(args);

internal static class Cli
{
    private const string Usage = """
        Usage: BankOffice.EventBench --connection CS [--messages 10000,100000] [--keys 100] [--publishers 1,2]
                                     [--batch 200] [--poll-ms 1000] [--rate 1000] [--seconds 10]
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bench events: {e.Message}\n\n{Usage}");
            return 2;
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        await new SqlMigrator(NullLogger<SqlMigrator>.Instance).MigrateAsync(options.Connection);
        using var cluster = new MockCluster();
        Console.WriteLine($"Outbox publisher benchmark: librdkafka {KafkaNative.Version} mock cluster at {cluster.BootstrapServers} (1 broker, 4 partitions a topic), " +
                          $"{Environment.ProcessorCount} cores; batches of {options.Batch}, poll every {options.Poll.TotalMilliseconds} ms, {options.Keys} keys, acks=all, idempotent producer");

        // A warm-up drain (not reported): JIT, connection pools, EF's model and the producers' first
        // connections would otherwise land on the first measured run.
        await Runs.DrainAsync(options, cluster, 2_000, options.Publishers.Max());

        var failed = false;
        Console.WriteLine();
        Console.WriteLine("Drain: N messages already PENDING, P publishers until none is left (latency = time each waited in the backlog)");
        Console.WriteLine($"{"N",8} | {"P",2} | {"seconds",8} | {"msg/s",9} | {"p50 ms",8} | {"p95 ms",8} | {"p99 ms",8} | {"max ms",8} | on topic");
        Console.WriteLine(new string('-', 90));
        foreach (var n in options.Messages)
        {
            foreach (var p in options.Publishers)
            {
                var run = await Runs.DrainAsync(options, cluster, n, p);
                Console.WriteLine($"{n,8} | {p,2} | {run.Seconds,8:0.00} | {n / run.Seconds,9:0} | {run.Latency.P50,8:0} | {run.Latency.P95,8:0} | {run.Latency.P99,8:0} | {run.Latency.Max,8:0} | {run.OnTopic}{(run.OnTopic == n ? "" : "  LOST OR DUPLICATED")}");
                failed |= run.OnTopic != n;
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Steady: {options.Rate} messages/s committed (every 10 ms) for {options.Seconds} s while P publishers run (latency = commit to broker acknowledgement)");
        Console.WriteLine($"{"P",2} | {"sent",8} | {"p50 ms",8} | {"p95 ms",8} | {"p99 ms",8} | {"max ms",8} | on topic");
        Console.WriteLine(new string('-', 70));
        foreach (var p in options.Publishers)
        {
            var run = await Runs.SteadyAsync(options, cluster, p);
            Console.WriteLine($"{p,2} | {run.Sent,8} | {run.Latency.P50,8:0} | {run.Latency.P95,8:0} | {run.Latency.P99,8:0} | {run.Latency.Max,8:0} | {run.OnTopic}{(run.OnTopic == run.Sent ? "" : "  LOST OR DUPLICATED")}");
            failed |= run.OnTopic != run.Sent;
        }

        return failed ? 1 : 0;
    }
}

internal sealed record BenchOptions(string Connection, IReadOnlyList<int> Messages, int Keys, IReadOnlyList<int> Publishers, int Batch, TimeSpan Poll, int Rate, int Seconds)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        var known = new[] { "connection", "messages", "keys", "publishers", "batch", "poll-ms", "rate", "seconds" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"unknown option --{unknown}");
        }

        return new BenchOptions(
            values.TryGetValue("connection", out var connection) && connection.Length > 0 ? connection : throw new ArgumentException("--connection is required"),
            List(values.GetValueOrDefault("messages", "10000,100000"), "--messages"),
            Number(values.GetValueOrDefault("keys", "100"), "--keys"),
            List(values.GetValueOrDefault("publishers", "1,2"), "--publishers"),
            Number(values.GetValueOrDefault("batch", "200"), "--batch"),
            TimeSpan.FromMilliseconds(Number(values.GetValueOrDefault("poll-ms", "1000"), "--poll-ms")),
            Number(values.GetValueOrDefault("rate", "1000"), "--rate"),
            Number(values.GetValueOrDefault("seconds", "10"), "--seconds"));
    }

    private static int Number(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new ArgumentException($"{name} is a positive number");

    private static List<int> List(string text, string name) => text.Split(',').Select(t => Number(t, name)).ToList();
}

internal sealed record Percentiles(double P50, double P95, double P99, double Max);

internal sealed record RunResult(double Seconds, long Sent, long OnTopic, Percentiles Latency);

internal static class Runs
{
    public static async Task<RunResult> DrainAsync(BenchOptions options, MockCluster cluster, int messages, int publishers)
    {
        var topic = $"bench-drain-{messages}-{publishers}-{Guid.NewGuid():N}";
        await cluster.CreateTopicAsync(topic);
        await using var db = NpgsqlDataSource.Create(options.Connection);
        await ResetAsync(db);
        await using var running = await Publishers.StartAsync(options, cluster.BootstrapServers, topic, publishers);

        // One commit; the clock starts when it is visible to the (already running, warmed-up) publishers.
        await InsertAsync(db, messages, options.Keys, 0);
        var committed = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await WaitDrainedAsync(db, TimeSpan.FromMinutes(30));
        var seconds = clock.Elapsed.TotalSeconds;
        await running.StopAsync();
        return new RunResult(seconds, messages, cluster.Count(topic) - running.WarmUpMessages, await LatencyAsync(db, committed));
    }

    public static async Task<RunResult> SteadyAsync(BenchOptions options, MockCluster cluster, int publishers)
    {
        var topic = $"bench-steady-{publishers}-{Guid.NewGuid():N}";
        await cluster.CreateTopicAsync(topic);
        await using var db = NpgsqlDataSource.Create(options.Connection);
        await ResetAsync(db);
        long sent = 0;
        var warmUp = 0;
        await using (var running = await Publishers.StartAsync(options, cluster.BootstrapServers, topic, publishers))
        {
            warmUp = running.WarmUpMessages;
            var clock = Stopwatch.StartNew();

            // A commit every 10 ms, each with the messages due by then, so the rate holds even if a commit is late.
            var ticks = options.Seconds * 100;
            for (var tick = 1; tick <= ticks; tick++)
            {
                var due = (long)options.Rate * tick / 100;
                if (due > sent)
                {
                    await InsertAsync(db, (int)(due - sent), options.Keys, sent);
                    sent = due;
                }

                var wait = TimeSpan.FromMilliseconds(tick * 10) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            await WaitDrainedAsync(db, TimeSpan.FromMinutes(10));
        }

        return new RunResult(options.Seconds, sent, cluster.Count(topic) - warmUp, await LatencyAsync(db, null));
    }

    private static async Task ResetAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("TRUNCATE outbox_messages CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Messages numbered from <paramref name="offset"/> + 1, going round the keys, in one commit (sequence in that order).</summary>
    private static async Task InsertAsync(NpgsqlDataSource db, int count, int keys, long offset)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO outbox_messages (id, type, stream, schema_version, aggregate_type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at)
            SELECT gen_random_uuid(), 'credit.limit.changed', 'receivables.events', 1, 'customer', 'BENCH-' || (i % $3),
                   json_build_object('customerId', 'BENCH-' || (i % $3), 'oldLimit', 1000.0000, 'newLimit', 900.0000, 'currency', 'TRY', 'approvalId', 'APR-' || i),
                   now(), 'PENDING', 0, now()
            FROM generate_series($1 + 1, $1 + $2) AS i
            ORDER BY i
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)count });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)keys });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitDrainedAsync(NpgsqlDataSource db, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var command = db.CreateCommand("SELECT count(*) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE status = 'DEAD_LETTER') FROM outbox_messages");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (pending, dead) = (reader.GetInt64(0), reader.GetInt64(1));
            if (dead > 0)
            {
                throw new InvalidOperationException($"{dead} message(s) were dead-lettered.");
            }

            if (pending == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{pending} message(s) still PENDING after {timeout}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>published_at − occurred_at, or − <paramref name="since"/> when later (the drain's commit: a big insert takes a while).</summary>
    private static async Task<Percentiles> LatencyAsync(NpgsqlDataSource db, DateTimeOffset? since)
    {
        await using var command = db.CreateCommand("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY ms),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
            FROM (SELECT (extract(epoch FROM published_at - greatest(occurred_at, coalesce($1, occurred_at))) * 1000)::float8 AS ms
                  FROM outbox_messages WHERE status = 'SENT') AS l
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = since is { } at ? at : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Percentiles(reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
    }
}

/// <summary>P publishers as P API instances would run them: each its own services, database pool, producer and OutboxPublisher.</summary>
internal sealed class Publishers : IAsyncDisposable
{
    private readonly List<(ServiceProvider Services, IHostedService Publisher)> _running = [];
    private bool _stopped;

    /// <summary>One message each producer sent before its publisher started (its connection and producer id are then in place).</summary>
    public int WarmUpMessages => _running.Count;

    public static async Task<Publishers> StartAsync(BenchOptions options, string bootstrapServers, string topic, int count)
    {
        var publishers = new Publishers();
        for (var i = 1; i <= count; i++)
        {
            var services = new ServiceCollection();
            // EVENT_BENCH_ROUNDS=1 prints each publisher round's claim, publish and record times.
            var rounds = Environment.GetEnvironmentVariable("EVENT_BENCH_ROUNDS") == "1";
            services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                .AddFilter(typeof(OutboxPublisher).FullName, rounds ? LogLevel.Debug : LogLevel.Warning));
            services.AddBankOfficeData(_ => options.Connection);
            services.Configure<KafkaOptions>(o =>
            {
                o.BootstrapServers = bootstrapServers;
                o.ClientId = $"event-bench-{i}";
                o.Topics[EventStreams.Receivables] = topic;
                foreach (var pair in (Environment.GetEnvironmentVariable("EVENT_BENCH_PROPERTIES") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    o.Properties[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
                }
            });
            services.Configure<OutboxOptions>(o =>
            {
                o.BatchSize = options.Batch;
                o.PollInterval = options.Poll;
            });
            services.AddOutboxPublisher();
            var provider = services.BuildServiceProvider();
            var warmUp = Outbox.Create(EventTypes.CreditLimitChanged, "bench", "BENCH-WARM-UP", new { warmUp = i }, DateTimeOffset.UtcNow);
            var outcome = (await provider.GetRequiredService<IEventTransport>().PublishAsync([warmUp], CancellationToken.None)).Single();
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Warm-up publish failed: {outcome.Error}");
            }

            var publisher = provider.GetServices<IHostedService>().OfType<OutboxPublisher>().Single();
            await publisher.StartAsync(CancellationToken.None);
            publishers._running.Add((provider, publisher));
        }

        return publishers;
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var (services, publisher) in _running)
        {
            await publisher.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>librdkafka's mock cluster (STACK.md), alive as long as this admin client is.</summary>
internal sealed class MockCluster : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IAdminClient _owner;

    public MockCluster()
    {
        KafkaNative.EnsureLoaded();
        var config = new AdminClientConfig { BootstrapServers = "127.0.0.1:9" };
        config.Set("test.mock.num.brokers", "1");
        _owner = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
        var broker = _owner.GetMetadata(Timeout).Brokers.Single();
        BootstrapServers = $"{broker.Host}:{broker.Port}";
    }

    public string BootstrapServers { get; }

    /// <summary>
    /// Creates the topic up front (the mock creates a topic when its metadata is first asked for), so the
    /// first batch of a run does not also wait for that.
    /// </summary>
    public async Task CreateTopicAsync(string topic)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (_owner.GetMetadata(topic, Timeout).Topics.Single() is var metadata && (metadata.Error.IsError || metadata.Partitions.Count == 0 || metadata.Partitions.Any(p => p.Leader < 0)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Topic {topic} was not created within {Timeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Messages on the topic: the sum of its partitions' high watermarks.</summary>
    public long Count(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "event-bench" })
            .SetLogHandler((_, _) => { }).Build();
        return _owner.GetMetadata(topic, Timeout).Topics.Single().Partitions
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), Timeout).High.Value);
    }

    public void Dispose() => _owner.Dispose();
}
