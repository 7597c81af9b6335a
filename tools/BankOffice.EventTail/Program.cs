using System.Runtime.InteropServices;
using BankOffice.Core.Events;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace BankOffice.EventTail;

// The consumer example (README "Consuming events"): ./bankoffice events tail [options], or
//   dotnet tools/BankOffice.EventTail/bin/Release/net10.0/BankOffice.EventTail.dll [options]
// See TailOptions.Usage for the options and exit codes.

/// <summary>Not top-level statements: the tests reference this tool and the API, whose own Program would clash.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        TailOptions tail;
        try
        {
            tail = TailOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"events tail: {e.Message}\n\n{TailOptions.Usage}");
            return 2;
        }

        if (tail.Help)
        {
            Console.WriteLine(TailOptions.Usage);
            return 0;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile(tail.ConfigFile ?? "appsettings.json", optional: tail.ConfigFile is null)
            .AddJsonFile("appsettings.Local.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

        KafkaOptions kafka;
        try
        {
            kafka = EventTailer.Settings(tail, configuration);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"events tail: {e.Message}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var topics = EventTailer.Topics(tail, kafka);
        Console.Error.WriteLine(
            $"events tail: {string.Join(", ", topics)} on {kafka.BootstrapServers}" +
            $" ({(tail.Group is null ? "no group" : "group " + tail.Group)}, {(tail.FromBeginning ? "from the beginning" : "new events only")}); Ctrl-C stops");
        try
        {
            var printed = await EventTailer.RunAsync(tail, kafka, Console.Out, Console.Error, stop.Token);
            Console.Error.WriteLine($"events tail: {printed} event(s)");
            return 0;
        }
        catch (Exception e) when (e is KafkaException or ArgumentException or InvalidOperationException or DllNotFoundException)
        {
            Console.Error.WriteLine($"events tail: {e.Message}");
            return 1;
        }
    }
}
