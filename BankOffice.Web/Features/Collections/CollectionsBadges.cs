using BankOffice.Core.Collections;
using BankOffice.Core.Receivables;
using Radzen;

namespace BankOffice.Web.Features.Collections;

/// <summary>One colour per collections state: HIGH red, MEDIUM orange, LOW grey; trouble red, done green, waiting grey.</summary>
public static class CollectionsBadges
{
    public static BadgeStyle Of(Priority priority) => priority switch
    {
        Priority.HIGH => BadgeStyle.Danger,
        Priority.MEDIUM => BadgeStyle.Warning,
        _ => BadgeStyle.Base,
    };

    public static BadgeStyle Of(CaseStatus status) => status switch
    {
        CaseStatus.IN_PROGRESS => BadgeStyle.Info,
        CaseStatus.PROMISED => BadgeStyle.Success,
        CaseStatus.ESCALATED => BadgeStyle.Danger,
        _ => BadgeStyle.Base,
    };

    public static BadgeStyle Of(PlanStatus status) => status switch
    {
        PlanStatus.ACTIVE => BadgeStyle.Info,
        PlanStatus.COMPLETED => BadgeStyle.Success,
        PlanStatus.BREACHED => BadgeStyle.Danger,
        _ => BadgeStyle.Base,
    };

    public static BadgeStyle Of(InstallmentStatus status) => status switch
    {
        InstallmentStatus.PAID => BadgeStyle.Success,
        InstallmentStatus.PARTIAL => BadgeStyle.Warning,
        InstallmentStatus.MISSED => BadgeStyle.Danger,
        _ => BadgeStyle.Base,
    };

    public static BadgeStyle Of(DisputeStatus status) => status == DisputeStatus.OPEN ? BadgeStyle.Warning : BadgeStyle.Success;

    /// <summary>The score's points, for the priority badge's tooltip.</summary>
    public static string Breakdown(PriorityScore score) =>
        $"Amount {score.AmountPoints} + age {score.AgePoints} + risk {score.RiskPoints} + broken promises {score.BrokenPromisePoints} + plan breach {score.PlanBreachPoints} = {score.Total} points";

    /// <summary>Seed 003's age group code as people read it: 1_7 → 1–7 days, OVER_60 → over 60 days.</summary>
    public static string AgeGroup(string? code) => code switch
    {
        null or "" => "–",
        AgeGroups.Over60 => "over 60 days",
        _ => code.Replace('_', '–') + " days",
    };
}
