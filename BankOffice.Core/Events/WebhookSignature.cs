using System.Security.Cryptography;
using System.Text;

namespace BankOffice.Core.Events;

/// <summary>
/// Webhook signatures: header <c>BankOffice-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where hex is
/// HMAC-SHA256 over <c>"{t}.{body}"</c> with the subscription's secret. Signing the timestamp with the body
/// lets a receiver refuse replays older than its tolerance.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "BankOffice-Signature";
    public const string EventIdHeader = "BankOffice-Event-Id";
    public const string EventTypeHeader = "BankOffice-Event-Type";
    public const string DeliveryIdHeader = "BankOffice-Delivery-Id";

    public static string Sign(string secret, DateTimeOffset timestamp, string body)
    {
        var t = timestamp.ToUnixTimeSeconds();
        return $"t={t},v1={Compute(secret, t, body)}";
    }

    /// <summary>True when the header's HMAC matches the body and its timestamp is within the tolerance of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0] == "t" && long.TryParse(pair[1], out var seconds))
            {
                t = seconds;
            }
            else if (pair[0] == "v1")
            {
                signatures.Add(pair[1]);
            }
        }

        if (t is null || signatures.Count == 0 || (now - DateTimeOffset.FromUnixTimeSeconds(t.Value)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, t.Value, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    /// <summary>A new random secret (32 bytes, prefixed so it is recognisable in configs).</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string Compute(string secret, long t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
}
