using ReportBot.Reporting.Catalog;

namespace ReportBot.Reporting.Replies;

/// <summary>
/// Every sentence ReportBot says, in one language. A new language is one more subclass in its own file, registered
/// in <see cref="ReplyLanguages"/>; nothing else changes. Arguments arrive already formatted (names in the
/// language's script, numbers in Indian grouping, dates as people write them).
/// </summary>
public abstract class ReplyLanguage
{
    public abstract string Code { get; }

    /// <summary>"Wed 3 Dec" / "बुध 3 दिसंबर".</summary>
    public abstract string Day(DateOnly day);

    public abstract string UnitName(Unit unit);

    public abstract string IndicatorName(Indicator indicator);

    public abstract string Recorded(string unit, string value, string indicator, string day);

    public abstract string Updated(string unit, string oldValue, string newValue, string indicator, string day);

    public abstract string Added(string unit, string oldValue, string added, string newValue, string indicator, string day);

    /// <summary>A correction inside the message ("1240 nahi 1420"): withdrawn → new.</summary>
    public abstract string Corrected(string unit, string withdrawn, string newValue, string indicator, string day);

    /// <summary>"Tardih: total 7,600 − 7,060 till yesterday = 540 today": the day's figure a running total gave.</summary>
    /// <param name="dayIsToday">Whether the report's day is today ("till yesterday … today" rather than "before …").</param>
    public abstract string FromTotal(string unit, string total, string before, string value, string indicator, string day, bool dayIsToday);

    /// <summary>Appended when a day's figure and its running total agree.</summary>
    public abstract string TotalConfirmed(string total);

    /// <summary>Appended when a running total does not agree with what is on record plus the day's figure.</summary>
    public abstract string TotalDisagrees(string unit, string total, string before, string value, string expected);

    /// <summary>Appended when a figure derived from a total covers days with no figure before it.</summary>
    public abstract string TotalCoversGap(string unit, string value, int days);

    /// <summary>A running total below what is already on record for the drive: nothing recorded.</summary>
    public abstract string TotalBelowRecorded(string unit, string total, string before, string example);

    /// <summary>A figure given only against another day ("kal se 90 kam"): ask for the day's own figure.</summary>
    public abstract string RelativeNumber(string unit, string example);

    /// <summary>Appended to a correction: how to take it back.</summary>
    public abstract string UndoHint { get; }

    public abstract string Spike(string unit, string usual);

    public abstract string Drop(string unit, string previous);

    public abstract string Held(string unit, string value, string ceiling);

    public abstract string OutsideCampaign(string day, string campaign, string from, string to);

    public abstract string Undone(string unit, string from, string to, string day);

    public abstract string UndoneToNothing(string unit, string day);

    public abstract string NothingToUndo { get; }

    public abstract string NothingToConfirm { get; }

    /// <summary>"Benipur: 1,240 / 600 (207%), 2nd of 18" for today.</summary>
    public abstract string StatusUnit(string unit, string? value, string? target, int? percent, int? rank, int of);

    public abstract string StatusDistrict(string district, string day, string total, string? target, int? percent, int reported, int units);

    public abstract string MemberAdded(string name, string phone, string units);

    public abstract string AdminUsage(string example);

    /// <summary>An admin's `add` names a number someone else has, in a way only an import may change.</summary>
    public abstract string NotChanged(string ownerName, string phone, People.Role ownerRole, Turns.AddRefusal why);

    public abstract string OnlyAdmins { get; }

    // The daily rhythm: summaries, reminders, escalation.

    /// <summary>"5:30 pm" / "शाम 5:30".</summary>
    public abstract string Time(TimeOnly time);

    /// <summary>"19 Nov" / "19 नवंबर": a day in a span of days.</summary>
    public abstract string DayMonth(DateOnly day);

    /// <summary>"Wed 3 Dec 2025".</summary>
    public virtual string DayWithYear(DateOnly day) => $"{Day(day)} {day.Year}";

    public abstract string SummaryTitle(string indicator, string district);

    public abstract string SummaryToday(string total, string? target, int? percent);

    /// <summary>The title of a past (or future) day's summary: the date in the title, so it is never read as today's.</summary>
    public abstract string SummaryTitleOn(string indicator, string district, string day);

    /// <summary>A past day's total: "Tue 2 Dec: *9,412* / 10,000 (94%)", never "Today".</summary>
    public abstract string SummaryOnDay(string day, string total, string? target, int? percent);

    /// <summary>"vs Tue 2 Dec (8,200): ▲ 1,212 (+15%)"; <paramref name="change"/> null when the totals are equal.</summary>
    public abstract string SummaryChange(string previousDay, string previousTotal, string? change);

    /// <summary>
    /// While units that reported the day before are still missing: the change on the <paramref name="units"/> units that
    /// reported both days ("vs Tue 2 Dec, same 5 blocks (1,100): ▲ 140 (+13%)"), not a fall that is only missing reports.
    /// </summary>
    public abstract string SummaryChangeSameUnits(string previousDay, int units, string previousTotal, string? change);

    /// <summary>Below a table with a change column: what its "±" compares with.</summary>
    public abstract string SummaryChangeColumn(string previousDay);

    /// <summary>Another indicator of the campaign for the day: "Vay Vandana cards: *312* / 500 (62%)".</summary>
    public abstract string SummaryOtherIndicator(string indicator, string total, string? target, int? percent);

    /// <summary>The drive so far, against the campaign's target when it has one: "… *1,96,810* / 3,50,000 (56%)".</summary>
    public abstract string SummaryDriveTotal(string from, string to, string total, string? target = null, int? percent = null);

    public abstract string SummaryReported(int reported, int units);

    /// <summary>Each unit already with its reporters: "Jale (सुनीता देवी), Tardih (—)".</summary>
    public abstract string SummaryNotReported(string units);

    public abstract string SummaryBelowHalf(string units);

    public abstract string SummaryFlagged(string units);

    public abstract string SpikeShort { get; }

    public abstract string DropShort { get; }

    public abstract string TotalCoversGapShort { get; }

    public abstract string TotalDisagreesShort { get; }

    public abstract string Reminder(string units, string indicator, string deadline, string example);

    public abstract string Escalation(string district, string day, string time, int reported, int units, string missing);

    public abstract string EscalationAllIn(string district, string day, string time, int units);

    public abstract string UnknownUnit(string fragment, string district, IReadOnlyList<string> suggestions, string example);

    public abstract string AmbiguousUnit(string fragment, IReadOnlyList<string> candidates, string example);

    /// <summary>A figure with no unit named, from someone who reports for several.</summary>
    public abstract string WhichOfYourUnits(IReadOnlyList<string> units, string example);

    public abstract string MissingNumber(string unit, string example);

    public abstract string AmbiguousNumber(string unit, string example);

    public abstract string InvalidNumber(string fragment, string example);

    /// <summary>A count below zero: not recorded, and how to take a figure back instead.</summary>
    public abstract string NegativeNumber(string unit, string example);

    public abstract string ImplausibleNumber(string unit, string value, string ceiling, string example);

    public abstract string FutureDate(string day, string example);

    public abstract string StaleDate(string day, int maxDaysBack);

    public abstract string NotYourUnit(string unit, IReadOnlyList<string> yourUnits);

    public abstract string Unregistered(string? adminName);

    /// <summary>To a sender past the per-minute limit, once: their messages are kept but not read for now.</summary>
    public abstract string SlowDown { get; }

    /// <summary>The reminder posted in the group: the units still missing, each with whom it waits for.</summary>
    public abstract string GroupReminder(string unitsWithReporters, string indicator, string deadline, string example);

    /// <summary>In a group an admin has just linked to their district: what the bot does there from now on.</summary>
    public abstract string GroupLinked(string district);

    /// <summary>A `link` the sender may not make: only an admin of that district links a group, and a group has one district.</summary>
    public abstract string GroupNotLinked(string district, string? linkedTo);

    /// <summary>To someone the channel knows by no phone (Telegram) who posted a report: where to link their account, once.</summary>
    public abstract string LinkYourAccount(string link);

    /// <summary>In a private chat with someone not yet linked: share your number with the button below.</summary>
    public abstract string ShareYourNumber { get; }

    /// <summary>Their shared number is a member's: the account is linked.</summary>
    public abstract string AccountLinked(string name);

    public abstract string Help(string example, string exampleHindi);

    /// <summary>A photo or document with no text: kept, but only typed figures can be read.</summary>
    public abstract string MediaOnly(string example);



    /// <summary>"A, B and C" / "A, B और C".</summary>
    public abstract string JoinList(IReadOnlyList<string> items);

    /// <summary>A report that reached us late (an outage): sent on <paramref name="day"/> at <paramref name="time"/>.</summary>
    public abstract string ArrivedLate(string day, string time);

    /// <summary>The end of a list cut short: "and 37 more" / "और 37".</summary>
    public abstract string AndMore(int count);
}
