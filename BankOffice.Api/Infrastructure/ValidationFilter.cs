using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace BankOffice.Api.Infrastructure;

/// <summary>
/// Validates the request body of type <typeparamref name="T"/> with its DataAnnotations before the
/// handler runs; failures answer 400 VALIDATION_ERROR with camelCase field errors and change nothing.
/// </summary>
public sealed class ValidationFilter<T> : IEndpointFilter where T : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
        {
            return ProblemDetailsSetup.Validation(new Dictionary<string, string[]> { ["body"] = ["A request body is required."] });
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(argument, new ValidationContext(argument), results, validateAllProperties: true))
        {
            var errors = results
                .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [string.Empty]).Select(m => (Member: JsonNamingPolicy.CamelCase.ConvertName(m), r.ErrorMessage ?? "Invalid value.")))
                .GroupBy(e => e.Member)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Item2).ToArray());
            return ProblemDetailsSetup.Validation(errors);
        }

        return await next(context);
    }
}

public static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();
}
