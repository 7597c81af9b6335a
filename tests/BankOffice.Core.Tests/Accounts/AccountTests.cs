using BankOffice.Core.Accounts;
using BankOffice.Core.Common;

namespace BankOffice.Core.Tests.Accounts;

public class AccountTests
{
    private static readonly DateTimeOffset OpenedAt = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = OpenedAt.AddHours(2);
    private const string Opener = "teller.ayse";
    private const string Other = "manager.mehmet";

    private static Account OpenAccount(string name = "Ayşe Yılmaz", AccountType type = AccountType.CHECKING) =>
        Account.Open(AccountNumber.New(), Iban.Parse("TR330006100519786457841326"), "C000001", name, type, Currency.TRY, Opener, OpenedAt);

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    [Fact]
    public void Open_ValidInput_IsActiveWithZeroBalanceAndCreateEntry()
    {
        var number = AccountNumber.New();

        var account = Account.Open(number, Iban.Parse("TR330006100519786457841326"), "C000007", "  Ayşe Yılmaz ", AccountType.SAVINGS, Currency.EUR, Opener, OpenedAt);

        account.Id.Should().NotBeEmpty();
        account.Number.Should().Be(number.Value);
        account.Iban.Should().Be("TR330006100519786457841326");
        account.CustomerId.Should().Be("C000007");
        account.Name.Should().Be("Ayşe Yılmaz");
        account.Type.Should().Be(AccountType.SAVINGS);
        account.Currency.Should().Be(Currency.EUR);
        account.Status.Should().Be(AccountStatus.ACTIVE);
        account.Balance.Should().Be(0m);
        account.BalanceMoney.Should().Be(new Money(0m, Currency.EUR));
        account.CreatedAt.Should().Be(OpenedAt);
        account.UpdatedAt.Should().Be(OpenedAt);
        account.ClosedAt.Should().BeNull();

        var entry = account.History.Should().ContainSingle().Which;
        entry.Operation.Should().Be("CREATE");
        entry.AccountId.Should().Be(account.Id);
        entry.AccountNumber.Should().Be(number.Value);
        entry.PreviousBalance.Should().BeNull();
        entry.NewBalance.Should().Be(0m);
        entry.Actor.Should().Be(Opener);
        entry.CreatedAt.Should().Be(OpenedAt);
    }

    [Fact]
    public void Open_TwoAccounts_GetDifferentIds()
    {
        OpenAccount().Id.Should().NotBe(OpenAccount().Id);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("  ab  ")]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_NameTooShort_IsRefused(string name)
    {
        Refusal(() => OpenAccount(name)).Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Fact]
    public void Open_NameOf101Chars_IsRefused()
    {
        Refusal(() => OpenAccount(new string('a', 101))).Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100)]
    public void Open_NameAtLengthBoundary_IsAccepted(int length)
    {
        OpenAccount(new string('x', length)).Name.Should().HaveLength(length);
    }

    // The table of seed 004: ACTIVE <-> SUSPENDED, either -> CLOSED, CLOSED is final.
    [Theory]
    [InlineData(AccountStatus.ACTIVE, AccountStatus.ACTIVE, false)]
    [InlineData(AccountStatus.ACTIVE, AccountStatus.SUSPENDED, true)]
    [InlineData(AccountStatus.ACTIVE, AccountStatus.CLOSED, true)]
    [InlineData(AccountStatus.SUSPENDED, AccountStatus.ACTIVE, true)]
    [InlineData(AccountStatus.SUSPENDED, AccountStatus.SUSPENDED, false)]
    [InlineData(AccountStatus.SUSPENDED, AccountStatus.CLOSED, true)]
    [InlineData(AccountStatus.CLOSED, AccountStatus.ACTIVE, false)]
    [InlineData(AccountStatus.CLOSED, AccountStatus.SUSPENDED, false)]
    [InlineData(AccountStatus.CLOSED, AccountStatus.CLOSED, false)]
    public void CanTransition_EveryPair_FollowsTheStatusTable(AccountStatus from, AccountStatus to, bool allowed)
    {
        Account.CanTransition(from, to).Should().Be(allowed);
    }

    [Fact]
    public void Suspend_ThenReactivate_IsAllowedAndRecorded()
    {
        var account = OpenAccount();

        account.Suspend("  Fraud check  ", Other, Later);

        account.Status.Should().Be(AccountStatus.SUSPENDED);
        account.StatusReason.Should().Be("Fraud check");
        account.UpdatedAt.Should().Be(Later);

        account.Reactivate("Cleared", Opener, Later.AddDays(1));

        account.Status.Should().Be(AccountStatus.ACTIVE);
        account.StatusReason.Should().Be("Cleared");
        account.History.Select(h => h.Operation).Should().Equal("CREATE", "STATUS_CHANGE", "STATUS_CHANGE");
        account.History[1].Description.Should().Contain("ACTIVE").And.Contain("SUSPENDED").And.Contain("Fraud check");
        account.History[1].Actor.Should().Be(Other);
        account.History[1].CreatedAt.Should().Be(Later);
        account.History[2].Actor.Should().Be(Opener);
        account.History[2].CreatedAt.Should().Be(Later.AddDays(1));
    }

    [Fact]
    public void Close_ActiveAtZeroBalance_IsClosedWithClosedAt()
    {
        var account = OpenAccount();

        account.Close("Customer request", Other, Later);

        account.Status.Should().Be(AccountStatus.CLOSED);
        account.ClosedAt.Should().Be(Later);
        var entry = account.History[^1];
        entry.Operation.Should().Be("STATUS_CHANGE");
        entry.Actor.Should().Be(Other);
        entry.CreatedAt.Should().Be(Later);
    }

    [Fact]
    public void Close_SuspendedAtZeroBalance_IsAllowed()
    {
        var account = OpenAccount();
        account.Suspend("Dormant", Other, Later);

        account.Close("Dormant for a year", Other, Later.AddYears(1));

        account.Status.Should().Be(AccountStatus.CLOSED);
        account.ClosedAt.Should().Be(Later.AddYears(1));
    }

    [Fact]
    public void Close_NonZeroBalance_IsRefusedWithCurrentBalance()
    {
        var account = OpenAccount();
        account.ApplyBalanceChange(10.5m, "Deposit", Opener, Later);

        var ex = Refusal(() => account.Close("Customer request", Other, Later));

        ex.Code.Should().Be(ErrorCodes.NonZeroBalance);
        ex.Kind.Should().Be(DomainErrorKind.BusinessRule);
        ex.Details.Should().ContainKey("currentBalance").WhoseValue.Should().Be(10.5m);
        account.Status.Should().Be(AccountStatus.ACTIVE);
        account.ClosedAt.Should().BeNull();
    }

    [Fact]
    public void Close_SuspendedWithNegativeBalance_IsRefused()
    {
        var account = OpenAccount();
        account.ApplyBalanceChange(-3m, "Fee", Opener, Later);
        account.Suspend("Overdrawn", Other, Later);

        Refusal(() => account.Close("Write off", Other, Later)).Code.Should().Be(ErrorCodes.NonZeroBalance);
        account.Status.Should().Be(AccountStatus.SUSPENDED);
    }

    public static TheoryData<string, Action<Account>> ChangesOfAClosedAccount => new()
    {
        { "reactivate", a => a.Reactivate("Reopen", Other, Later) },
        { "suspend", a => a.Suspend("Freeze", Other, Later) },
        { "close", a => a.Close("Again", Other, Later) },
        { "update", a => a.Update("New name", AccountType.SAVINGS, Other, Later) },
    };

    [Theory]
    [MemberData(nameof(ChangesOfAClosedAccount))]
    public void StatusOrUpdate_ClosedAccount_IsRefusedWithAccountClosed(string change, Action<Account> act)
    {
        var account = OpenAccount();
        account.Close("Customer request", Other, OpenedAt.AddMinutes(1));
        var historyBefore = account.History.Count;

        Refusal(() => act(account)).Code.Should().Be(ErrorCodes.AccountClosed, change);

        account.Status.Should().Be(AccountStatus.CLOSED);
        account.History.Should().HaveCount(historyBefore);
    }

    [Fact]
    public void Suspend_AlreadySuspended_IsRefusedAsInvalidTransition()
    {
        var account = OpenAccount();
        account.Suspend("First", Other, Later);

        var ex = Refusal(() => account.Suspend("Second", Other, Later));

        ex.Code.Should().Be(ErrorCodes.InvalidStatusTransition);
        ex.Details["currentStatus"].Should().Be("SUSPENDED");
        ex.Details["requestedStatus"].Should().Be("SUSPENDED");
        account.History.Should().HaveCount(2);
    }

    [Fact]
    public void Reactivate_AlreadyActive_IsRefusedAsInvalidTransition()
    {
        var account = OpenAccount();

        Refusal(() => account.Reactivate("Why", Other, Later)).Code.Should().Be(ErrorCodes.InvalidStatusTransition);
        account.History.Should().ContainSingle();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Suspend_WithoutReason_IsRefused(string? reason)
    {
        var account = OpenAccount();

        Refusal(() => account.Suspend(reason!, Other, Later)).Code.Should().Be(ErrorCodes.ValidationError);
        account.Status.Should().Be(AccountStatus.ACTIVE);
    }

    [Fact]
    public void Close_WithoutReason_IsRefused()
    {
        var account = OpenAccount();

        Refusal(() => account.Close(" ", Other, Later)).Code.Should().Be(ErrorCodes.ValidationError);
        account.Status.Should().Be(AccountStatus.ACTIVE);
        account.ClosedAt.Should().BeNull();
    }

    [Fact]
    public void Suspend_ReasonOver500Chars_IsRefused()
    {
        var account = OpenAccount();

        Refusal(() => account.Suspend(new string('r', 501), Other, Later)).Code.Should().Be(ErrorCodes.ValidationError);
        account.Suspend(new string('r', 500), Other, Later);
        account.Status.Should().Be(AccountStatus.SUSPENDED);
    }

    [Fact]
    public void Update_NameAndType_ChangesThemAndRecordsUpdate()
    {
        var account = OpenAccount("Old Name", AccountType.CHECKING);
        account.ApplyBalanceChange(25m, "Deposit", Opener, OpenedAt);

        account.Update("New Name", AccountType.BUSINESS, Other, Later);

        account.Name.Should().Be("New Name");
        account.Type.Should().Be(AccountType.BUSINESS);
        account.UpdatedAt.Should().Be(Later);
        var entry = account.History[^1];
        entry.Operation.Should().Be("UPDATE");
        entry.Description.Should().Contain("Old Name").And.Contain("New Name").And.Contain("CHECKING").And.Contain("BUSINESS");
        entry.PreviousBalance.Should().Be(25m);
        entry.NewBalance.Should().Be(25m);
        entry.Actor.Should().Be(Other);
        entry.CreatedAt.Should().Be(Later);
    }

    [Fact]
    public void Update_NothingChanges_WritesNoEntry()
    {
        var account = OpenAccount("Same Name", AccountType.SAVINGS);

        account.Update("  Same Name ", AccountType.SAVINGS, Other, Later);

        account.History.Should().ContainSingle();
        account.UpdatedAt.Should().Be(OpenedAt);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("  x ")]
    public void Update_NameTooShort_IsRefusedAndKeepsName(string name)
    {
        var account = OpenAccount("Kept Name");

        Refusal(() => account.Update(name, AccountType.CHECKING, Other, Later)).Code.Should().Be(ErrorCodes.ValidationError);
        account.Name.Should().Be("Kept Name");
        account.History.Should().ContainSingle();
    }

    [Fact]
    public void Update_NameOf101Chars_IsRefused()
    {
        var account = OpenAccount();

        Refusal(() => account.Update(new string('n', 101), AccountType.CHECKING, Other, Later)).Code.Should().Be(ErrorCodes.ValidationError);
    }

    [Fact]
    public void ApplyBalanceChange_Active_RecordsPreviousAndNewBalance()
    {
        var account = OpenAccount();

        account.ApplyBalanceChange(100.25m, "Deposit", Opener, Later);
        account.ApplyBalanceChange(-40.0001m, "Withdrawal", Other, Later.AddMinutes(5));

        account.Balance.Should().Be(60.2499m);
        account.UpdatedAt.Should().Be(Later.AddMinutes(5));
        var deposit = account.History[1];
        deposit.Operation.Should().Be("UPDATE_BALANCE");
        deposit.PreviousBalance.Should().Be(0m);
        deposit.NewBalance.Should().Be(100.25m);
        deposit.Description.Should().Be("Deposit");
        deposit.Actor.Should().Be(Opener);
        deposit.CreatedAt.Should().Be(Later);
        var withdrawal = account.History[2];
        withdrawal.PreviousBalance.Should().Be(100.25m);
        withdrawal.NewBalance.Should().Be(60.2499m);
        withdrawal.Actor.Should().Be(Other);
        withdrawal.CreatedAt.Should().Be(Later.AddMinutes(5));
    }

    [Fact]
    public void ApplyBalanceChange_Suspended_IsRefusedWithAccountNotActive()
    {
        var account = OpenAccount();
        account.Suspend("Fraud check", Other, Later);

        var ex = Refusal(() => account.ApplyBalanceChange(5m, "Deposit", Opener, Later));

        ex.Code.Should().Be(ErrorCodes.AccountNotActive);
        ex.Message.Should().Be("Cannot update balance: Account is SUSPENDED");
        account.Balance.Should().Be(0m);
        account.History.Should().HaveCount(2);
    }

    [Fact]
    public void ApplyBalanceChange_Closed_IsRefusedWithAccountNotActive()
    {
        var account = OpenAccount();
        account.Close("Done", Other, Later);

        var ex = Refusal(() => account.ApplyBalanceChange(5m, "Deposit", Opener, Later));

        ex.Code.Should().Be(ErrorCodes.AccountNotActive);
        ex.Message.Should().Be("Cannot update balance: Account is CLOSED");
    }

    [Fact]
    public void ApplyBalanceChange_MoreThanFourDecimals_IsRefusedAndChangesNothing()
    {
        var account = OpenAccount();
        account.ApplyBalanceChange(1m, "Deposit", Opener, OpenedAt);

        Refusal(() => account.ApplyBalanceChange(0.00001m, "Dust", Opener, Later)).Code.Should().Be(ErrorCodes.ValidationError);

        account.Balance.Should().Be(1m);
        account.UpdatedAt.Should().Be(OpenedAt);
        account.History.Should().HaveCount(2);
    }

    [Fact]
    public void ApplyBalanceChange_BeyondNumeric19_4_IsRefused()
    {
        var account = OpenAccount();
        account.ApplyBalanceChange(999_999_999_999_999.9999m, "Max", Opener, Later);

        Refusal(() => account.ApplyBalanceChange(0.0001m, "One more", Opener, Later)).Code.Should().Be(ErrorCodes.ValidationError);
        account.Balance.Should().Be(999_999_999_999_999.9999m);
    }

    [Fact]
    public void History_LongDescription_IsCutTo500Chars()
    {
        var account = OpenAccount();

        account.ApplyBalanceChange(1m, new string('d', 600), Opener, Later);

        account.History[^1].Description.Should().HaveLength(500);
    }

    [Theory]
    [InlineData(AccountType.SAVINGS, AccountType.LOAN)]
    [InlineData(AccountType.LOAN, AccountType.CHECKING)]
    public void Update_ToOrFromLoanWithABalance_IsRefusedAndChangesNothing(AccountType from, AccountType to)
    {
        // A LOAN's balance is what is owed (zero or negative), a deposit's is zero or positive: a
        // balance cannot change meaning in place.
        var account = OpenAccount(type: from);
        account.ApplyBalanceChange(from == AccountType.LOAN ? -50m : 50m, "Movement", Opener, OpenedAt);

        Refusal(() => account.Update(account.Name, to, Other, Later)).Code.Should().Be(ErrorCodes.AccountTypeChangeRefused);

        account.Type.Should().Be(from);
    }

    [Fact]
    public void Update_ToLoanAtZeroBalance_IsAllowed()
    {
        var account = OpenAccount(type: AccountType.SAVINGS);

        account.Update(account.Name, AccountType.LOAN, Other, Later);

        account.Type.Should().Be(AccountType.LOAN);
    }
}
