using Cronos;

namespace ReportBot.Reporting.Rhythm;

/// <summary>What a schedule slot does when it fires.</summary>
public enum SlotKind
{
    /// <summary>Before the cut-off, to the reporters of units with no figure yet today.</summary>
    Reminder,
    /// <summary>At the cut-off, to district officers and admins: the units still missing.</summary>
    Escalation,
    /// <summary>To the whole district group: the day against target.</summary>
    Summary,
}

/// <summary>A slot of a district's daily schedule, with its time as a cron expression in the district's time zone.</summary>
public sealed record ScheduleSlot(int Id, SlotKind Kind, string Name, string Cron);

/// <summary>The district's calendar facts that decide whether a day is a working day.</summary>
/// <param name="RestWeekdays">Weekly days off (Sunday by default).</param>
/// <param name="Holidays">Dated days off.</param>
/// <param name="CampaignDays">The running campaign's window; no campaign, no rhythm.</param>
public sealed record DistrictCalendar(
    TimeZoneInfo TimeZone,
    TimeOnly Cutoff,
    IReadOnlySet<DayOfWeek> RestWeekdays,
    IReadOnlySet<DateOnly> Holidays,
    (DateOnly From, DateOnly To)? CampaignDays)
{
    public bool IsWorkingDay(DateOnly day) =>
        !RestWeekdays.Contains(day.DayOfWeek) && !Holidays.Contains(day)
        && CampaignDays is { } campaign && day >= campaign.From && day <= campaign.To;

    public DateOnly LocalDay(DateTimeOffset instant) => LocalDays.Of(instant, TimeZone);

    public DateTimeOffset CutoffOn(DateOnly day) => At(day, Cutoff);

    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}

/// <summary>
/// When a slot is due (the schedule arithmetic itself is Cronos's). A slot is due once per working day, at its time
/// in the district's zone. A slot missed while ReportBot was down still fires when it comes back, the same day —
/// except a reminder once the cut-off has passed, when it could only mislead. A day that is over is not caught up.
/// </summary>
public static class ScheduleRules
{
    /// <summary>
    /// Every new district's schedule, the DM's usual day: a progress summary late morning, a reminder an hour before
    /// the 5 pm cut-off, the escalation at it, and the final summary for the evening review.
    /// </summary>
    public static IReadOnlyList<(SlotKind Kind, string Name, string Cron)> DefaultSlots { get; } =
    [
        (SlotKind.Summary, "progress summary", "0 11 * * *"),
        (SlotKind.Reminder, "reminder", "0 16 * * *"),
        (SlotKind.Escalation, "escalation at cut-off", "0 17 * * *"),
        (SlotKind.Summary, "final summary", "30 17 * * *"),
    ];

    /// <summary>The default schedule in a few words, for the import's report.</summary>
    public static string DefaultSlotsText => "progress summary 11:00, reminder 16:00, escalation 17:00, final summary 17:30 (change it with `BotHost schedule`)";

    /// <summary>Slot names are shown in lists and logs: one line of printable text.</summary>
    const int MaxSlotName = 60;

    /// <summary>Null when <paramref name="name"/> can be a slot's name; else what to write instead.</summary>
    public static string? SlotNameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > MaxSlotName || name.Any(char.IsControl)
            ? $"A slot's name is one line of text of at most {MaxSlotName} characters, e.g. \"reminder\" or \"final summary\"."
            : null;

    public static string ToText(this SlotKind kind) => kind.ToString().ToLowerInvariant();

    public static CronExpression Parse(string cron) => CronExpression.Parse(cron, CronFormat.Standard);

    public static bool IsValid(string cron)
    {
        try
        {
            Parse(cron);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    /// <summary>The slot's time today (the local day of <paramref name="now"/>) if it is due at <paramref name="now"/>; else null.</summary>
    public static DateTimeOffset? DueToday(ScheduleSlot slot, DistrictCalendar calendar, DateTimeOffset now)
    {
        var today = calendar.LocalDay(now);
        if (!calendar.IsWorkingDay(today))
            return null;
        var startOfDay = calendar.At(today, TimeOnly.MinValue);
        // The latest occurrence today that is not in the future.
        DateTimeOffset? due = null;
        foreach (var occurrence in Parse(slot.Cron).GetOccurrences(startOfDay, now, calendar.TimeZone, fromInclusive: true, toInclusive: true))
            due = occurrence;
        if (due is null)
            return null;
        if (slot.Kind == SlotKind.Reminder && now >= calendar.CutoffOn(today))
            return null;
        return due;
    }

    /// <summary>The slot's next time after <paramref name="after"/>, for showing a schedule.</summary>
    public static DateTimeOffset? Next(ScheduleSlot slot, DistrictCalendar calendar, DateTimeOffset after) =>
        Parse(slot.Cron).GetNextOccurrence(after, calendar.TimeZone);
}
