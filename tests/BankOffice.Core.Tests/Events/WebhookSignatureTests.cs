using BankOffice.Core.Events;

namespace BankOffice.Core.Tests.Events;

/// <summary>
/// The webhook signature receivers check: <c>t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>. The
/// expected values were computed outside .NET, e.g.
/// <c>printf '%s' "1763726400.$Body" | openssl dgst -sha256 -hmac whsec_known</c>.
/// </summary>
public class WebhookSignatureTests
{
    private const string Secret = "whsec_known";
    private const string Body = """{"id":"0192f5e4-0000-7000-8000-000000000001","event":"payment.received","data":{"amount":100.5}}""";

    // 2025-11-21T12:00:00Z is 1763726400 seconds after the Unix epoch.
    private static readonly DateTimeOffset SignedAt = new(2025, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void Sign_KnownSecretTimeAndBody_GivesTheOpenSslHmac()
    {
        WebhookSignature.Sign(Secret, SignedAt, Body)
            .Should().Be("t=1763726400,v1=8f3dc861e2201119fc98a2be356ce5b5845a5938b902547f82ca2e588a62a67e");
    }

    [Fact]
    public void Sign_NonAsciiBody_HashesItsUtf8Bytes()
    {
        WebhookSignature.Sign(Secret, SignedAt, """{"name":"Şirket Ödemesi 北京"}""")
            .Should().Be("t=1763726400,v1=62394ca863a271c657eb2a49ebfab8af60e83b72bdef5eea499bfdb8f764893a");
    }

    [Fact]
    public void Sign_SubSecondTime_UsesWholeUnixSeconds()
    {
        WebhookSignature.Sign(Secret, SignedAt.AddMilliseconds(999), Body).Should().StartWith("t=1763726400,");
    }

    [Fact]
    public void Verify_KnownHeaderWithinTolerance_True()
    {
        const string header = "t=1763726400,v1=8f3dc861e2201119fc98a2be356ce5b5845a5938b902547f82ca2e588a62a67e";

        WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(5), Tolerance).Should().BeTrue("exactly at the tolerance");
        WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(-5), Tolerance).Should().BeTrue("a receiver clock behind the sender's");
    }

    [Fact]
    public void Verify_OutsideTolerance_FalseEvenWithTheRightHmac()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(5).AddSeconds(1), Tolerance).Should().BeFalse("a replay 5 min 1 s later");
        WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(-5).AddSeconds(-1), Tolerance).Should().BeFalse();
    }

    [Fact]
    public void Verify_TamperedBody_False()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        WebhookSignature.Verify(Secret, header, Body.Replace("100.5", "900.5", StringComparison.Ordinal), SignedAt, Tolerance).Should().BeFalse();
        WebhookSignature.Verify(Secret, header, Body + " ", SignedAt, Tolerance).Should().BeFalse("even whitespace is part of the signed body");
    }

    [Fact]
    public void Verify_OtherSecret_False()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        // The HMAC of the same "t.body" with whsec_other (openssl) is 7170001a...; neither secret accepts the other's.
        WebhookSignature.Verify("whsec_other", header, Body, SignedAt, Tolerance).Should().BeFalse();
        WebhookSignature.Verify(Secret, "t=1763726400,v1=7170001a9280a515089ce3979fe08b7c3ef45b5012891d29192df5a09dba7a74", Body, SignedAt, Tolerance).Should().BeFalse();
        WebhookSignature.Verify("whsec_other", "t=1763726400,v1=7170001a9280a515089ce3979fe08b7c3ef45b5012891d29192df5a09dba7a74", Body, SignedAt, Tolerance).Should().BeTrue();
    }

    [Fact]
    public void Verify_TimestampChangedInTheHeader_False()
    {
        // Moving t forward to pass a receiver's tolerance breaks the HMAC, which covers t.
        const string header = "t=1763726700,v1=8f3dc861e2201119fc98a2be356ce5b5845a5938b902547f82ca2e588a62a67e";

        WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(5), Tolerance).Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1=8f3dc861e2201119fc98a2be356ce5b5845a5938b902547f82ca2e588a62a67e")]
    [InlineData("t=1763726400")]
    [InlineData("t=soon,v1=8f3dc861e2201119fc98a2be356ce5b5845a5938b902547f82ca2e588a62a67e")]
    public void Verify_MalformedHeader_False(string header)
    {
        WebhookSignature.Verify(Secret, header, Body, SignedAt, Tolerance).Should().BeFalse();
    }

    [Fact]
    public void Verify_SeveralSignatures_TrueWhenOneMatches()
    {
        // A receiver may be sent a header with more than one v1 (e.g. while a secret is being rotated).
        const string header = "t=1763726400,v1=7170001a9280a515089ce3979fe08b7c3ef45b5012891d29192df5a09dba7a74,v1=8f3dc861e2201119fc98a2be356ce5b5845a5938b902547f82ca2e588a62a67e";

        WebhookSignature.Verify(Secret, header, Body, SignedAt, Tolerance).Should().BeTrue();
    }

    [Fact]
    public void NewSecret_TwoCalls_PrefixedRandom32Bytes()
    {
        var first = WebhookSignature.NewSecret();
        var second = WebhookSignature.NewSecret();

        first.Should().MatchRegex("^whsec_[0-9a-f]{64}$");
        second.Should().MatchRegex("^whsec_[0-9a-f]{64}$").And.NotBe(first);
    }
}
