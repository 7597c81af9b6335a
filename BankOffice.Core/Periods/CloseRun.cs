using BankOffice.Core.Common;

namespace BankOffice.Core.Periods;

/// <summary>
/// One attempt at closing a period: the request (seed 003's body), where it has got to, and what
/// blocked it. At most one is RUNNING across all API instances (a partial unique index).
/// </summary>
public sealed class CloseRun
{
    public const string OneRunningIndex = "ux_period_close_runs_one_running";
    public const int ErrorMaxLength = 2000;

    private CloseRun()
    {
        // For EF Core.
    }

    public Guid Id { get; private set; }
    public string Period { get; private set; } = default!;
    public CloseRunStatus Status { get; private set; }
    public DateTimeOffset CutoffAt { get; private set; }
    public bool IncludeAccruals { get; private set; }
    public bool RunProvision { get; private set; }
    public string RequestedBy { get; private set; } = default!;
    public string ApprovedBy { get; private set; } = default!;
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public CloseStep? CurrentStep { get; private set; }

    /// <summary>0-100, weighted by how long each step usually takes.</summary>
    public int Progress { get; private set; }

    /// <summary>How many times a worker picked the run up (more than one means it resumed after a restart).</summary>
    public int Attempts { get; private set; }
    public string? Error { get; private set; }
    public List<CloseRunStep> Steps { get; private set; } = [];
    public List<CloseException> Exceptions { get; private set; } = [];

    public static CloseRun Start(Guid id, AccountingPeriod period, DateTimeOffset cutoffAt, bool includeAccruals, bool runProvision, string requestedBy, string approvedBy, DateTimeOffset now)
    {
        if (cutoffAt > now)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "cutoffDateTime cannot be in the future.");
        }

        if (DateOnly.FromDateTime(cutoffAt.UtcDateTime) < period.EndDate)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"cutoffDateTime must be on or after the period's last day ({period.EndDate:yyyy-MM-dd}, UTC).");
        }

        var run = new CloseRun
        {
            Id = id,
            Period = period.Id,
            Status = CloseRunStatus.RUNNING,
            CutoffAt = cutoffAt,
            IncludeAccruals = includeAccruals,
            RunProvision = runProvision,
            RequestedBy = requestedBy,
            ApprovedBy = approvedBy,
            StartedAt = now,
            CurrentStep = CloseStep.CUTOFF,
        };
        foreach (var step in Enum.GetValues<CloseStep>())
        {
            var skipped = (step == CloseStep.INTEREST && !includeAccruals) || (step == CloseStep.PROVISION && !runProvision);
            run.Steps.Add(new CloseRunStep(id, step, skipped ? CloseStepStatus.SKIPPED : CloseStepStatus.PENDING));
        }

        return run;
    }

    public CloseRunStep Step(CloseStep step) => Steps.Single(s => s.Step == step);

    public void PickedUp() => Attempts++;

    public void Begin(CloseStep step, long total, DateTimeOffset now)
    {
        CurrentStep = step;
        Step(step).Begin(total, now);
        Progress = CloseProgress.Of(Steps);
    }

    public void Advance(CloseStep step, long processed)
    {
        Step(step).Advance(processed);
        Progress = CloseProgress.Of(Steps);
    }

    public void Complete(CloseStep step, string message, DateTimeOffset now)
    {
        Step(step).Complete(message, now);
        Progress = CloseProgress.Of(Steps);
    }

    public void Succeed(DateTimeOffset now)
    {
        Status = CloseRunStatus.SUCCEEDED;
        CurrentStep = null;
        Progress = 100;
        FinishedAt = now;
    }

    public void Block(CloseStep step, string message, DateTimeOffset now)
    {
        Step(step).Fail(message, now);
        Status = CloseRunStatus.BLOCKED;
        Error = message;
        FinishedAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        if (CurrentStep is { } step && Step(step).Status == CloseStepStatus.RUNNING)
        {
            Step(step).Fail(error, now);
        }

        Status = CloseRunStatus.FAILED;
        Error = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        FinishedAt = now;
    }
}

public sealed class CloseRunStep
{
    public const int MessageMaxLength = 1000;

    private CloseRunStep()
    {
        // For EF Core.
    }

    public CloseRunStep(Guid runId, CloseStep step, CloseStepStatus status)
    {
        RunId = runId;
        Step = step;
        Status = status;
    }

    public Guid RunId { get; private set; }
    public CloseStep Step { get; private set; }
    public CloseStepStatus Status { get; private set; }
    public long Processed { get; private set; }
    public long Total { get; private set; }
    public string? Message { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public bool IsFinished => Status is CloseStepStatus.DONE or CloseStepStatus.SKIPPED;

    internal void Begin(long total, DateTimeOffset now)
    {
        Status = CloseStepStatus.RUNNING;
        Total = total;
        StartedAt ??= now;
    }

    /// <summary>Never past the total once one is known, so a step never reads 5 of 4.</summary>
    internal void Advance(long processed) => Processed = Total > 0 ? Math.Min(processed, Total) : processed;

    internal void Complete(string message, DateTimeOffset now)
    {
        Status = CloseStepStatus.DONE;
        Processed = Math.Max(Processed, Total);
        Message = Trim(message);
        FinishedAt = now;
    }

    internal void Fail(string message, DateTimeOffset now)
    {
        Status = CloseStepStatus.FAILED;
        Message = Trim(message);
        FinishedAt = now;
    }

    private static string Trim(string message) => message.Length > MessageMaxLength ? message[..MessageMaxLength] : message;
}

/// <summary>A difference the reconciliation step found; any one blocks the close.</summary>
public sealed class CloseException
{
    public const int ReferenceMaxLength = 100;
    public const int MessageMaxLength = 500;

    private CloseException()
    {
        // For EF Core.
    }

    public CloseException(Guid runId, string kind, string reference, Currency currency, decimal expected, decimal actual, string message)
    {
        RunId = runId;
        Kind = kind;
        Reference = reference.Length > ReferenceMaxLength ? reference[..ReferenceMaxLength] : reference;
        Currency = currency;
        Expected = expected;
        Actual = actual;
        Message = message.Length > MessageMaxLength ? message[..MessageMaxLength] : message;
    }

    public long Id { get; private set; }
    public Guid RunId { get; private set; }
    public string Kind { get; private set; } = default!;

    /// <summary>The account number, entry id or ledger account code concerned.</summary>
    public string Reference { get; private set; } = default!;
    public Currency Currency { get; private set; }

    /// <summary>What the ledger says.</summary>
    public decimal Expected { get; private set; }

    /// <summary>What the balance or sub-ledger says.</summary>
    public decimal Actual { get; private set; }
    public string Message { get; private set; } = default!;
}

/// <summary>Overall progress of a close from its steps, each weighted by its usual share of the time.</summary>
public static class CloseProgress
{
    public static readonly IReadOnlyDictionary<CloseStep, int> Weights = new Dictionary<CloseStep, int>
    {
        [CloseStep.CUTOFF] = 5,
        [CloseStep.INTEREST] = 30,
        [CloseStep.PROVISION] = 10,
        [CloseStep.RECONCILIATION] = 20,
        [CloseStep.SNAPSHOTS] = 15,
        [CloseStep.STATEMENTS] = 15,
        [CloseStep.FINALIZE] = 5,
    };

    /// <summary>Finished and skipped steps count fully, a running step by its processed share; 100 only when every step is finished.</summary>
    public static int Of(IEnumerable<CloseRunStep> steps)
    {
        var list = steps.ToList();
        if (list.Count > 0 && list.All(s => s.IsFinished))
        {
            return 100;
        }

        decimal done = 0;
        foreach (var step in list)
        {
            var weight = Weights[step.Step];
            done += step.IsFinished ? weight
                : step.Status == CloseStepStatus.RUNNING && step.Total > 0 ? (decimal)weight * Math.Min(step.Processed, step.Total) / step.Total
                : 0;
        }

        return Math.Min(99, (int)Math.Floor(done * 100 / Weights.Values.Sum()));
    }
}
