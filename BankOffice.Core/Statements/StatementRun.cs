using BankOffice.Core.Common;

namespace BankOffice.Core.Statements;

public enum StatementRunStatus
{
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
}

public enum StatementRunTrigger
{
    CLOSE,
    MANUAL,
}

/// <summary>
/// Renders and stores every statement record of a closed period in the configured formats. A run is
/// resumable: it only renders statements that have no stored file for their current version, so a run
/// picked up again after a crash carries on where the last one stopped. At most one run per period is
/// queued or running; one API instance renders at a time (a session advisory lock).
/// </summary>
public sealed class StatementRun
{
    public const string OneActiveIndex = "ux_statement_runs_one_active";
    public const int MessageMaxLength = 2000;
    public const int FormatsMaxLength = 50;

    private StatementRun()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string Period { get; private set; } = default!;
    public StatementRunStatus Status { get; private set; }
    public StatementRunTrigger Trigger { get; private set; }

    /// <summary>Comma-separated lower-case formats, e.g. <c>pdf,excel</c>.</summary>
    public string Formats { get; private set; } = default!;
    public string RequestedBy { get; private set; } = default!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Statements of the period to render.</summary>
    public int Total { get; private set; }

    /// <summary>Statements done, including those an earlier run of the period had already stored.</summary>
    public int Processed { get; private set; }
    public int Failed { get; private set; }
    public int Attempts { get; private set; }
    public string? Message { get; private set; }

    public IReadOnlyList<StatementFormat> FormatList =>
        Formats.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f => StatementFormats.TryParse(f, out var x) ? x : StatementFormat.PDF).ToList();

    public static StatementRun Queue(Guid id, string period, StatementRunTrigger trigger, IEnumerable<StatementFormat> formats, string requestedBy, DateTimeOffset now)
    {
        var list = formats.Distinct().ToList();
        if (list.Count == 0 || list.Any(f => f is StatementFormat.JSON or StatementFormat.HTML))
        {
            throw DomainException.Invalid(StatementErrorCodes.InvalidFormat, "A statement run stores pdf, excel or csv files.");
        }

        return new StatementRun
        {
            Id = id,
            Period = period,
            Status = StatementRunStatus.QUEUED,
            Trigger = trigger,
            Formats = string.Join(',', list.Select(f => f.ToString().ToLowerInvariant())),
            RequestedBy = requestedBy,
            CreatedAt = now,
        };
    }

    public void Start(int total, int alreadyDone, DateTimeOffset now)
    {
        Status = StatementRunStatus.RUNNING;
        StartedAt ??= now;
        Attempts++;
        Total = total;
        Processed = alreadyDone;
        Failed = 0;
        Message = alreadyDone > 0 ? $"Resumed: {alreadyDone} of {total} statements were already stored." : $"Rendering {total} statements.";
    }

    public void Advance(int done, int failed, string? lastError)
    {
        Processed += done;
        Failed += failed;
        if (lastError is not null)
        {
            Message = Truncate(lastError);
        }
    }

    public void Complete(DateTimeOffset now)
    {
        Status = Failed == 0 ? StatementRunStatus.COMPLETED : StatementRunStatus.FAILED;
        FinishedAt = now;
        Message = Failed == 0
            ? $"{Processed} statements stored."
            : Truncate($"{Processed} statements stored, {Failed} failed; run statements again to retry them. Last error: {Message}");
    }

    public void Fail(string error, DateTimeOffset now)
    {
        Status = StatementRunStatus.FAILED;
        FinishedAt = now;
        Message = Truncate(error);
    }

    public int Percent => Total == 0 ? (Status == StatementRunStatus.COMPLETED ? 100 : 0) : (int)Math.Min(100, (Processed + Failed) * 100L / Total);

    private static string Truncate(string text) => text.Length <= MessageMaxLength ? text : text[..MessageMaxLength];
}

/// <summary>A stored statement document: one per statement record, version and format. Insert-only.</summary>
public sealed class StatementFile
{
    public const int FileNameMaxLength = 200;
    public const int ContentTypeMaxLength = 100;

    private StatementFile()
    {
        // For EF Core.
    }

    public StatementFile(Guid id, Guid statementId, int version, StatementFormat format, string fileName, byte[] content, string sha256, Guid runId, DateTimeOffset createdAt)
    {
        Id = id;
        StatementId = statementId;
        Version = version;
        Format = format;
        FileName = fileName;
        ContentType = StatementFormats.ContentType(format);
        Content = content;
        SizeBytes = content.LongLength;
        Sha256 = sha256;
        RunId = runId;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public Guid StatementId { get; private set; }
    public int Version { get; private set; }
    public StatementFormat Format { get; private set; }
    public string FileName { get; private set; } = default!;
    public string ContentType { get; private set; } = default!;
    public byte[] Content { get; private set; } = default!;
    public long SizeBytes { get; private set; }

    /// <summary>Hex SHA-256 of the content: auditors can check a filed copy against it.</summary>
    public string Sha256 { get; private set; } = default!;
    public Guid RunId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
