using BankOffice.Web.Features.Shared;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Components;

public sealed class ErrorAlertTests : IDisposable
{
    private readonly WebTestContext ctx = new();

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Render_ProblemWithFieldErrors_ListsEveryFieldMessageAndTheCode()
    {
        var error = new ApiException(400, "VALIDATION_ERROR", "Validation failed", "Fix the fields below.",
            new Dictionary<string, string[]> { ["customerName"] = ["Name is too short."], ["currency"] = ["Unknown currency.", "Pick one of TRY, USD, EUR, GBP."] });

        var cut = ctx.Render<ErrorAlert>(p => p.Add(c => c.Error, error));

        cut.Find("[data-testid=error-alert]").TextContent.Should().Contain("Validation failed").And.Contain("Fix the fields below.").And.Contain("VALIDATION_ERROR");
        cut.FindAll("[data-testid=error-fields] li").Select(li => li.TextContent)
            .Should().Equal("Name is too short.", "Unknown currency.", "Pick one of TRY, USD, EUR, GBP.");
        cut.Find("li[data-field=customerName]").TextContent.Should().Be("Name is too short.");
    }

    [Fact]
    public void Render_Forbidden_ShowsNotAllowedMessage()
    {
        var cut = ctx.Render<ErrorAlert>(p => p.Add(c => c.Error, new ApiException(403, "FORBIDDEN", "Forbidden", null)));

        cut.Find("[data-testid=error-alert]").TextContent.Should().Contain("You are not allowed to do this.");
    }

    [Fact]
    public void Render_NoError_RendersNothing()
    {
        var cut = ctx.Render<ErrorAlert>();

        cut.Markup.Trim().Should().BeEmpty();
    }
}
