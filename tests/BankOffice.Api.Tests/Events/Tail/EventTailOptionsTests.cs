using System.Text;
using BankOffice.EventTail;
using Microsoft.Extensions.Configuration;

namespace BankOffice.Api.Tests.Events.Tail;

/// <summary>The consumer example's command line and printing, without a broker.</summary>
public sealed class EventTailOptionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Settings_NoArguments_TailsTheFiveStreamsOnTheConfiguredBrokerAfterTopicRenames()
    {
        var tail = TailOptions.Parse([]);
        var kafka = EventTailer.Settings(tail, Configuration(
            ("Kafka:BootstrapServers", "kafka-1:9092"),
            ("Kafka:Topics:account.events", "bank.accounts")));

        kafka.BootstrapServers.Should().Be("kafka-1:9092");
        kafka.ClientId.Should().Be("bankoffice-eventtail");
        EventTailer.Topics(tail, kafka).Should().Equal("bank.accounts", "account-updates", "transaction.events", "receivables.events", "period.events");
        tail.FromBeginning.Should().BeFalse();
        tail.Group.Should().BeNull();
        tail.Json.Should().BeFalse();
        tail.MaxEvents.Should().BeNull();
    }

    [Fact]
    public void Settings_CommandLine_WinsOverTheConfiguration()
    {
        var tail = TailOptions.Parse(
        [
            "--bootstrap", "127.0.0.1:9093", "--topic", "account.events", "--topic", "a,b", "--topic", "account.events",
            "--from-beginning", "--group", "ops", "--property", "api.version.request=false", "--property", "security.protocol = ssl",
            "--json", "--max", "5",
        ]);
        var kafka = EventTailer.Settings(tail, Configuration(
            ("Kafka:BootstrapServers", "kafka-1:9092"),
            ("Kafka:Properties:api.version.request", "true"),
            ("Kafka:Properties:socket.timeout.ms", "5000")));

        kafka.BootstrapServers.Should().Be("127.0.0.1:9093");
        EventTailer.Topics(tail, kafka).Should().Equal("account.events", "a", "b");
        kafka.Properties.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["api.version.request"] = "false",
            ["socket.timeout.ms"] = "5000",
            ["security.protocol"] = "ssl",
        });
        tail.FromBeginning.Should().BeTrue();
        tail.Group.Should().Be("ops");
        tail.Json.Should().BeTrue();
        tail.MaxEvents.Should().Be(5);
    }

    [Fact]
    public void Settings_NoBrokerAnywhere_ThrowsSayingWhereToSetOne()
    {
        var act = () => EventTailer.Settings(TailOptions.Parse([]), Configuration());

        act.Should().Throw<ArgumentException>().WithMessage("no Kafka brokers: pass --bootstrap HOST:PORT or set Kafka:BootstrapServers*");
    }

    [Theory]
    [InlineData("--property noequals", "--property wants KEY=VALUE, not 'noequals'")]
    [InlineData("--max 0", "--max wants a positive number, not '0'")]
    [InlineData("--topic", "--topic needs a value")]
    [InlineData("--group --json", "--group needs a value")]
    [InlineData("--follow", "unknown option '--follow'")]
    public void Parse_BadArguments_ThrowsAReadableMessage(string arguments, string message)
    {
        var act = () => TailOptions.Parse(arguments.Split(' '));

        act.Should().Throw<ArgumentException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void From_CurrentBrokerHeadersWithAValueThatIsNotJson_PrintsTheHeadersFieldsAndTheRawValue()
    {
        // A newer broker keeps the headers; a stray producer's text value is shown, not fatal.
        KeyValuePair<string, string>[] headers = [new("eventId", "e-1"), new("type", "BALANCE_CHANGED"), new("occurredAt", "2026-11-21T09:00:00.0000000+00:00")];

        var tailed = TailedEvent.From("account.events", 2, 41, null, Encoding.UTF8.GetBytes("hello"), headers);

        tailed.ToLine().Should().Be("account.events/2@41 key=(none) type=BALANCE_CHANGED eventId=e-1 occurredAt=2026-11-21T09:00:00.0000000+00:00 value=hello");
    }
}
