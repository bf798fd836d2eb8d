using ReportBot.Reporting.People;
using ReportBot.Reporting.Turns;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Conversation;

/// <summary>
/// Writes the bot's answer to one message: the figure first, then what could not be read with the right form to send,
/// in the sender's language and with the sender's own unit in every example.
/// </summary>
public sealed class ReplyWriter(DistrictCatalog catalog, ReaderSettings settings)
{
    /// <summary>The reply to a message that carried figures or errors; null when there is nothing to say.</summary>
    public string? Compose(Sender sender, TurnOutcome outcome)
    {
        var language = ReplyLanguages.For(sender.Language);
        var lines = new List<string>();
        foreach (var figure in outcome.Recorded)
            lines.Add(RecordedLine(language, figure, outcome.Today));
        foreach (var refused in outcome.RefusedTotals ?? [])
            lines.Add(language.TotalBelowRecorded(UnitName(language, refused.Unit), IndianNumber.Format(refused.Arithmetic.Total),
                IndianNumber.Format(refused.Arithmetic.RecordedBefore), ExampleFor(language, refused.Unit, sender)));
        foreach (var held in outcome.Held)
            lines.Add(language.Held(UnitName(language, held.Unit), IndianNumber.Format(held.Value), IndianNumber.Format(held.Ceiling)));
        foreach (var outside in outcome.OutsideCampaign)
            lines.Add(language.OutsideCampaign(language.Day(outside.Day), outside.Campaign.Name,
                language.DayMonth(outside.Campaign.StartsOn), language.DayMonth(outside.Campaign.EndsOn)));
        foreach (var report in outcome.NotPermitted.DistinctBy(r => r.Unit))
            lines.Add(language.NotYourUnit(UnitName(language, report.Unit), sender.Units.Select(u => UnitName(language, u)).ToList()));
        foreach (var error in outcome.Errors)
            lines.Add(ErrorLine(language, sender, error));
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    public string Help(Sender sender)
    {
        var unit = ExampleUnit(sender);
        return ReplyLanguages.For(sender.Language).Help($"{unit.Name} 1240", $"{unit.NameHi ?? unit.Name} १२४०");
    }

    public string MediaOnly(Sender sender)
    {
        var language = ReplyLanguages.For(sender.Language);
        return language.MediaOnly(Example(language, ExampleUnit(sender)));
    }

    /// <summary>The sender's units today against target with their rank, then the district so far.</summary>
    public string Status(Sender sender, DateOnly day, DayStanding standing)
    {
        var language = ReplyLanguages.For(sender.Language);
        var lines = new List<string>
        {
            language.StatusDistrict(catalog.District, language.Day(day), IndianNumber.Format(standing.Total),
                Format(standing.DistrictTarget), standing.TotalPercent, standing.Reported, standing.Units.Count),
        };
        foreach (var unit in standing.Units.Where(u => sender.Units.Contains(u.Unit, StringComparer.OrdinalIgnoreCase)))
            lines.Add(language.StatusUnit(UnitName(language, unit.Unit), Format(unit.Value), Format(unit.Target), unit.Percent,
                standing.RankOf(unit.Unit), standing.Units.Count));
        return string.Join("\n", lines);
    }

    public string Undone(Sender sender, string unit, DateOnly day, long? from, long? to)
    {
        var language = ReplyLanguages.For(sender.Language);
        return to is null || from is null
            ? language.UndoneToNothing(UnitName(language, unit), language.Day(day))
            : language.Undone(UnitName(language, unit), IndianNumber.Format(from.Value), IndianNumber.Format(to.Value), language.Day(day));
    }

    /// <summary>Said first when a report reached us long after it was sent: it counts for the day it was sent.</summary>
    public string ArrivedLate(Sender sender, DateTime sentLocal)
    {
        var language = ReplyLanguages.For(sender.Language);
        return language.ArrivedLate(language.Day(DateOnly.FromDateTime(sentLocal)), language.Time(TimeOnly.FromDateTime(sentLocal)));
    }

    public string NothingToUndo(Sender sender) => ReplyLanguages.For(sender.Language).NothingToUndo;

    public string NothingToConfirm(Sender sender) => ReplyLanguages.For(sender.Language).NothingToConfirm;

    public string MemberAdded(Sender admin, string name, string phone, IReadOnlyList<string> units)
    {
        var language = ReplyLanguages.For(admin.Language);
        return language.MemberAdded(name, phone, language.JoinList(units.Select(u => UnitName(language, u)).ToList()));
    }

    public string NotChanged(Sender admin, string ownerName, string phone, Role ownerRole, AddRefusal why) =>
        ReplyLanguages.For(admin.Language).NotChanged(ownerName, phone, ownerRole, why);

    public string AdminUsage(Sender admin) =>
        ReplyLanguages.For(admin.Language).AdminUsage($"add 9876543210 {catalog.Units[0].Name} Ramesh Kumar");

    public string OnlyAdmins(Sender sender) => ReplyLanguages.For(sender.Language).OnlyAdmins;

    static string? Format(long? value) => value is { } v ? IndianNumber.Format(v) : null;

    string RecordedLine(ReplyLanguage language, RecordedFigure figure, DateOnly? today)
    {
        var unit = UnitName(language, figure.Unit);
        var indicator = catalog.FindIndicator(figure.Indicator) is { } i ? language.IndicatorName(i) : figure.Indicator;
        var day = language.Day(figure.Day);
        var value = IndianNumber.Format(figure.NewValue);
        var total = figure.Total;
        var line = figure.OldValue switch
        {
            // A running total sent alone gave the day's figure: show the arithmetic.
            _ when total is { Role: TotalRole.GivesTheDay } => language.FromTotal(unit, IndianNumber.Format(total.Total),
                IndianNumber.Format(total.RecordedBefore), value, indicator, day, figure.Day == today),
            { } old when figure.Added => language.Added(unit, IndianNumber.Format(old), IndianNumber.Format(figure.Reported), value, indicator, day),
            { } old when old != figure.NewValue => language.Updated(unit, IndianNumber.Format(old), value, indicator, day),
            // "1240 nahi 1420" as the day's first figure: the message's own correction is the old → new.
            _ when figure.Withdrawn is { } withdrawn => language.Corrected(unit, IndianNumber.Format(withdrawn), value, indicator, day),
            { } old => language.Updated(unit, IndianNumber.Format(old), value, indicator, day),
            null => language.Recorded(unit, value, indicator, day),
        };
        if (total is { Role: TotalRole.ChecksTheDay } && figure.Flag != FigureFlag.TotalDisagrees)
            line += language.TotalConfirmed(IndianNumber.Format(total.Total));
        var reference = IndianNumber.Format(figure.FlagReference ?? 0);
        return figure.Flag switch
        {
            FigureFlag.Spike => line + " " + language.Spike(unit, reference),
            FigureFlag.Drop => line + " " + language.Drop(unit, reference),
            FigureFlag.TotalCoversGap when total is not null => line + " " + language.TotalCoversGap(unit, value, total.DaysWithoutFigure),
            FigureFlag.TotalDisagrees when total is not null => line + " " + language.TotalDisagrees(unit, IndianNumber.Format(total.Total),
                IndianNumber.Format(total.RecordedBefore), value, IndianNumber.Format(total.RecordedBefore + figure.NewValue)),
            _ => line,
        };
    }

    string ExampleFor(ReplyLanguage language, string unit, Sender sender) =>
        Example(language, catalog.FindUnit(unit) ?? ExampleUnit(sender));

    string ErrorLine(ReplyLanguage language, Sender sender, ReadError error)
    {
        var example = Example(language, error.Unit is { } named ? catalog.FindUnit(named) ?? ExampleUnit(sender) : ExampleUnit(sender));
        var unit = error.Unit is { } u ? UnitName(language, u) : error.Fragment;
        var candidates = error.Candidates.Select(c => UnitName(language, c)).ToList();
        return error.Kind switch
        {
            ReadErrorKind.UnknownUnit => language.UnknownUnit(error.Fragment, catalog.District, candidates,
                candidates.Count > 0 ? $"{candidates[0]} {ValueOr(error)}" : example),
            ReadErrorKind.AmbiguousUnit when sender.Units.Count > 1 && error.Candidates.All(c => sender.Units.Contains(c)) =>
                language.WhichOfYourUnits(sender.Units.Select(x => UnitName(language, x)).ToList(),
                    $"{UnitName(language, sender.Units[0])} {ValueOr(error)}"),
            ReadErrorKind.AmbiguousUnit => language.AmbiguousUnit(error.Fragment,
                candidates.Count > 0 ? candidates : sender.Units.Select(x => UnitName(language, x)).ToList(),
                $"{(candidates.Count > 0 ? candidates[^1] : unit)} {ValueOr(error)}"),
            ReadErrorKind.MissingNumber => language.MissingNumber(unit, example),
            ReadErrorKind.AmbiguousNumber when error.RelativeToAnotherDay => language.RelativeNumber(unit, example),
            ReadErrorKind.AmbiguousNumber => language.AmbiguousNumber(unit, example),
            ReadErrorKind.InvalidNumber => language.InvalidNumber(error.Fragment, example),
            ReadErrorKind.NegativeNumber => language.NegativeNumber(unit, example),
            ReadErrorKind.ImplausibleNumber => language.ImplausibleNumber(unit,
                error.Value is { } v ? IndianNumber.Format(v) : error.Fragment, IndianNumber.Format(settings.PlausibilityCeiling), example),
            ReadErrorKind.FutureDate => language.FutureDate(error.Date is { } d ? language.Day(d) : error.Fragment, example),
            ReadErrorKind.StaleDate => language.StaleDate(error.Date is { } s ? language.Day(s) : error.Fragment, settings.MaxDaysBack),
            _ => language.InvalidNumber(error.Fragment, example),
        };
    }

    static string ValueOr(ReadError error) => error.Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "1240";

    static string Example(ReplyLanguage language, Unit unit) => $"{language.UnitName(unit)} {(language.Code == "hi" ? "१२४०" : "1240")}";

    Unit ExampleUnit(Sender sender) =>
        sender.Units.Select(catalog.FindUnit).FirstOrDefault(u => u is not null) ?? catalog.Units[0];

    string UnitName(ReplyLanguage language, string unit) =>
        catalog.FindUnit(unit) is { } found ? language.UnitName(found) : unit;
}
