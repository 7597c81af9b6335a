using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankOffice.Api.Ledger;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using static BankOffice.Api.Tests.Ledger.LedgerApi;

namespace BankOffice.Api.Tests.Ledger;

/// <summary>Deposits, withdrawals, generic credits and debits, transfers and seed 004's balance update, over the real host and PostgreSQL.</summary>
public sealed class PostingEndpointsTests(ApiFactory factory) : LedgerTestBase(factory)
{
    // ---- one-account postings ----

    [Theory]
    [InlineData("deposit", 1, "CASH")]
    [InlineData("credit", 1, "CLEARING")]
    [InlineData("withdrawal", -1, "CASH")]
    [InlineData("debit", -1, "CLEARING")]
    public async Task Post_OneAccountOperation_MovesBalanceAndWritesBalancedEntryAgainstInternalAccount(string operation, int sign, string internalKind)
    {
        var (teller, account) = await TellerWithAccountAsync(currency: Currency.EUR);
        await DepositAsync(teller, account.AccountNumber, 500m);
        const decimal amount = 123.4567m;

        var posted = await MoveAsync(teller, operation, account.AccountNumber, amount).CreatedAsync();

        var expectedBalance = 500m + sign * amount;
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(expectedBalance);
        posted.Amount.Should().Be(amount);
        posted.Currency.Should().Be(Currency.EUR);
        posted.Kind.Should().Be(Enum.Parse<EntryKind>(operation, ignoreCase: true));
        posted.ValueDate.Should().Be(Today);
        posted.Actor.Should().EndWith("@test.local");
        posted.Lines.Should().HaveCount(2);
        posted.Lines.Should().ContainSingle(l => l.AccountNumber == account.AccountNumber).Which.Should().Be(
            new TransactionLineDto(account.AccountNumber, null, Currency.EUR, sign * amount, expectedBalance));
        posted.Lines.Should().ContainSingle(l => l.LedgerAccount != null).Which.Should().Be(
            new TransactionLineDto(null, $"{internalKind}-EUR", Currency.EUR, -sign * amount, null));

        // What is stored, read back from the database.
        var stored = await Factory.LinesOfEntryAsync(posted.TransactionId);
        stored.Sum(l => l.Amount).Should().Be(0m, "every entry sums to zero");
        stored.Should().HaveCount(2);
        stored.Single(l => l.AccountNumber == account.AccountNumber).BalanceAfter.Should().Be(expectedBalance);
        stored.Single(l => l.LedgerCode == $"{internalKind}-EUR").BalanceAfter.Should().BeNull("internal accounts keep no running balance");
        (await Factory.HistoryCountAsync(account.AccountNumber)).Should().Be(2, "the funding deposit and this posting each wrote an account history row");
    }

    [Fact]
    public async Task Deposit_ResponseHasLocationOfTheEntry()
    {
        var (teller, account) = await TellerWithAccountAsync();

        using var response = await MoveAsync(teller, "deposit", account.AccountNumber, 10m);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var posted = (await response.Content.ReadFromJsonAsync<TransactionDto>(ApiFactory.Json))!;
        response.Headers.Location!.ToString().Should().Be($"/api/v1/transactions/{posted.TransactionId}");
        response.Headers.Contains("Idempotent-Replayed").Should().BeFalse("a first answer is not a replay");
    }

    [Fact]
    public async Task Withdrawal_BeyondBalance_Returns400InsufficientBalanceWithDetailsAndWritesNothing()
    {
        var (teller, account) = await TellerWithAccountAsync();
        await DepositAsync(teller, account.AccountNumber, 100m);
        var entriesBefore = await Factory.EntryCountAsync();

        using var response = await MoveAsync(teller, "withdrawal", account.AccountNumber, 150.25m);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.InsufficientBalance);
        var details = problem.GetProperty("details");
        details.GetProperty("accountNumber").GetString().Should().Be(account.AccountNumber);
        details.GetProperty("currentBalance").GetDecimal().Should().Be(100m);
        details.GetProperty("requestedAmount").GetDecimal().Should().Be(-150.25m);
        details.GetProperty("shortfall").GetDecimal().Should().Be(50.25m);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(100m);
        (await Factory.EntryCountAsync()).Should().Be(entriesBefore);
        (await Factory.HistoryCountAsync(account.AccountNumber)).Should().Be(1);
    }

    [Fact]
    public async Task Withdrawal_OfTheWholeBalance_LeavesExactlyZero()
    {
        var (teller, account) = await TellerWithAccountAsync();
        await DepositAsync(teller, account.AccountNumber, 77.7777m);

        var posted = await MoveAsync(teller, "withdrawal", account.AccountNumber, 77.7777m).CreatedAsync();

        posted.Lines.Single(l => l.AccountNumber == account.AccountNumber).BalanceAfter.Should().Be(0m);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(0m);
    }

    [Theory]
    [InlineData(AccountStatus.SUSPENDED, ErrorCodes.AccountNotActive)]
    [InlineData(AccountStatus.CLOSED, ErrorCodes.AccountClosed)]
    public async Task Deposit_AccountNotActive_Returns400WithSeed004MessageAndWritesNothing(AccountStatus status, string code)
    {
        var (teller, account) = await TellerWithAccountAsync();
        using var changed = status == AccountStatus.SUSPENDED
            ? await teller.PostAsJsonAsync($"/api/v1/accounts/{account.AccountNumber}/suspend", new AccountStatusRequest { Reason = "Under review" })
            : await teller.DeleteAsync($"/api/v1/accounts/{account.AccountNumber}");
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        foreach (var operation in new[] { "deposit", "withdrawal", "credit", "debit" })
        {
            using var response = await MoveAsync(teller, operation, account.AccountNumber, 10m);

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);
            problem.GetProperty("detail").GetString().Should().Be($"Cannot update balance: Account is {status}", operation);
        }

        (await Factory.EntryCountOfAccountAsync(account.AccountNumber)).Should().Be(0);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(0m);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10.12345")]
    [InlineData("1000000000000000")]
    public async Task Deposit_InvalidAmount_Returns400AndWritesNothing(string amount)
    {
        var (teller, account) = await TellerWithAccountAsync();
        var entriesBefore = await Factory.EntryCountAsync();

        using var response = await MoveAsync(teller, "deposit", account.AccountNumber, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.InvalidAmount);
        (await Factory.EntryCountAsync()).Should().Be(entriesBefore);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(0m);
    }

    [Fact]
    public async Task Deposit_MissingAmount_Returns400ValidationError()
    {
        var (teller, account) = await TellerWithAccountAsync();

        using var response = await PostAsync(teller, "deposit", new { accountNumber = account.AccountNumber });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        problem.GetProperty("errors").TryGetProperty("amount", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Deposit_UnknownAccount_Returns404AccountNotFound()
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        var entriesBefore = await Factory.EntryCountAsync();

        using var response = await MoveAsync(teller, "deposit", $"ACC-{Guid.NewGuid()}", 10m);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.AccountNotFound);
        (await Factory.EntryCountAsync()).Should().Be(entriesBefore);
    }

    [Fact]
    public async Task Deposit_FutureValueDate_Returns400AndWritesNothing()
    {
        var (teller, account) = await TellerWithAccountAsync();

        using var response = await MoveAsync(teller, "deposit", account.AccountNumber, 10m, valueDate: Today.AddDays(2));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        (await Factory.EntryCountOfAccountAsync(account.AccountNumber)).Should().Be(0);
    }

    [Fact]
    public async Task Deposit_PastValueDate_IsKeptOnTheEntry()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var valueDate = Today.AddDays(-3);

        var posted = await DepositAsync(teller, account.AccountNumber, 10m, valueDate);

        posted.ValueDate.Should().Be(valueDate);
    }

    [Theory]
    [InlineData("deposit")]
    [InlineData("withdrawal")]
    [InlineData("credit")]
    [InlineData("debit")]
    public async Task Post_AsCustomerOnOwnAccount_Returns403AndWritesNothing(string operation)
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        var (customerId, customer) = await Factory.CustomerClientAsync();
        using var __ = customer;
        var account = await OpenAsync(teller, customerId);
        await DepositAsync(teller, account.AccountNumber, 100m);

        using var response = await MoveAsync(customer, operation, account.AccountNumber, 10m);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(100m);
        (await Factory.EntryCountOfAccountAsync(account.AccountNumber)).Should().Be(1);
    }

    [Fact]
    public async Task Deposit_AsCreditOfficerWithoutPaymentProcess_Returns403()
    {
        var (teller, account) = await TellerWithAccountAsync();
        using var officer = await Factory.ClientForRoleAsync(Roles.CreditOfficer);

        using var response = await MoveAsync(officer, "deposit", account.AccountNumber, 10m);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Factory.EntryCountOfAccountAsync(account.AccountNumber)).Should().Be(0);
    }

    // ---- LOAN ----

    [Fact]
    public async Task Debit_OnLoanAccount_DrawsDownBelowZero_AndRepaymentAboveZeroIsLoanOverpayment()
    {
        var (teller, loan) = await TellerWithAccountAsync(AccountType.LOAN);

        var drawdown = await MoveAsync(teller, "debit", loan.AccountNumber, 1000m).CreatedAsync();
        var repayment = await MoveAsync(teller, "credit", loan.AccountNumber, 400m).CreatedAsync();
        using var overpayment = await MoveAsync(teller, "credit", loan.AccountNumber, 600.01m);

        drawdown.Lines.Single(l => l.AccountNumber == loan.AccountNumber).BalanceAfter.Should().Be(-1000m);
        repayment.Lines.Single(l => l.AccountNumber == loan.AccountNumber).BalanceAfter.Should().Be(-600m);
        var problem = await overpayment.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.LoanOverpayment);
        var details = problem.GetProperty("details");
        details.GetProperty("accountNumber").GetString().Should().Be(loan.AccountNumber);
        details.GetProperty("outstanding").GetDecimal().Should().Be(600m);
        details.GetProperty("requestedAmount").GetDecimal().Should().Be(600.01m);
        details.GetProperty("excess").GetDecimal().Should().Be(0.01m);
        (await Factory.BalanceAsync(loan.AccountNumber)).Should().Be(-600m);
        (await Factory.EntryCountOfAccountAsync(loan.AccountNumber)).Should().Be(2);
    }

    [Fact]
    public async Task Credit_RepayingLoanExactly_LeavesZero()
    {
        var (teller, loan) = await TellerWithAccountAsync(AccountType.LOAN);
        await MoveAsync(teller, "debit", loan.AccountNumber, 250.5m).CreatedAsync();

        await MoveAsync(teller, "credit", loan.AccountNumber, 250.5m).CreatedAsync();

        (await Factory.BalanceAsync(loan.AccountNumber)).Should().Be(0m);
    }

    [Fact]
    public async Task Deposit_OnFreshLoanAccount_IsLoanOverpayment()
    {
        var (teller, loan) = await TellerWithAccountAsync(AccountType.LOAN);

        using var response = await MoveAsync(teller, "deposit", loan.AccountNumber, 1m);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.LoanOverpayment);
        (await Factory.BalanceAsync(loan.AccountNumber)).Should().Be(0m);
    }

    [Fact]
    public async Task Transfer_ByStaffFromLoanToChecking_DrawsTheLoan()
    {
        var (teller, loan) = await TellerWithAccountAsync(AccountType.LOAN);
        var checking = await OpenAsync(teller, loan.CustomerId);

        await TransferAsync(teller, loan.AccountNumber, checking.AccountNumber, 300m).CreatedAsync();

        (await Factory.BalanceAsync(loan.AccountNumber)).Should().Be(-300m);
        (await Factory.BalanceAsync(checking.AccountNumber)).Should().Be(300m);
    }

    // ---- transfers ----

    [Fact]
    public async Task Transfer_BetweenTwoAccounts_MovesMoneyWithOneBalancedEntry()
    {
        var (teller, from) = await TellerWithAccountAsync(currency: Currency.USD);
        var to = await OpenAsync(teller, await Factory.CreateCustomerAsync(), currency: Currency.USD);
        await DepositAsync(teller, from.AccountNumber, 200m);
        await DepositAsync(teller, to.AccountNumber, 5m);

        var posted = await TransferAsync(teller, from.AccountNumber, to.AccountNumber, 75.5m).CreatedAsync();

        posted.Kind.Should().Be(EntryKind.TRANSFER);
        posted.Amount.Should().Be(75.5m);
        posted.Lines.Should().BeEquivalentTo(new[]
        {
            new TransactionLineDto(from.AccountNumber, null, Currency.USD, -75.5m, 124.5m),
            new TransactionLineDto(to.AccountNumber, null, Currency.USD, 75.5m, 80.5m),
        });
        (await Factory.BalanceAsync(from.AccountNumber)).Should().Be(124.5m);
        (await Factory.BalanceAsync(to.AccountNumber)).Should().Be(80.5m);
        (await Factory.LinesOfEntryAsync(posted.TransactionId)).Sum(l => l.Amount).Should().Be(0m);
    }

    [Fact]
    public async Task Transfer_BeyondBalance_Returns400InsufficientBalanceAndMovesNothing()
    {
        var (teller, from) = await TellerWithAccountAsync();
        var to = await OpenAsync(teller, from.CustomerId);
        await DepositAsync(teller, from.AccountNumber, 20m);

        using var response = await TransferAsync(teller, from.AccountNumber, to.AccountNumber, 20.0001m);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.InsufficientBalance);
        problem.GetProperty("details").GetProperty("shortfall").GetDecimal().Should().Be(0.0001m);
        (await Factory.BalanceAsync(from.AccountNumber)).Should().Be(20m);
        (await Factory.BalanceAsync(to.AccountNumber)).Should().Be(0m);
        (await Factory.EntryCountOfAccountAsync(to.AccountNumber)).Should().Be(0);
    }

    [Fact]
    public async Task Transfer_AcrossCurrencies_Returns400CurrencyMismatch()
    {
        var (teller, from) = await TellerWithAccountAsync(currency: Currency.TRY);
        var to = await OpenAsync(teller, from.CustomerId, currency: Currency.EUR);
        await DepositAsync(teller, from.AccountNumber, 100m);

        using var response = await TransferAsync(teller, from.AccountNumber, to.AccountNumber, 10m);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.CurrencyMismatch);
        problem.GetProperty("details").GetProperty("fromCurrency").GetString().Should().Be("TRY");
        problem.GetProperty("details").GetProperty("toCurrency").GetString().Should().Be("EUR");
        (await Factory.BalanceAsync(from.AccountNumber)).Should().Be(100m);
        (await Factory.EntryCountOfAccountAsync(to.AccountNumber)).Should().Be(0);
    }

    [Fact]
    public async Task Transfer_ToTheSameAccount_Returns400SameAccount()
    {
        var (teller, account) = await TellerWithAccountAsync();
        await DepositAsync(teller, account.AccountNumber, 100m);

        using var byNumber = await TransferAsync(teller, account.AccountNumber, account.AccountNumber, 10m);
        using var byIban = await PostAsync(teller, "transfer", new TransferRequest { FromAccountNumber = account.AccountNumber, ToIban = account.Iban, Amount = 10m });

        await byNumber.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.SameAccount);
        await byIban.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.SameAccount);
        (await Factory.EntryCountOfAccountAsync(account.AccountNumber)).Should().Be(1);
    }

    [Fact]
    public async Task Transfer_ToIbanCompactOrPrinted_CreditsTheAccountWithThatIban()
    {
        var (teller, from) = await TellerWithAccountAsync();
        var to = await OpenAsync(teller, await Factory.CreateCustomerAsync());
        await DepositAsync(teller, from.AccountNumber, 100m);
        var printed = Iban.Parse(to.Iban).ToPrintString();
        printed.Should().Contain(" ");

        var compact = await PostAsync(teller, "transfer", new TransferRequest { FromAccountNumber = from.AccountNumber, ToIban = to.Iban, Amount = 10m }).CreatedAsync();
        var spaced = await PostAsync(teller, "transfer", new TransferRequest { FromAccountNumber = from.AccountNumber, ToIban = printed.ToLowerInvariant(), Amount = 15m }).CreatedAsync();

        compact.Lines.Should().Contain(l => l.AccountNumber == to.AccountNumber && l.Amount == 10m);
        spaced.Lines.Should().Contain(l => l.AccountNumber == to.AccountNumber && l.Amount == 15m);
        (await Factory.BalanceAsync(to.AccountNumber)).Should().Be(25m);
        (await Factory.BalanceAsync(from.AccountNumber)).Should().Be(75m);
    }

    [Fact]
    public async Task Transfer_ToUnknownAccountOrIban_Returns404AndMovesNothing()
    {
        var (teller, from) = await TellerWithAccountAsync();
        await DepositAsync(teller, from.AccountNumber, 100m);

        using var byNumber = await TransferAsync(teller, from.AccountNumber, $"ACC-{Guid.NewGuid()}", 10m);
        using var byIban = await PostAsync(teller, "transfer", new TransferRequest { FromAccountNumber = from.AccountNumber, ToIban = UnknownIban(), Amount = 10m });
        using var fromUnknown = await TransferAsync(teller, $"ACC-{Guid.NewGuid()}", from.AccountNumber, 10m);

        await byNumber.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.AccountNotFound);
        await byIban.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.AccountNotFound);
        await fromUnknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.AccountNotFound);
        (await Factory.BalanceAsync(from.AccountNumber)).Should().Be(100m);
    }

    [Fact]
    public async Task Transfer_InvalidIban_Returns400InvalidIban()
    {
        var (teller, from) = await TellerWithAccountAsync();

        using var response = await PostAsync(teller, "transfer", new TransferRequest { FromAccountNumber = from.AccountNumber, ToIban = "TR000006200000000000000001", Amount = 1m });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidIban);
    }

    [Fact]
    public async Task Transfer_BothOrNeitherTarget_Returns400()
    {
        var (teller, from) = await TellerWithAccountAsync();
        var to = await OpenAsync(teller, from.CustomerId);

        using var both = await PostAsync(teller, "transfer", new TransferRequest { FromAccountNumber = from.AccountNumber, ToAccountNumber = to.AccountNumber, ToIban = to.Iban, Amount = 1m });
        using var neither = await PostAsync(teller, "transfer", new TransferRequest { FromAccountNumber = from.AccountNumber, Amount = 1m });

        await both.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        await neither.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task Transfer_ToSuspendedAccount_IsRefusedWithSeed004Message()
    {
        var (teller, from) = await TellerWithAccountAsync();
        var to = await OpenAsync(teller, from.CustomerId);
        await DepositAsync(teller, from.AccountNumber, 100m);
        (await teller.PostAsJsonAsync($"/api/v1/accounts/{to.AccountNumber}/suspend", new AccountStatusRequest { Reason = "Frozen" })).EnsureSuccessStatusCode();

        using var response = await TransferAsync(teller, from.AccountNumber, to.AccountNumber, 10m);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.AccountNotActive);
        problem.GetProperty("detail").GetString().Should().Be("Cannot update balance: Account is SUSPENDED");
        (await Factory.BalanceAsync(from.AccountNumber)).Should().Be(100m);
    }

    [Fact]
    public async Task Transfer_AsCustomerFromOwnAccount_MovesMoneyToAnotherCustomer()
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        var (customerId, customer) = await Factory.CustomerClientAsync();
        using var __ = customer;
        var own = await OpenAsync(teller, customerId);
        var someoneElses = await OpenAsync(teller, await Factory.CreateCustomerAsync());
        await DepositAsync(teller, own.AccountNumber, 60m);

        var posted = await TransferAsync(customer, own.AccountNumber, someoneElses.AccountNumber, 25m).CreatedAsync();

        (await Factory.BalanceAsync(own.AccountNumber)).Should().Be(35m);
        (await Factory.BalanceAsync(someoneElses.AccountNumber)).Should().Be(25m);
        posted.Lines.Single(l => l.AccountNumber == own.AccountNumber).BalanceAfter.Should().Be(35m);
        posted.Lines.Single(l => l.AccountNumber == someoneElses.AccountNumber).BalanceAfter.Should().BeNull("a customer never sees another customer's balance");
    }

    [Fact]
    public async Task Transfer_AsCustomerFromSomeoneElsesAccount_Returns403AndMovesNothing()
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        var (customerId, customer) = await Factory.CustomerClientAsync();
        using var __ = customer;
        var own = await OpenAsync(teller, customerId);
        var someoneElses = await OpenAsync(teller, await Factory.CreateCustomerAsync());
        await DepositAsync(teller, someoneElses.AccountNumber, 60m);

        using var response = await TransferAsync(customer, someoneElses.AccountNumber, own.AccountNumber, 25m);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Factory.BalanceAsync(someoneElses.AccountNumber)).Should().Be(60m);
        (await Factory.BalanceAsync(own.AccountNumber)).Should().Be(0m);
    }

    [Fact]
    public async Task Transfer_AsCustomerFromOwnLoan_Returns403()
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        var (customerId, customer) = await Factory.CustomerClientAsync();
        using var __ = customer;
        var loan = await OpenAsync(teller, customerId, AccountType.LOAN);
        var own = await OpenAsync(teller, customerId);

        using var response = await TransferAsync(customer, loan.AccountNumber, own.AccountNumber, 25m);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Factory.BalanceAsync(loan.AccountNumber)).Should().Be(0m);
    }

    // ---- PUT /accounts/{n}/balance (seed 004) ----

    [Fact]
    public async Task UpdateBalance_PositiveThenNegative_ReturnsSeed004ShapeWithCreditThenDebit()
    {
        var (teller, account) = await TellerWithAccountAsync();

        using var credit = await SendAsync(teller, HttpMethod.Put, $"/api/v1/accounts/{account.AccountNumber}/balance", new BalanceUpdateRequest { Amount = 250.75m, Description = "Correction" });
        using var debit = await SendAsync(teller, HttpMethod.Put, $"/api/v1/accounts/{account.AccountNumber}/balance", new BalanceUpdateRequest { Amount = -50.5m });

        var first = await ReadBalanceUpdateAsync(credit);
        var second = await ReadBalanceUpdateAsync(debit);
        first.GetProperty("accountNumber").GetString().Should().Be(account.AccountNumber);
        first.GetProperty("previousBalance").GetDecimal().Should().Be(0m);
        first.GetProperty("newBalance").GetDecimal().Should().Be(250.75m);
        first.GetProperty("amount").GetDecimal().Should().Be(250.75m);
        first.GetProperty("operation").GetString().Should().Be("CREDIT");
        second.GetProperty("previousBalance").GetDecimal().Should().Be(250.75m);
        second.GetProperty("newBalance").GetDecimal().Should().Be(200.25m);
        second.GetProperty("amount").GetDecimal().Should().Be(-50.5m);
        second.GetProperty("operation").GetString().Should().Be("DEBIT");
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(200.25m);

        // Each update is a ledger entry against clearing.
        var creditLines = await Factory.LinesOfEntryAsync(first.GetProperty("transactionId").GetGuid());
        creditLines.Select(l => (l.AccountNumber, l.LedgerCode, l.Amount)).Should().BeEquivalentTo(new[] { (account.AccountNumber, (string?)null, 250.75m), (null, "CLEARING-TRY", -250.75m) });
        var debitEntry = await teller.GetFromJsonAsync<TransactionDto>($"{Transactions}/{second.GetProperty("transactionId").GetGuid()}", ApiFactory.Json);
        debitEntry!.Kind.Should().Be(EntryKind.DEBIT);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00001")]
    public async Task UpdateBalance_InvalidAmount_Returns400AndWritesNothing(string amount)
    {
        var (teller, account) = await TellerWithAccountAsync();

        using var response = await SendAsync(teller, HttpMethod.Put, $"/api/v1/accounts/{account.AccountNumber}/balance",
            new BalanceUpdateRequest { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.InvalidAmount);
        (await Factory.EntryCountOfAccountAsync(account.AccountNumber)).Should().Be(0);
    }

    [Fact]
    public async Task UpdateBalance_NegativeBeyondBalance_Returns400InsufficientBalance()
    {
        var (teller, account) = await TellerWithAccountAsync();
        await DepositAsync(teller, account.AccountNumber, 10m);

        using var response = await SendAsync(teller, HttpMethod.Put, $"/api/v1/accounts/{account.AccountNumber}/balance", new BalanceUpdateRequest { Amount = -10.01m });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.InsufficientBalance);
        problem.GetProperty("details").GetProperty("requestedAmount").GetDecimal().Should().Be(-10.01m);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(10m);
    }

    [Fact]
    public async Task UpdateBalance_AsCustomer_Returns403()
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        var (customerId, customer) = await Factory.CustomerClientAsync();
        using var __ = customer;
        var own = await OpenAsync(teller, customerId);

        using var response = await SendAsync(customer, HttpMethod.Put, $"/api/v1/accounts/{own.AccountNumber}/balance", new BalanceUpdateRequest { Amount = 1000m });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Factory.BalanceAsync(own.AccountNumber)).Should().Be(0m);
    }

    private static async Task<JsonElement> ReadBalanceUpdateAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var root = JsonDocument.Parse(body).RootElement;
        root.GetProperty("success").GetBoolean().Should().BeTrue();
        root.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        var data = root.GetProperty("data");
        data.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("accountNumber", "previousBalance", "newBalance", "amount", "operation", "transactionId", "timestamp");
        data.GetProperty("timestamp").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        return data;
    }
}
