using ReportBot.Reporting.Districts;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Rhythm;

/// <summary>A member of the district as the rhythm sees them.</summary>
/// <param name="ImageCaption">The longest picture caption on the way they are reached (their channel, free text); null:
/// no picture reaches them (a channel without pictures, or a closed 24-hour window, where only a template goes).</param>
public sealed record RhythmContact(int Id, Role Role, string Language, IReadOnlyList<string> Units, string Name = "", int? ImageCaption = null);

/// <summary>What a slot's messages are made from, loaded for its day.</summary>
/// <param name="DayFigures">The day's figures of the district's main indicator, by unit name.</param>
/// <param name="DriveTotal">The district's total over the campaign's days up to this one.</param>
/// <param name="Flags">The day's figures flagged for review.</param>
/// <param name="Cutoff">The district's local cut-off time.</param>
/// <param name="LocalTime">The district's local time of the run.</param>
public sealed record RhythmFacts(
    IReadOnlyDictionary<string, long> DayFigures, long DriveTotal, IReadOnlyList<(string Unit, FigureFlag Flag)> Flags, TimeOnly Cutoff, TimeOnly LocalTime)
{
    /// <summary>The district's local day of the run; null: the day the facts are for.</summary>
    public DateOnly? LocalDay { get; init; }

    /// <summary>The last earlier day of the drive with figures of the main indicator (at most a week back), by unit.</summary>
    public PreviousDay? Previous { get; init; }

    /// <summary>The day's district total of each other indicator that has figures, by indicator key.</summary>
    public IReadOnlyDictionary<string, long> OtherTotals { get; init; } = new Dictionary<string, long>();

    /// <summary>The district's whole-campaign targets (period `campaign`, no unit), by indicator key.</summary>
    public IReadOnlyDictionary<string, long> CampaignTargets { get; init; } = new Dictionary<string, long>();

    /// <summary>The reporters' names of each unit.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Reporters { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One message of a slot: to whom, its text, and the approved template (with its variables) for a closed window.</summary>
/// <param name="TemplateName">Null for the chart alone (its text follows): no template stands in for a picture.</param>
/// <param name="Chart">The language of the day's chart it carries (<see cref="SummaryChart"/>), or null.</param>
public sealed record RhythmMessage(int ContactId, string Text, string? TemplateName, string TemplateLanguage, IReadOnlyList<string> TemplateVariables,
    string? Chart = null);

/// <summary>A district's linked group as the rhythm sees it.</summary>
/// <param name="Languages">Each of the slot's messages is posted once in each (`hi`, `en`).</param>
/// <param name="Members">The district's members seen writing there: the rhythm reaches them in the group, not one-to-one.</param>
/// <param name="MentionAddresses">Members' addresses on the group's channel, for those the channel can mention.</param>
/// <param name="Mentions">The channel can mention a member so that their phone notifies them.</param>
/// <param name="ImageCaption">The longest picture caption on the group's channel; null: the channel sends no pictures.</param>
public sealed record RhythmGroup(int Id, IReadOnlyList<string> Languages, IReadOnlySet<int> Members,
    IReadOnlyDictionary<int, string> MentionAddresses, bool Mentions, int? ImageCaption = null);

/// <summary>One message of a slot posted in a group: its text, and the members it mentions (address, and the name in the text).</summary>
/// <param name="Chart">The language of the day's chart it carries (<see cref="SummaryChart"/>), or null.</param>
public sealed record GroupRhythmMessage(int GroupId, string Text, IReadOnlyList<(string Address, string Name)> Mentions, string? Chart = null);

/// <summary>
/// Who gets what when a slot fires, decided without I/O: a reminder only to the reporters of units with no figure yet,
/// naming those units; the escalation to officers and admins; the summary to everyone. Each text is written once
/// per language, not once per member (a 7,000-unit summary took 177 ms each time).
/// </summary>
public static class RhythmRules
{
    /// <summary>WhatsApp caps a template variable at 1,024 characters; a long list of units ends "and N more".</summary>
    public const int TemplateVariableLimit = 1024;

    /// <param name="chart">The summary carries the day's chart (<see cref="SummaryChart.Carries"/>), where it can reach.</param>
    public static IReadOnlyList<RhythmMessage> Compose(SlotKind kind, DistrictSetting district, IReadOnlyList<RhythmContact> contacts, DateOnly day, RhythmFacts facts,
        bool chart = false) =>
        kind switch
        {
            SlotKind.Summary => Summary(district, contacts, day, facts, chart),
            SlotKind.Reminder => Reminders(district, contacts, facts),
            SlotKind.Escalation => Escalation(district, contacts, day, facts),
            _ => [],
        };

    /// <summary>
    /// A slot in the district's linked groups: the summary and the escalation once per group and language, and the
    /// reminder naming each missing unit's reporters — mentioned where the channel can — only when some unit is missing.
    /// Members seen in a linked group get nothing one-to-one (<see cref="OneToOne"/>): the group is where they read it.
    /// </summary>
    /// <param name="chart">The summary carries the day's chart (<see cref="SummaryChart.Carries"/>), in each group's language.</param>
    public static IReadOnlyList<GroupRhythmMessage> ComposeForGroups(SlotKind kind, DistrictSetting district, IReadOnlyList<RhythmContact> contacts,
        IReadOnlyList<RhythmGroup> groups, DateOnly day, RhythmFacts facts, bool chart = false)
    {
        var messages = new List<GroupRhythmMessage>();
        var missing = Missing(district, facts).Order().ToList();
        var reporters = contacts.Where(c => c.Role == Role.Reporter).ToList();
        foreach (var group in groups)
            foreach (var code in group.Languages.Distinct())
            {
                var language = ReplyLanguages.For(code);
                switch (kind)
                {
                    case SlotKind.Summary:
                        var parts = new SummaryWriter(district.Catalog).Write(language, SummaryOf(district, day, facts));
                        messages.AddRange(SummaryChart.Place(parts, chart ? group.ImageCaption : null)
                            .Select(part => new GroupRhythmMessage(group.Id, part.Text, [], part.Chart ? language.Code : null)));
                        break;
                    case SlotKind.Escalation:
                        messages.Add(new GroupRhythmMessage(group.Id,
                            new RhythmWriter(district.Catalog).Escalation(language, day, facts.LocalTime, district.Units.Count, missing), []));
                        break;
                    case SlotKind.Reminder when missing.Count > 0:
                        var waiting = missing.Select(unit => (Unit: unit, Reporters: reporters
                            .Where(r => r.Units.Contains(unit, StringComparer.OrdinalIgnoreCase)).ToList())).ToList();
                        var mentions = group.Mentions
                            ? waiting.SelectMany(w => w.Reporters).DistinctBy(r => r.Id)
                                .Where(r => group.MentionAddresses.ContainsKey(r.Id)).Select(r => (group.MentionAddresses[r.Id], r.Name)).ToList()
                            : [];
                        messages.Add(new GroupRhythmMessage(group.Id, new RhythmWriter(district.Catalog).GroupReminder(language,
                            waiting.Select(w => (w.Unit, (IReadOnlyList<string>)w.Reporters.Select(r => r.Name).ToList())).ToList(), facts.Cutoff), mentions));
                        break;
                }
            }
        return messages;
    }

    /// <summary>The contacts a slot still reaches one-to-one: those seen in none of the district's linked groups.</summary>
    public static IReadOnlyList<RhythmContact> OneToOne(IReadOnlyList<RhythmContact> contacts, IReadOnlyList<RhythmGroup> groups) =>
        contacts.Where(c => !groups.Any(g => g.Members.Contains(c.Id))).ToList();

    /// <summary>
    /// The summary's facts: the main indicator's standing and drive; the other indicators that have a figure or a
    /// target for the day (a campaign that counts only Ayushman cards gets no line of zeros); the campaign's target.
    /// </summary>
    public static SummaryFacts SummaryOf(DistrictSetting district, DateOnly day, RhythmFacts facts)
    {
        var main = district.Catalog.DefaultIndicator.Key;
        var none = new Dictionary<string, long>();
        var others = district.Catalog.Indicators.Where(i => !string.Equals(i.Key, main, StringComparison.OrdinalIgnoreCase))
            .Select(i => new IndicatorDay(i, facts.OtherTotals.TryGetValue(i.Key, out var total) ? total : 0, district.Standing(none, i.Key).DistrictTarget))
            .Where(i => facts.OtherTotals.ContainsKey(i.Indicator.Key) || i.Target is not null)
            .ToList();
        return new(day, facts.LocalTime, district.Standing(facts.DayFigures, main),
            district.Campaign is { } c ? (c.StartsOn, c.EndsOn) : null,
            district.Campaign is null ? facts.DayFigures.Values.Sum() : facts.DriveTotal, facts.Flags)
        {
            Today = facts.LocalDay,
            Previous = facts.Previous,
            CampaignTarget = district.Campaign is not null && facts.CampaignTargets.TryGetValue(main, out var target) ? target : null,
            OtherIndicators = others,
            Reporters = facts.Reporters,
        };
    }

    /// <summary>The units with no figure yet for the day.</summary>
    public static IReadOnlySet<string> Missing(DistrictSetting district, RhythmFacts facts) =>
        district.Units.Keys.Where(u => !facts.DayFigures.ContainsKey(u)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    static List<RhythmMessage> Summary(DistrictSetting district, IReadOnlyList<RhythmContact> contacts, DateOnly day, RhythmFacts facts, bool chart)
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
            return SummaryChart.Place(parts, chart ? contact.ImageCaption : null).Select(part =>
                new RhythmMessage(contact.Id, part.Text, part.Chart && part.Text.Length == 0 ? null : "daily_summary", code, variables, part.Chart ? code : null));
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
