using System.Text;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Rhythm;

/// <summary>What a district summary reports: the day's standing, the drive so far, and the flagged figures.</summary>
public sealed record SummaryFacts(
    DateOnly Day,
    TimeOnly At,
    DayStanding Standing,
    (DateOnly From, DateOnly To)? CampaignDays,
    long CampaignTotal,
    IReadOnlyList<(string Unit, FigureFlag Flag)> Flags);

/// <summary>
/// The district summary as it reads on a phone: the day's total against target, the drive so far, how many units
/// reported, every unit with its figure, target and percentage (highest first, so the laggards are at the bottom),
/// the units below half their target, those not reported, and the flagged figures — in the reader's language, in
/// parts that each fit one WhatsApp message. The unit lines add up to the day's total.
/// </summary>
public sealed class SummaryWriter(DistrictCatalog catalog)
{
    public IReadOnlyList<string> Write(ReplyLanguage language, SummaryFacts facts, int limit = MessageSplitter.TwilioLimit)
    {
        var standing = facts.Standing;
        var text = new StringBuilder();
        text.AppendLine(language.SummaryTitle(language.IndicatorName(catalog.DefaultIndicator), catalog.District));
        text.AppendLine($"{language.DayWithYear(facts.Day)}, {language.Time(facts.At)}");
        text.AppendLine();
        text.AppendLine(language.SummaryToday(IndianNumber.Format(standing.Total), Format(standing.DistrictTarget), standing.TotalPercent));
        if (facts.CampaignDays is { } days)
            text.AppendLine(language.SummaryDriveTotal(language.DayMonth(days.From), language.DayMonth(days.To), IndianNumber.Format(facts.CampaignTotal)));
        text.AppendLine(language.SummaryReported(standing.Reported, standing.Units.Count));

        var reported = standing.Units.Where(u => u.Value is not null)
            .OrderByDescending(u => u.Percent ?? -1).ThenByDescending(u => u.Value).ThenBy(u => u.Unit).ToList();
        if (reported.Count > 0)
        {
            var names = reported.Select(u => Name(language, u.Unit)).ToList();
            var nameWidth = names.Max(n => n.Length);
            var valueWidth = reported.Max(u => IndianNumber.Format(u.Value!.Value).Length);
            var targetWidth = reported.Max(u => u.Target is { } t ? IndianNumber.Format(t).Length : 0);
            var rankWidth = Math.Max(2, reported.Count.ToString().Length);
            var percentWidth = Math.Max(3, reported.Max(u => u.Percent?.ToString().Length ?? 0));
            text.AppendLine();
            text.AppendLine("```");
            for (var i = 0; i < reported.Count; i++)
            {
                var unit = reported[i];
                var line = new StringBuilder($"{(i + 1).ToString().PadLeft(rankWidth)}. {names[i].PadRight(nameWidth)}  {IndianNumber.Format(unit.Value!.Value).PadLeft(valueWidth)}");
                if (targetWidth > 0)
                    line.Append(" / ").Append((unit.Target is { } t ? IndianNumber.Format(t) : "—").PadLeft(targetWidth));
                if (unit.Percent is { } percent)
                    line.Append(' ').Append(percent.ToString().PadLeft(percentWidth + 1)).Append('%').Append(percent * 2 < 100 ? " ⚠️" : "");
                text.AppendLine(line.ToString());
            }
            text.AppendLine("```");
        }

        var missing = standing.Units.Where(u => u.Value is null).Select(u => Name(language, u.Unit)).ToList();
        var belowHalf = reported.Where(u => u.Percent * 2 < 100).Select(u => Name(language, u.Unit)).ToList();
        var flagged = facts.Flags.Select(f => $"{Name(language, f.Unit)} ({Short(language, f.Flag)})").ToList();
        if (missing.Count + belowHalf.Count + flagged.Count > 0)
            text.AppendLine();
        if (missing.Count > 0)
            text.AppendLine(language.SummaryNotReported(string.Join(", ", missing)));
        if (belowHalf.Count > 0)
            text.AppendLine(language.SummaryBelowHalf(string.Join(", ", belowHalf)));
        if (flagged.Count > 0)
            text.AppendLine(language.SummaryFlagged(string.Join(", ", flagged)));
        return MessageSplitter.Split(text.ToString().TrimEnd(), limit);
    }

    string Name(ReplyLanguage language, string unit) => catalog.FindUnit(unit) is { } found ? language.UnitName(found) : unit;

    static string? Format(long? value) => value is { } v ? IndianNumber.Format(v) : null;

    static string Short(ReplyLanguage language, FigureFlag flag) => flag switch
    {
        FigureFlag.Spike => language.SpikeShort,
        FigureFlag.Drop => language.DropShort,
        FigureFlag.TotalCoversGap => language.TotalCoversGapShort,
        FigureFlag.TotalDisagrees => language.TotalDisagreesShort,
        _ => flag.ToString(),
    };
}
