namespace BankOffice.EventTail;

/// <summary>What to tail and how to print it; the command line overrides the <c>Kafka</c> settings.</summary>
public sealed record TailOptions
{
    public const string Usage = """
        Usage: BankOffice.EventTail [options]
               ./bankoffice events tail [options]

        Tails BankOffice's event topics and prints each event (topic, partition, offset, key, type,
        eventId, occurredAt, data) on one line, or as indented JSON with --json. Ctrl-C stops.
        Status and errors go to stderr, events to stdout.

        Options:
          --bootstrap HOST:PORT[,...]  brokers (default: Kafka:BootstrapServers of the configuration)
          --topic TOPIC                a topic to tail; repeat for several (default: the five streams'
                                       topics, after Kafka:Topics renames)
          --from-beginning             start at the oldest retained event (a --group that already
                                       committed offsets resumes from them instead)
          --group GROUP                consumer group; offsets are committed so the next run resumes.
                                       Without it a throwaway group is used and nothing is committed
          --property KEY=VALUE         any librdkafka property; repeat for several. A 0.9/0.10 broker
                                       needs api.version.request=false and broker.version.fallback=0.9.0.1
          --json                       one indented JSON object per event (with headers, when the
                                       broker keeps them)
          --max N                      stop after N events
          --config FILE                settings file (default: appsettings.json and appsettings.Local.json
                                       of the current directory, then Kafka__* environment variables)
          -h, --help                   this text

        Exit codes: 0 stopped (Ctrl-C or --max), 1 Kafka error, 2 bad arguments or no brokers configured.
        """;

    public string? Bootstrap { get; init; }

    /// <summary>Empty: every stream of <see cref="Core.Events.EventStreams.All"/>.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    public bool FromBeginning { get; init; }
    public string? Group { get; init; }
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
    public bool Json { get; init; }
    public int? MaxEvents { get; init; }
    public string? ConfigFile { get; init; }
    public bool Help { get; init; }

    /// <summary>Reads the command line; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static TailOptions Parse(IReadOnlyList<string> args)
    {
        var options = new TailOptions();
        var topics = new List<string>();
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help" or "help":
                    options = options with { Help = true };
                    break;
                case "--bootstrap":
                    options = options with { Bootstrap = Value(args, ref i) };
                    break;
                case "--topic":
                    topics.AddRange(Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--from-beginning":
                    options = options with { FromBeginning = true };
                    break;
                case "--group":
                    options = options with { Group = Value(args, ref i) };
                    break;
                case "--property":
                    var property = Value(args, ref i);
                    var equals = property.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ArgumentException($"--property wants KEY=VALUE, not '{property}'");
                    }

                    properties[property[..equals].Trim()] = property[(equals + 1)..].Trim();
                    break;
                case "--json":
                    options = options with { Json = true };
                    break;
                case "--max":
                    var max = Value(args, ref i);
                    options = options with
                    {
                        MaxEvents = int.TryParse(max, out var n) && n > 0 ? n : throw new ArgumentException($"--max wants a positive number, not '{max}'"),
                    };
                    break;
                case "--config":
                    options = options with { ConfigFile = Value(args, ref i) };
                    break;
                default:
                    throw new ArgumentException($"unknown option '{arg}'");
            }
        }

        return options with { Topics = topics.Distinct(StringComparer.Ordinal).ToList(), Properties = properties };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]) || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} needs a value");
        }

        i++;
        return args[i];
    }
}
