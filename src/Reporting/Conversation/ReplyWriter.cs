using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Replies;

namespace ReportBot.Reporting.Conversation;

/// <summary>
/// Writes the bot's answer to one message: the figure first, then what could not be read with the right form to send,
/// in the sender's language and with the sender's own unit in every example.
/// </summary>
public sealed class ReplyWriter(DistrictCatalog catalog, ReaderSettings settings)
{
    /// <summary>The reply to a message that carried figures or errors; null when there is nothing to say.</summary>
    public string? Compose(
        Sender sender,
        IReadOnlyList<RecordedFigure> recorded,
        IReadOnlyList<ReadError> errors,
        IReadOnlyList<ReadReport> notPermitted)
    {
        var language = ReplyLanguages.For(sender.Language);
        var lines = new List<string>();
        foreach (var figure in recorded)
            lines.Add(RecordedLine(language, figure));
        foreach (var report in notPermitted.DistinctBy(r => r.Unit))
            lines.Add(language.NotYourUnit(UnitName(language, report.Unit), sender.Units.Select(u => UnitName(language, u)).ToList()));
        foreach (var error in errors)
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

    /// <summary>The sender's units today (issue #4 grows this into targets and rank).</summary>
    public string Status(Sender sender, DateOnly today, IReadOnlyDictionary<(string Unit, string Indicator), long> todaysFigures)
    {
        var language = ReplyLanguages.For(sender.Language);
        var day = language.Day(today);
        var units = sender.Units.Count > 0 ? sender.Units : todaysFigures.Keys.Select(k => k.Unit).Distinct().Order().ToList();
        if (units.Count == 0)
            return language.StatusNone(day);
        var indicator = catalog.DefaultIndicator;
        return string.Join("\n", units.Select(unit =>
            language.StatusLine(
                UnitName(language, unit), day,
                todaysFigures.TryGetValue((unit, indicator.Key), out var value) ? IndianNumber.Format(value) : null,
                language.IndicatorName(indicator))));
    }

    string RecordedLine(ReplyLanguage language, RecordedFigure figure)
    {
        var unit = UnitName(language, figure.Unit);
        var indicator = catalog.FindIndicator(figure.Indicator) is { } i ? language.IndicatorName(i) : figure.Indicator;
        var day = language.Day(figure.Day);
        var value = IndianNumber.Format(figure.NewValue);
        if (figure.OldValue is not { } old)
            return language.Recorded(unit, value, indicator, day);
        return figure.Added
            ? language.Added(unit, IndianNumber.Format(old), IndianNumber.Format(figure.Reported), value, indicator, day)
            : language.Updated(unit, IndianNumber.Format(old), value, indicator, day);
    }

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
            ReadErrorKind.AmbiguousNumber => language.AmbiguousNumber(unit, example),
            ReadErrorKind.InvalidNumber => language.InvalidNumber(error.Fragment, example),
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
