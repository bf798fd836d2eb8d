using ReportBot.Reporting.People;

namespace ReportBot.Reporting.Desk;

/// <summary>Who is looking at the desk: their role, the units they report for, their district.</summary>
public sealed record DeskViewer(int MemberId, int DistrictId, string Name, Role Role, IReadOnlySet<int> OwnUnits);

/// <summary>What the desk makes of a correction typed on it.</summary>
public enum CorrectionVerdict
{
    Correct,
    /// <summary>Nothing to change: the figure already has that value.</summary>
    Unchanged,
    /// <summary>A reporter's correction of a unit not theirs.</summary>
    NotYourUnit,
    /// <summary>A reporter's correction of a day older than the campaign's late limit: an officer's to make.</summary>
    PastLateLimit,
    FutureDay,
    NoReason,
    Negative,
}

/// <summary>
/// Who may see and change what on the desk. A district officer or admin sees the whole district, accepts flagged
/// figures, and corrects any day up to today — also days past the late limit, which no message can reach; a reporter
/// sees only their own units and corrects them within the late limit, as they could by message. Every correction
/// states its reason, which the history keeps.
/// </summary>
public static class DeskRules
{
    /// <summary>The longest reason kept: a sentence, not an essay.</summary>
    public const int MaxReasonLength = 500;

    public static bool SeesWholeDistrict(this DeskViewer viewer) => viewer.Role.ReportsForWholeDistrict();

    public static bool MaySee(this DeskViewer viewer, int unitId) => viewer.SeesWholeDistrict() || viewer.OwnUnits.Contains(unitId);

    /// <summary>Accepting a flagged figure is a review: an officer's or admin's.</summary>
    public static bool MayReview(this DeskViewer viewer) => viewer.SeesWholeDistrict();

    /// <param name="current">The figure now (null: none recorded).</param>
    /// <param name="maxDaysBack">The campaign's late limit (7 by default).</param>
    public static CorrectionVerdict Correct(DeskViewer viewer, int unitId, DateOnly day, long? current, long value, string? reason, DateOnly today, int maxDaysBack)
    {
        if (!viewer.MaySee(unitId))
            return CorrectionVerdict.NotYourUnit;
        if (day > today)
            return CorrectionVerdict.FutureDay;
        if (value < 0)
            return CorrectionVerdict.Negative;
        if (string.IsNullOrWhiteSpace(reason))
            return CorrectionVerdict.NoReason;
        if (!viewer.SeesWholeDistrict() && today.DayNumber - day.DayNumber > maxDaysBack)
            return CorrectionVerdict.PastLateLimit;
        return current == value ? CorrectionVerdict.Unchanged : CorrectionVerdict.Correct;
    }

    /// <summary>The reason as kept: trimmed, one line, at most <see cref="MaxReasonLength"/> characters.</summary>
    public static string CleanReason(string reason)
    {
        var line = string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= MaxReasonLength ? line : line[..MaxReasonLength];
    }

    /// <summary>A flagged figure waits for review until an officer accepts it after its last change.</summary>
    public static bool AwaitsReview(string? flag, DateTimeOffset updatedAt, DateTimeOffset? reviewedAt) =>
        flag is not null && (reviewedAt is null || reviewedAt < updatedAt);
}
