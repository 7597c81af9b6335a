using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using static BankOffice.Api.Tests.Ledger.LedgerApi;

namespace BankOffice.Api.Tests.Ledger;

/// <summary>
/// Ledger test classes: each test works on fresh accounts opened by its own teller, whose client
/// lives as long as the test class.
/// </summary>
public abstract class LedgerTestBase(ApiFactory factory) : IClassFixture<ApiFactory>, IDisposable
{
    private readonly List<HttpClient> _clients = [];

    protected ApiFactory Factory { get; } = factory;

    public void Dispose()
    {
        _clients.ForEach(c => c.Dispose());
        GC.SuppressFinalize(this);
    }

    protected async Task<(HttpClient Teller, AccountDto Account)> TellerWithAccountAsync(AccountType type = AccountType.CHECKING, Currency currency = Currency.TRY)
    {
        var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        _clients.Add(teller);
        return (teller, await OpenAsync(teller, await Factory.CreateCustomerAsync(), type, currency));
    }
}
