using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Receivables;

namespace BankOffice.Core.Tests.Credit;

public class CreditApplicationTests
{
    private const string Submitter = "officer.ayse";
    private const string Decider = "director.mehmet";
    private static readonly Guid ApplicationId = Guid.Parse("6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b");
    private static readonly DateTimeOffset SubmittedAt = new(2024, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DecidedAt = new(2024, 1, 15, 14, 30, 0, TimeSpan.Zero);

    // Seed 003's decision example: effective 1 February, review 1 August.
    private static readonly DateOnly Effective = new(2024, 2, 1);
    private static readonly DateOnly Review = new(2024, 8, 1);

    private static CreditApplication Submit(decimal currentLimit = 500_000m, decimal requestedLimit = 1_000_000m, IReadOnlyList<TradeReference>? references = null) =>
        CreditApplication.Submit(ApplicationId, "CA-2024-000001", "C001234", Currency.TRY, currentLimit, requestedLimit, "  Business expansion \n",
            50_000_000m, 1.8m, 0.4m, references ?? [], Submitter, SubmittedAt);

    private static void Decide(CreditApplication application, CreditDecisionType decision, decimal? approvedLimit, string? notes = null,
        DateOnly? reviewDate = null, string decidedBy = Decider, IReadOnlyList<string>? conditions = null) =>
        application.Decide(decision, approvedLimit, conditions ?? [], Effective, reviewDate ?? Review, notes, decidedBy, DecidedAt);

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    private static void ShouldBeInvalid(Action act)
    {
        var refusal = Refusal(act);
        refusal.Code.Should().Be(ErrorCodes.ValidationError);
        refusal.Kind.Should().Be(DomainErrorKind.Validation);
    }

    [Fact]
    public void FormatNumber_YearAndSequence_PadsToSixDigits() =>
        CreditApplication.FormatNumber(2024, 42).Should().Be("CA-2024-000042");

    // ---- Submit ----

    [Fact]
    public void Submit_SeedExample_IsPendingAndUndecided()
    {
        var application = Submit();

        application.Id.Should().Be(ApplicationId);
        application.Status.Should().Be(CreditApplicationStatus.PENDING);
        application.CurrentLimit.Should().Be(500_000m);
        application.RequestedLimit.Should().Be(1_000_000m);
        application.Justification.Should().Be("Business expansion");
        application.AnnualRevenue.Should().Be(50_000_000m);
        application.CurrentRatio.Should().Be(1.8m);
        application.DebtRatio.Should().Be(0.4m);
        application.SubmittedBy.Should().Be(Submitter);
        application.SubmittedAt.Should().Be(SubmittedAt);
        application.DecidedBy.Should().BeNull();
        application.ApprovedLimit.Should().BeNull();
        application.EffectiveDate.Should().BeNull();
    }

    [Fact]
    public void Submit_TradeReferences_AreNumberedFromOneAndBelongToTheApplication()
    {
        TradeReference[] references =
        [
            new("  Supplier A ", " Mr Zhang ", "02-12345678"),
            new("Supplier B", "  ", null),
            new("Supplier C", null, " "),
        ];

        var application = Submit(references: references);

        application.TradeReferences.Select(r => (r.LineNo, r.ApplicationId, r.Company, r.Contact, r.Phone)).Should().Equal(
            (1, ApplicationId, "Supplier A", "Mr Zhang", "02-12345678"),
            (2, ApplicationId, "Supplier B", null, null),
            (3, ApplicationId, "Supplier C", null, null));
    }

    [Fact]
    public void Submit_RequestedEqualsCurrentLimit_IsRefused() =>
        ShouldBeInvalid(() => Submit(currentLimit: 750_000m, requestedLimit: 750_000m));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Submit_RequestedLimitNotPositive_IsRefused(int requested) =>
        ShouldBeInvalid(() => Submit(currentLimit: 0m, requestedLimit: requested));

    [Fact]
    public void Submit_RequestedLimitWithFiveDecimals_IsRefused() =>
        ShouldBeInvalid(() => Submit(requestedLimit: 1_000_000.00001m));

    // ---- Decide: maker-checker and once only ----

    [Theory]
    [InlineData(Submitter)]
    [InlineData("OFFICER.AYSE")]
    [InlineData("Officer.Ayse")]
    public void Decide_BySubmitterInAnyCase_IsForbiddenAsMakerCheckerViolation(string decidedBy)
    {
        var application = Submit();

        var refusal = Refusal(() => Decide(application, CreditDecisionType.APPROVED, null, decidedBy: decidedBy));

        refusal.Kind.Should().Be(DomainErrorKind.Forbidden);
        refusal.Code.Should().Be("MAKER_CHECKER_VIOLATION");
        application.Status.Should().Be(CreditApplicationStatus.PENDING);
        application.DecidedBy.Should().BeNull();
    }

    [Fact]
    public void Decide_AlreadyDecided_IsConflictAndKeepsTheFirstDecision()
    {
        var application = Submit();
        Decide(application, CreditDecisionType.APPROVED, 800_000m);

        var refusal = Refusal(() => Decide(application, CreditDecisionType.REJECTED, null, notes: "Changed my mind", decidedBy: "director.deniz"));

        refusal.Kind.Should().Be(DomainErrorKind.Conflict);
        refusal.Code.Should().Be("APPLICATION_ALREADY_DECIDED");
        application.Status.Should().Be(CreditApplicationStatus.APPROVED);
        application.ApprovedLimit.Should().Be(800_000m);
        application.DecidedBy.Should().Be(Decider);
    }

    // ---- Decide: the three decisions ----

    [Fact]
    public void Decide_ApprovedWithoutLimit_TakesTheRequestedLimit()
    {
        var application = Submit();

        Decide(application, CreditDecisionType.APPROVED, null, conditions: [" Personal guarantee required ", "", "  ", "Quarterly financial updates"]);

        application.Status.Should().Be(CreditApplicationStatus.APPROVED);
        application.ApprovedLimit.Should().Be(1_000_000m);
        application.Conditions.Should().Equal("Personal guarantee required", "Quarterly financial updates");
        application.EffectiveDate.Should().Be(Effective);
        application.ReviewDate.Should().Be(Review);
        application.DecisionNotes.Should().BeNull();
        application.DecidedBy.Should().Be(Decider);
        application.DecidedAt.Should().Be(DecidedAt);
    }

    [Fact]
    public void Decide_ApprovedWithLowerLimit_KeepsTheGivenLimit()
    {
        // Seed 003's example: 1,000,000 requested, 800,000 approved.
        var application = Submit();

        Decide(application, CreditDecisionType.APPROVED, 800_000m);

        application.Status.Should().Be(CreditApplicationStatus.APPROVED);
        application.ApprovedLimit.Should().Be(800_000m);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Decide_ApprovedWithLimitNotPositive_IsRefused(int limit) =>
        ShouldBeInvalid(() => Decide(Submit(), CreditDecisionType.APPROVED, limit));

    [Fact]
    public void Decide_ApprovedLimitWithFiveDecimals_IsRefused() =>
        ShouldBeInvalid(() => Decide(Submit(), CreditDecisionType.APPROVED, 800_000.00001m));

    [Theory]
    [InlineData(null)]
    [InlineData(1_000_000)] // the requested limit: that is an approval, not a counter-offer
    [InlineData(0)]
    [InlineData(1_200_000)] // more than asked for is not a counter-offer either
    public void Decide_CounterOfferWithoutALowerPositiveLimit_IsRefused(int? offered)
    {
        var application = Submit();

        ShouldBeInvalid(() => Decide(application, CreditDecisionType.COUNTER_OFFER, offered));
        application.Status.Should().Be(CreditApplicationStatus.PENDING);
    }

    [Fact]
    public void Decide_CounterOfferWithLowerLimit_RecordsTheOffer()
    {
        var application = Submit();

        Decide(application, CreditDecisionType.COUNTER_OFFER, 750_000m, notes: "  Revenue supports 750k ");

        application.Status.Should().Be(CreditApplicationStatus.COUNTER_OFFER);
        application.ApprovedLimit.Should().Be(750_000m);
        application.EffectiveDate.Should().Be(Effective);
        application.DecisionNotes.Should().Be("Revenue supports 750k");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Decide_RejectedWithoutNotes_IsRefused(string? notes) =>
        ShouldBeInvalid(() => Decide(Submit(), CreditDecisionType.REJECTED, null, notes: notes));

    [Fact]
    public void Decide_RejectedWithLimitAndDates_ClearsThem()
    {
        var application = Submit();

        Decide(application, CreditDecisionType.REJECTED, 800_000m, notes: " Debt ratio too high ");

        application.Status.Should().Be(CreditApplicationStatus.REJECTED);
        application.ApprovedLimit.Should().BeNull();
        application.EffectiveDate.Should().BeNull();
        application.ReviewDate.Should().BeNull();
        application.DecisionNotes.Should().Be("Debt ratio too high");
        application.DecidedBy.Should().Be(Decider);
    }

    // ---- Decide: dates ----

    [Theory]
    [InlineData(2024, 2, 1)] // the effective date itself
    [InlineData(2024, 1, 31)] // the day before
    public void Decide_ReviewDateNotAfterEffectiveDate_IsRefused(int year, int month, int day)
    {
        var application = Submit();

        ShouldBeInvalid(() => Decide(application, CreditDecisionType.APPROVED, null, reviewDate: new DateOnly(year, month, day)));
        application.Status.Should().Be(CreditApplicationStatus.PENDING);
    }

    [Fact]
    public void Decide_ReviewDateDayAfterEffectiveDate_IsAccepted()
    {
        var application = Submit();

        Decide(application, CreditDecisionType.APPROVED, null, reviewDate: new DateOnly(2024, 2, 2));

        application.ReviewDate.Should().Be(new DateOnly(2024, 2, 2));
    }

    [Fact]
    public void LinkLimitChange_Id_IsKept()
    {
        var application = Submit();
        var changeId = Guid.Parse("0b8e7d6c-5a4f-4321-9876-fedcba987654");

        application.LinkLimitChange(changeId);

        application.LimitChangeId.Should().Be(changeId);
    }
}
