using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Replies;

namespace ReportBot.Reporting.Rhythm;

/// <summary>The reminder to a reporter with units still missing, and the escalation to the district's officers.</summary>
public sealed class RhythmWriter(DistrictCatalog catalog)
{
    public string Reminder(ReplyLanguage language, IReadOnlyList<string> missingUnits, TimeOnly cutoff)
    {
        var units = missingUnits.Select(u => catalog.FindUnit(u) is { } found ? language.UnitName(found) : u).ToList();
        var example = $"{units[0]} {(language.Code == "hi" ? "१२४०" : "1240")}";
        return language.Reminder(language.JoinList(units), language.IndicatorName(catalog.DefaultIndicator), language.Time(cutoff), example);
    }

    /// <summary>The group's reminder: each missing unit with its reporters' names (which the channel may make mentions).</summary>
    public string GroupReminder(ReplyLanguage language, IReadOnlyList<(string Unit, IReadOnlyList<string> Reporters)> missing, TimeOnly cutoff)
    {
        var lines = missing.Select(m =>
        {
            var unit = catalog.FindUnit(m.Unit) is { } found ? language.UnitName(found) : m.Unit;
            return m.Reporters.Count == 0 ? $"*{unit}*" : $"*{unit}* ({string.Join(", ", m.Reporters)})";
        }).ToList();
        var first = catalog.FindUnit(missing[0].Unit) is { } u ? language.UnitName(u) : missing[0].Unit;
        var example = $"{first} {(language.Code == "hi" ? "१२४०" : "1240")}";
        return language.GroupReminder(string.Join(", ", lines), language.IndicatorName(catalog.DefaultIndicator), language.Time(cutoff), example);
    }

    public string Escalation(ReplyLanguage language, DateOnly day, TimeOnly at, int units, IReadOnlyList<string> missingUnits)
    {
        var names = missingUnits.Select(u => catalog.FindUnit(u) is { } found ? $"*{language.UnitName(found)}*" : u).ToList();
        return names.Count == 0
            ? language.EscalationAllIn(catalog.District, language.Day(day), language.Time(at), units)
            : language.Escalation(catalog.District, language.Day(day), language.Time(at), units - names.Count, units, string.Join(", ", names));
    }
}
