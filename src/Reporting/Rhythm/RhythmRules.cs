using ReportBot.Reporting.Districts;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Rhythm;

/// <summary>A member of the district as the rhythm sees them.</summary>
public sealed record RhythmContact(int Id, Role Role, string Language, IReadOnlyList<string> Units);

/// <summary>What a slot's messages are made from, loaded for its day.</summary>
/// <param name="DayFigures">The day's figures of the district's main indicator, by unit name.</param>
/// <param name="DriveTotal">The district's total over the campaign's days up to this one.</param>
/// <param name="Flags">The day's figures flagged for review.</param>
/// <param name="Cutoff">The district's local cut-off time.</param>
/// <param name="LocalTime">The district's local time of the run.</param>
public sealed record RhythmFacts(
    IReadOnlyDictionary<string, long> DayFigures, long DriveTotal, IReadOnlyList<(string Unit, FigureFlag Flag)> Flags, TimeOnly Cutoff, TimeOnly LocalTime);

/// <summary>One message of a slot: to whom, its text, and the approved template (with its variables) for a closed window.</summary>
public sealed record RhythmMessage(int ContactId, string Text, string TemplateName, string TemplateLanguage, IReadOnlyList<string> TemplateVariables);

/// <summary>
/// Who gets what when a slot fires, decided without I/O: a reminder only to the reporters of units with no figure yet,
/// naming those units; the escalation to officers and admins; the summary to everyone. Each text is written once
/// per language, not once per member (a 7,000-unit summary took 177 ms each time).
/// </summary>
public static class RhythmRules
{
    /// <summary>WhatsApp caps a template variable at 1,024 characters; a long list of units ends "and N more".</summary>
    public const int TemplateVariableLimit = 1024;

    public static IReadOnlyList<RhythmMessage> Compose(SlotKind kind, DistrictSetting district, IReadOnlyList<RhythmContact> contacts, DateOnly day, RhythmFacts facts) =>
        kind switch
        {
            SlotKind.Summary => Summary(district, contacts, day, facts),
            SlotKind.Reminder => Reminders(district, contacts, facts),
            SlotKind.Escalation => Escalation(district, contacts, day, facts),
            _ => [],
        };

    public static SummaryFacts SummaryOf(DistrictSetting district, DateOnly day, RhythmFacts facts) =>
        new(day, facts.LocalTime, district.Standing(facts.DayFigures, district.Catalog.DefaultIndicator.Key),
            district.Campaign is { } c ? (c.StartsOn, c.EndsOn) : null,
            district.Campaign is null ? facts.DayFigures.Values.Sum() : facts.DriveTotal, facts.Flags);

    /// <summary>The units with no figure yet for the day.</summary>
    public static IReadOnlySet<string> Missing(DistrictSetting district, RhythmFacts facts) =>
        district.Units.Keys.Where(u => !facts.DayFigures.ContainsKey(u)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    static List<RhythmMessage> Summary(DistrictSetting district, IReadOnlyList<RhythmContact> contacts, DateOnly day, RhythmFacts facts)
    {
        var summary = SummaryOf(district, day, facts);
        var writer = new SummaryWriter(district.Catalog);
        var standing = summary.Standing;
        var byLanguage = contacts.Select(c => c.Language).Distinct().ToDictionary(l => l, l =>
        {
            var language = ReplyLanguages.For(l);
            IReadOnlyList<string> variables =
            [
                district.Catalog.District, language.Day(day), IndianNumber.Format(standing.Total),
                standing.DistrictTarget is { } t ? IndianNumber.Format(t) : "—", $"{standing.TotalPercent ?? 0}%",
                $"{standing.Reported}/{standing.Units.Count}",
            ];
            return (Parts: writer.Write(language, summary), language.Code, variables);
        });
        return contacts.SelectMany(contact =>
        {
            var (parts, code, variables) = byLanguage[contact.Language];
            return parts.Select(part => new RhythmMessage(contact.Id, part, "daily_summary", code, variables));
        }).ToList();
    }

    static List<RhythmMessage> Reminders(DistrictSetting district, IReadOnlyList<RhythmContact> contacts, RhythmFacts facts)
    {
        var missing = Missing(district, facts);
        var writer = new RhythmWriter(district.Catalog);
        var messages = new List<RhythmMessage>();
        foreach (var contact in contacts.Where(c => c.Role == Role.Reporter))
        {
            var theirs = contact.Units.Where(missing.Contains).ToList();
            if (theirs.Count == 0)
                continue; // reported, or no unit: only those still missing are reminded
            var language = ReplyLanguages.For(contact.Language);
            messages.Add(new RhythmMessage(contact.Id, writer.Reminder(language, theirs, facts.Cutoff), "reminder", language.Code,
                [Bounded(theirs, language), language.Time(facts.Cutoff)]));
        }
        return messages;
    }

    static List<RhythmMessage> Escalation(DistrictSetting district, IReadOnlyList<RhythmContact> contacts, DateOnly day, RhythmFacts facts)
    {
        var missing = Missing(district, facts).Order().ToList();
        var writer = new RhythmWriter(district.Catalog);
        var units = district.Units.Count;
        var byLanguage = contacts.Select(c => c.Language).Distinct().ToDictionary(l => l, l =>
        {
            var language = ReplyLanguages.For(l);
            return (Text: writer.Escalation(language, day, facts.LocalTime, units, missing), language.Code,
                Variables: (IReadOnlyList<string>)
                [
                    district.Catalog.District, language.Day(day), $"{units - missing.Count}/{units}",
                    missing.Count == 0 ? "—" : Bounded(missing, language),
                ]);
        });
        return contacts.Where(c => c.Role.ReportsForWholeDistrict()).Select(contact =>
        {
            var (text, code, variables) = byLanguage[contact.Language];
            return new RhythmMessage(contact.Id, text, "escalation", code, variables);
        }).ToList();
    }

    /// <summary>A list of units for a template variable, cut to fit with "and N more".</summary>
    static string Bounded(IReadOnlyList<string> units, ReplyLanguage language)
    {
        var joined = string.Join(", ", units);
        if (joined.Length <= TemplateVariableLimit)
            return joined;
        for (var shown = units.Count - 1; shown > 0; shown--)
        {
            var text = string.Join(", ", units.Take(shown)) + ", " + language.AndMore(units.Count - shown);
            if (text.Length <= TemplateVariableLimit)
                return text;
        }
        return language.AndMore(units.Count);
    }
}
