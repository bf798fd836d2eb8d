using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Rules;
using ReportBot.Reporting.Tests.Reading;

namespace ReportBot.Reporting.Tests.Rhythm;

public sealed class SummaryWriterTests
{
    static readonly DistrictCatalog Madhubani = Corpus.CatalogOf("Madhubani");

    /// <summary>The sources' Madhubani drive: three days that must add up to 1,96,810.</summary>
    static SummaryFacts DriveDay3()
    {
        var units = Madhubani.Units.Select((u, i) => new UnitDay(u.Name, i < 18 ? 3000 + i * 50L : null, 3000)).ToList();
        var shortfall = 59_693 - units.Sum(u => u.Value ?? 0);
        units[0] = units[0] with { Value = units[0].Value + shortfall }; // the day's real total
        return new SummaryFacts(new(2025, 5, 28), new(17, 30), DayStanding.Of(units, 1_00_000),
            (new(2025, 5, 26), new(2025, 5, 28)), 53_261 + 83_856 + 59_693, [(units[1].Unit, FigureFlag.Spike)]);
    }

    [Fact]
    public void The_drive_total_is_the_sum_of_its_days()
    {
        var summary = string.Join("\n", new SummaryWriter(Madhubani).Write(ReplyLanguages.English, DriveDay3()));
        Assert.Contains("Today: *59,693* / 1,00,000 (60%)", summary);
        Assert.Contains("Drive total (26 May – 28 May): *1,96,810*", summary);
        Assert.Contains("Reported: 18 of 21 blocks", summary);
    }

    [Fact]
    public void The_unit_lines_add_up_to_the_days_total_and_run_from_highest_to_lowest()
    {
        var summary = string.Join("\n", new SummaryWriter(Madhubani).Write(ReplyLanguages.English, DriveDay3()));
        var lines = summary.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+\. ")).ToList();
        Assert.Equal(18, lines.Count);
        var values = lines.Select(l => long.Parse(System.Text.RegularExpressions.Regex.Match(l, @"([\d,]+) +\d+%").Groups[1].Value.Replace(",", ""))).ToList();
        Assert.Equal(59_693, values.Sum());
        Assert.Equal(values.OrderDescending(), values);
    }

    [Fact]
    public void The_laggards_missing_and_flagged_are_named()
    {
        var facts = DriveDay3() with
        {
            Standing = DayStanding.Of([new UnitDay("Rahika", 4000, 3000), new UnitDay("Pandaul", 1000, 3000), new UnitDay("Rajnagar", null, 3000)], null),
            Flags = [("Rahika", FigureFlag.Spike)],
        };
        var summary = new SummaryWriter(Madhubani).Write(ReplyLanguages.English, facts).Single();
        Assert.Contains("Not reported: Rajnagar (—)", summary);
        Assert.Contains("⚠️ below half of target: Pandaul", summary);
        Assert.Contains("🚩 marked for review: Rahika (≈5× usual day)", summary);
        Assert.Contains(" 2. Pandaul 1,000  33% ⚠️", summary);
    }

    [Fact]
    public void Flags_from_running_totals_are_named_as_such()
    {
        var facts = DriveDay3() with { Flags = [("Rahika", FigureFlag.TotalCoversGap), ("Pandaul", FigureFlag.TotalDisagrees)] };
        var summary = new SummaryWriter(Madhubani).Write(ReplyLanguages.English, facts).Single();
        Assert.Contains("Rahika (from a total, covers missed days)", summary);
        Assert.Contains("Pandaul (total does not add up)", summary);
    }

    [Fact]
    public void The_hindi_summary_uses_hindi_names()
    {
        var summary = string.Join("\n", new SummaryWriter(Madhubani).Write(ReplyLanguages.Hindi, DriveDay3()));
        Assert.Contains("*आयुष्मान कार्ड — Madhubani*", summary);
        Assert.Contains("आज: *59,693* / 1,00,000 (60%)", summary);
        Assert.Contains("रहिका", summary);
    }

    [Fact]
    public void A_long_summary_is_split_between_lines_within_the_limit_with_its_table_intact()
    {
        var units = Enumerable.Range(1, 600).Select(i => new Unit($"Panchayat {i:000}", null, [])).ToList();
        var catalog = new DistrictCatalog("Bihar", units, Madhubani.Indicators);
        var facts = new SummaryFacts(new(2025, 12, 3), new(17, 30),
            DayStanding.Of(units.Select((u, i) => new UnitDay(u.Name, i % 7 == 0 ? null : 100 + i, 500)).ToList(), null), null, 0, []);

        var parts = new SummaryWriter(catalog).Write(ReplyLanguages.English, facts);

        Assert.True(parts.Count > 10);
        Assert.All(parts, part => Assert.True(part.Length <= 1600, $"{part.Length} characters"));
        Assert.All(parts, part => Assert.Equal(0, CountFences(part) % 2)); // every monospace block is closed in its part
        var lines = parts.SelectMany(p => p.Split('\n')).Where(l => l != "```").ToList();
        Assert.Equal(Enumerable.Range(1, 600 - 86).Select(i => $"{i,3}. ").ToList(),
            lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+\. ")).Select(l => l[..5]).ToList());
    }

    static int CountFences(string text) => (text.Length - text.Replace("```", "").Length) / 3;
}
