using System.Text.RegularExpressions;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Districts;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Rules;
using ReportBot.Reporting.Tests.Reading;

namespace ReportBot.Reporting.Tests.Rhythm;

/// <summary>The summary the DM reads on a phone: who to call, the day before, the other indicators, the drive's target, a table that fits.</summary>
public sealed class SummaryOnAPhoneTests
{
    static readonly DateOnly Wednesday = new(2025, 12, 3), Tuesday = new(2025, 12, 2);
    static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    static DistrictSetting Setting(string district, params DayTarget[] targets) =>
        new(1, Corpus.CatalogOf(district), Kolkata,
            Corpus.UnitsOf(district).Select((u, i) => new DistrictUnit(i + 1, u.Name)).ToList(),
            new CampaignSetting("Ayushman drive", new DateOnly(2025, 11, 22), new DateOnly(2025, 12, 31), 7, 20_000),
            [.. Corpus.UnitsOf(district).Select(u => new DayTarget(u.Name, "ayushman", 600)), .. targets]);

    /// <summary>Every unit but the last two reported, on both days; a few below half; large figures to widen the columns.</summary>
    static RhythmFacts Day(DistrictSetting district, int seed = 0)
    {
        var units = district.Units.Keys.Order().ToList();
        var today = units.Take(units.Count - 2).Select((u, i) => (u, Value: (long)(i * 7919 + seed) % 1400 + (i == 0 ? 12_000 : 150)))
            .ToDictionary(x => x.u, x => x.Value, StringComparer.OrdinalIgnoreCase);
        var before = units.Skip(1).Select((u, i) => (u, Value: (long)(i * 104729 + seed) % 900 + 100))
            .ToDictionary(x => x.u, x => x.Value, StringComparer.OrdinalIgnoreCase);
        return new RhythmFacts(today, 1_96_810, [], new(17, 0), new(17, 30))
        {
            LocalDay = Wednesday,
            Previous = new PreviousDay(Tuesday, before),
            OtherTotals = new Dictionary<string, long> { ["vayvandana"] = 312 },
            CampaignTargets = new Dictionary<string, long> { ["ayushman"] = 3_50_000 },
            Reporters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
            {
                [units[^2]] = ["सुनीता देवी"],
                [units[^1]] = [],
            },
        };
    }

    static string Summary(DistrictSetting district, ReplyLanguage language, RhythmFacts facts, DateOnly? day = null) =>
        string.Join("\n", new SummaryWriter(district.Catalog).Write(language, RhythmRules.SummaryOf(district, day ?? Wednesday, facts)));

    static List<string> TableLines(string summary)
    {
        var lines = summary.Split('\n');
        var open = Array.IndexOf(lines, "```");
        var close = Array.IndexOf(lines, "```", open + 1);
        return lines[(open + 1)..close].ToList();
    }

    public static TheoryData<string, string> Districts => new()
    {
        { "Darbhanga", "en" }, { "Darbhanga", "hi" }, { "Madhubani", "en" }, { "Madhubani", "hi" },
        { "Muzaffarpur", "en" }, { "Muzaffarpur", "hi" },
    };

    [Theory]
    [MemberData(nameof(Districts))]
    public void Every_line_of_the_table_fits_a_360_px_phone_with_its_percent(string name, string code)
    {
        var district = Setting(name);
        foreach (var seed in new[] { 0, 17, 401 })
        {
            var table = TableLines(Summary(district, ReplyLanguages.For(code), Day(district, seed)));
            Assert.Equal(district.Units.Count - 2, table.Count);
            Assert.All(table, line => Assert.True(DisplayWidth.Of(line) <= SummaryWriter.PhoneColumns, $"{DisplayWidth.Of(line)} columns: {line}"));
            Assert.All(table, line => Assert.Matches(@"\d+%", line));
        }
    }

    [Theory]
    [MemberData(nameof(Districts))]
    public void The_columns_line_up_by_display_width_in_either_script(string name, string code)
    {
        var district = Setting(name);
        var table = TableLines(Summary(district, ReplyLanguages.For(code), Day(district)));
        // Where each line's figure ends, and its %, counted in columns as the phone shows them.
        var figureEnds = table.Select(l => DisplayWidth.Of(l[..Regex.Match(l, @"[\d,]+ +\d+%").Index]) + Regex.Match(l, @"[\d,]+(?= +\d+%)").Length).Distinct();
        var percentEnds = table.Select(l => DisplayWidth.Of(l[..(l.IndexOf('%') + 1)])).Distinct();
        var rankEnds = table.Select(l => l.IndexOf('.')).Distinct();
        Assert.Single(figureEnds);
        Assert.Single(percentEnds);
        Assert.Single(rankEnds);
    }

    [Fact]
    public void The_hindi_table_pads_names_by_what_the_eye_sees_not_by_chars()
    {
        var district = Setting("Darbhanga");
        var facts = new RhythmFacts(new Dictionary<string, long> { ["Jale"] = 455, ["Benipur"] = 1300 }, 1755, [], new(17, 0), new(17, 30)) { LocalDay = Wednesday };
        var table = TableLines(Summary(district, ReplyLanguages.Hindi, facts));
        Assert.Equal([" 1. बेनीपुर 1,300 217%", " 2. जाले     455  76%"], table);
    }

    [Fact]
    public void The_unit_lines_still_add_up_to_the_days_total()
    {
        var district = Setting("Darbhanga");
        var facts = Day(district);
        var summary = Summary(district, ReplyLanguages.Hindi, facts);
        var values = TableLines(summary).Select(l => long.Parse(Regex.Match(l, @"([\d,]+) +\d+%").Groups[1].Value.Replace(",", "")));
        Assert.Equal(facts.DayFigures.Values.Sum(), values.Sum());
    }

    [Fact]
    public void A_unit_not_reported_is_named_with_who_reports_for_it()
    {
        var district = Setting("Darbhanga");
        var summary = Summary(district, ReplyLanguages.English, Day(district));
        Assert.Contains("Not reported: Singhwara (सुनीता देवी), Tardih (—)", summary);
        Assert.Contains("रिपोर्ट नहीं आई: सिंहवाड़ा (सुनीता देवी), तारडीह (—)", Summary(district, ReplyLanguages.Hindi, Day(district)));
    }

    [Fact]
    public void The_day_is_compared_with_the_day_before()
    {
        var district = Setting("Darbhanga");
        var facts = new RhythmFacts(new Dictionary<string, long> { ["Jale"] = 455, ["Benipur"] = 1300 }, 1755, [], new(17, 0), new(17, 30))
        {
            LocalDay = Wednesday,
            Previous = new PreviousDay(Tuesday, new Dictionary<string, long> { ["Jale"] = 500, ["Benipur"] = 1000 }),
        };
        var summary = Summary(district, ReplyLanguages.English, facts);
        Assert.Contains("vs Tue 2 Dec (1,500): ▲ 255 (+17%)", summary);
        Assert.Contains(" 1. Benipur 1,300 217% +300", summary);
        Assert.Contains(" 2. Jale      455  76%  -45", summary);
        Assert.Contains("± = change from Tue 2 Dec", summary);
        Assert.Contains("मंगल 2 दिसंबर (1,500) से: ▲ 255 (+17%)", Summary(district, ReplyLanguages.Hindi, facts));

        var fewer = facts with { DayFigures = new Dictionary<string, long> { ["Jale"] = 500, ["Benipur"] = 700 } };
        Assert.Contains("vs Tue 2 Dec (1,500): ▼ 300 (−20%)", Summary(district, ReplyLanguages.English, fewer));
        var same = facts with { DayFigures = new Dictionary<string, long> { ["Jale"] = 500, ["Benipur"] = 1000 } };
        Assert.Contains("vs Tue 2 Dec (1,500): no change", Summary(district, ReplyLanguages.English, same));
    }

    [Fact]
    public void While_units_of_the_day_before_are_missing_only_those_that_reported_both_days_are_compared()
    {
        var district = Setting("Darbhanga");
        var facts = new RhythmFacts(new Dictionary<string, long> { ["Benipur"] = 1300, ["Biraul"] = 200 }, 1500, [], new(17, 0), new(11, 0))
        {
            LocalDay = Wednesday,
            Previous = new PreviousDay(Tuesday, new Dictionary<string, long> { ["Jale"] = 5000, ["Benipur"] = 1000 }),
        };
        var summary = Summary(district, ReplyLanguages.English, facts);
        Assert.Contains("vs Tue 2 Dec, same 1 block (1,000): ▲ 300 (+30%)", summary); // not ▼ 4,500 for Jale not in yet
        Assert.Contains("मंगल 2 दिसंबर से, वही 1 प्रखंड (1,000): ▲ 300 (+30%)", Summary(district, ReplyLanguages.Hindi, facts));

        var nobodyInBoth = facts with { Previous = new PreviousDay(Tuesday, new Dictionary<string, long> { ["Jale"] = 5000 }) };
        Assert.DoesNotContain("vs Tue", Summary(district, ReplyLanguages.English, nobodyInBoth));
    }

    [Fact]
    public void The_change_column_is_left_out_when_it_would_squeeze_the_names()
    {
        var district = Setting("Darbhanga");
        var facts = Day(district);
        var summary = Summary(district, ReplyLanguages.English, facts);
        Assert.Contains("vs Tue 2 Dec", summary); // the district's change is always there
        Assert.DoesNotContain("± = change", summary);
        Assert.DoesNotMatch(@"% +[+-]\d", summary);
    }

    [Fact]
    public void Other_indicators_of_the_campaign_have_a_line_with_their_target()
    {
        var district = Setting("Darbhanga", new DayTarget(null, "vayvandana", 500));
        var summary = Summary(district, ReplyLanguages.English, Day(district));
        Assert.Contains("Vay Vandana cards: *312* / 500 (62%)", summary);
        Assert.Contains("वय वंदना कार्ड: *312* / 500 (62%)", Summary(district, ReplyLanguages.Hindi, Day(district)));

        var nothing = Day(district) with { OtherTotals = new Dictionary<string, long>() };
        Assert.Contains("Vay Vandana cards: *0* / 500 (0%)", Summary(district, ReplyLanguages.English, nothing));
        Assert.DoesNotContain("Vay Vandana", Summary(Setting("Darbhanga"), ReplyLanguages.English, nothing)); // no figure, no target: no line
    }

    [Fact]
    public void The_drive_is_shown_against_the_campaigns_target()
    {
        var district = Setting("Darbhanga");
        Assert.Contains("Drive total (22 Nov – 31 Dec): *1,96,810* / 3,50,000 (56%)", Summary(district, ReplyLanguages.English, Day(district)));
        Assert.Contains("अभियान कुल (22 नवंबर – 31 दिसंबर): *1,96,810* / 3,50,000 (56%)", Summary(district, ReplyLanguages.Hindi, Day(district)));
        var untargeted = Day(district) with { CampaignTargets = new Dictionary<string, long>() };
        Assert.Contains("Drive total (22 Nov – 31 Dec): *1,96,810*\n", Summary(district, ReplyLanguages.English, untargeted));
    }

    [Fact]
    public void A_past_days_summary_names_its_date_and_never_says_today()
    {
        var district = Setting("Darbhanga");
        var facts = Day(district) with { LocalDay = new DateOnly(2025, 12, 7) };
        var summary = Summary(district, ReplyLanguages.English, facts);
        Assert.StartsWith("*Ayushman cards — Darbhanga, Wed 3 Dec 2025*\n", summary);
        Assert.Contains("\nWed 3 Dec: *", summary);
        Assert.DoesNotContain("Today", summary);
        Assert.DoesNotContain("5:30 pm", summary); // the time it was written is not the day's

        var hindi = Summary(district, ReplyLanguages.Hindi, facts);
        Assert.StartsWith("*आयुष्मान कार्ड — Darbhanga, बुध 3 दिसंबर 2025*\n", hindi);
        Assert.DoesNotContain("आज", hindi);

        var today = Summary(district, ReplyLanguages.English, Day(district));
        Assert.Contains("Wed 3 Dec 2025, 5:30 pm", today);
        Assert.Contains("Today: *", today);
    }

    [Fact]
    public void A_summary_still_splits_within_whatsapps_limit()
    {
        var units = Enumerable.Range(1, 900).Select(i => new Unit($"ग्राम पंचायत {i:000}", $"ग्राम पंचायत {i:000}", [])).ToList();
        var district = new DistrictSetting(1, new DistrictCatalog("Bihar", units, Corpus.Indicators), Kolkata,
            units.Select((u, i) => new DistrictUnit(i + 1, u.Name)).ToList(), null, [.. units.Select(u => new DayTarget(u.Name, "ayushman", 500))]);
        var figures = units.Where((_, i) => i % 9 != 0).ToDictionary(u => u.Name, u => (long)u.Name.Length * 37, StringComparer.OrdinalIgnoreCase);
        var facts = new RhythmFacts(figures, 0, [], new(17, 0), new(17, 30))
        {
            Reporters = units.ToDictionary(u => u.Name, u => (IReadOnlyList<string>)["सुनीता देवी"], StringComparer.OrdinalIgnoreCase),
        };
        foreach (var language in new[] { ReplyLanguages.English, ReplyLanguages.Hindi })
        {
            var parts = new SummaryWriter(district.Catalog).Write(language, RhythmRules.SummaryOf(district, Wednesday, facts));
            Assert.All(parts, part => Assert.True(part.Length <= MessageSplitter.TwilioLimit, $"{part.Length} characters"));
            var table = parts.SelectMany(p => p.Split('\n')).Where(l => Regex.IsMatch(l, @"^\s*\d+\. ")).ToList();
            Assert.Equal(800, table.Count);
            Assert.All(table, line => Assert.True(DisplayWidth.Of(line) <= SummaryWriter.PhoneColumns, line));
        }
    }
}
