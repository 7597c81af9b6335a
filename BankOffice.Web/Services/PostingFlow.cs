using BankOffice.Core.Ledger;

namespace BankOffice.Web.Services;

public enum PostingStep
{
    Edit,
    Confirm,
    Done,
}

/// <summary>
/// The three steps of a money-moving form (edit, confirm, result) and its idempotency key. A new key is
/// made each time the user reaches the confirmation step; retrying that same confirmation (after a
/// timeout or an error) sends the same key again, so the API posts at most once. Going back or starting
/// a new operation drops the key.
/// </summary>
public sealed class PostingFlow(Func<string>? newKey = null) : PostingFlow<TransactionDto>(newKey)
{
    /// <summary>An error about the form's own fields (validation, amount, same account): the user goes back to fix them.</summary>
    public static bool IsFieldError(ApiException error) =>
        error.Errors.Count > 0 || error.Code is "INVALID_AMOUNT" or "SAME_ACCOUNT" or "VALIDATION_ERROR";
}

/// <summary>The same three steps for any posting whose answer is a <typeparamref name="TResult"/> (a transaction, an invoice, a payment).</summary>
public class PostingFlow<TResult>(Func<string>? newKey = null)
    where TResult : class
{
    private readonly Func<string> _newKey = newKey ?? (() => Guid.NewGuid().ToString("D"));

    public PostingStep Step { get; private set; } = PostingStep.Edit;

    /// <summary>The key of the current confirmation; null outside the confirmation step.</summary>
    public string? IdempotencyKey { get; private set; }

    public TResult? Result { get; private set; }

    public ApiException? Error { get; private set; }

    public bool Busy { get; private set; }

    public void ToConfirm()
    {
        Step = PostingStep.Confirm;
        IdempotencyKey = _newKey();
        Error = null;
    }

    public void Back()
    {
        Step = PostingStep.Edit;
        IdempotencyKey = null;
    }

    /// <summary>Back to an empty form for a new operation.</summary>
    public void Reset()
    {
        Back();
        Result = null;
        Error = null;
    }

    /// <summary>Posts with the confirmation's key. Answers true on success (step Done); on failure keeps the step and key and sets <see cref="Error"/>.</summary>
    public async Task<bool> ConfirmAsync(Func<string, Task<TResult>> post, ApiErrorHandler errors)
    {
        if (Step != PostingStep.Confirm || IdempotencyKey is null || Busy)
        {
            return false;
        }

        Busy = true;
        Error = null;
        try
        {
            Result = await post(IdempotencyKey);
            Step = PostingStep.Done;
            IdempotencyKey = null;
            return true;
        }
        catch (Exception ex)
        {
            Error = errors.Handle(ex, notify: false);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
