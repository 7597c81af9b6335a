using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Services;

public sealed class ApiErrorHandlerTests : IDisposable
{
    private readonly WebTestContext ctx = new();

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Handle_Unauthorized_NavigatesToSignInWithReturnUrl()
    {
        ctx.Navigation.NavigateTo("/accounts/123");
        var handler = ctx.Services.GetRequiredService<ApiErrorHandler>();

        handler.Handle(ApiException.SessionExpired());

        ctx.Navigation.Uri.Should().EndWith("/account/login?returnUrl=%2Faccounts%2F123");
    }

    [Fact]
    public void Handle_Forbidden_StaysOnPageAndAnswersForbiddenError()
    {
        ctx.Navigation.NavigateTo("/customers");
        var handler = ctx.Services.GetRequiredService<ApiErrorHandler>();

        var error = handler.Handle(new ApiException(403, "FORBIDDEN", "Forbidden", null));

        error.IsForbidden.Should().BeTrue();
        ctx.Navigation.Uri.Should().EndWith("/customers");
    }

    [Fact]
    public void Handle_UnexpectedException_WrapsItAsServerError()
    {
        var handler = ctx.Services.GetRequiredService<ApiErrorHandler>();

        var error = handler.Handle(new InvalidOperationException("boom"), notify: false);

        error.Status.Should().Be(500);
        error.Detail.Should().Be("boom");
    }
}
