namespace BankOffice.Core.Common;

/// <summary>What kind of failure a <see cref="DomainException"/> is; the API maps it to an HTTP status.</summary>
public enum DomainErrorKind
{
    Validation,
    BusinessRule,
    NotFound,
    Conflict,
    Forbidden,

    /// <summary>A dependency the request needs is missing or saturated (503); retrying later may work.</summary>
    Unavailable,
}

/// <summary>
/// A rule of the domain was broken. Carries a stable machine-readable <see cref="Code"/>
/// (e.g. <c>ACCOUNT_NOT_FOUND</c>) and optional details that clients can rely on.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(DomainErrorKind kind, string code, string message, IReadOnlyDictionary<string, object?>? details = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Details = details ?? new Dictionary<string, object?>();
    }

    public DomainErrorKind Kind { get; }
    public string Code { get; }
    public IReadOnlyDictionary<string, object?> Details { get; }

    public static DomainException NotFound(string code, string message) => new(DomainErrorKind.NotFound, code, message);
    public static DomainException Rule(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(DomainErrorKind.BusinessRule, code, message, details);
    public static DomainException Conflict(string code, string message) => new(DomainErrorKind.Conflict, code, message);
    public static DomainException Invalid(string code, string message) => new(DomainErrorKind.Validation, code, message);
}

/// <summary>Error codes shared by every endpoint (seed 003's table plus the account service's own).</summary>
public static class ErrorCodes
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string RateLimited = "RATE_LIMITED";
    public const string Conflict = "CONFLICT";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>The person who asked for something cannot also approve it.</summary>
    public const string MakerChecker = "MAKER_CHECKER_VIOLATION";
    public const string CustomerNotFound = "CUSTOMER_NOT_FOUND";
    public const string AccountNotFound = "ACCOUNT_NOT_FOUND";
    public const string AccountNotActive = "ACCOUNT_NOT_ACTIVE";
    public const string AccountClosed = "ACCOUNT_CLOSED";
    public const string NonZeroBalance = "NON_ZERO_BALANCE";
    public const string InvalidStatusTransition = "INVALID_STATUS_TRANSITION";
    public const string AccountTypeChangeRefused = "ACCOUNT_TYPE_CHANGE_REFUSED";
    public const string InvalidIban = "INVALID_IBAN";
    public const string DuplicateCustomer = "DUPLICATE_CUSTOMER";
    public const string CustomerHasAccounts = "CUSTOMER_HAS_ACCOUNTS";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string AccountLocked = "ACCOUNT_LOCKED";
    public const string InvalidRefreshToken = "INVALID_REFRESH_TOKEN";
    public const string InvalidInvitation = "INVALID_INVITATION";
    public const string DuplicateEmail = "DUPLICATE_EMAIL";
    public const string PasswordRejected = "PASSWORD_REJECTED";
    public const string UserNotFound = "USER_NOT_FOUND";
}
