using ReportBot.Reporting.Exports;

namespace ReportBot.Reporting.Tests.Exports;

/// <summary>What the day's chart shows: bars best first, labels, title and trend, in English or Hindi.</summary>
public sealed class DayChartPlannerTests
{
    static readonly DateOnly Day = new(2026, 12, 7);

    static FigureFacts Facts(params DeskFigure[] figures) =>
        new("Darbhanga", "दरभंगा", TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), Day.AddDays(-3), Day, Day.AddDays(-3),
            [new(1, "Benipur", "बेनीपुर"), new(2, "Jale", "जाले"), new(3, "Biraul", "बिरौल"), new(4, "Tardih", null)],
            [new("ayushman", "Ayushman cards", "आयुष्मान कार्ड", true), new("vayvandana", "Vay Vandana cards", "वय वंदना कार्ड", false)],
            figures,
            [new(null, "ayushman", 2000), new(1, "ayushman", 600), new(2, "ayushman", 600), new(3, "ayushman", 400), new(4, "ayushman", 600)],
            [], [], [DayOfWeek.Sunday]);

    static DeskFigure Figure(int unit, int daysBack, long value, string indicator = "ayushman") => new(unit, indicator, Day.AddDays(-daysBack), value);

    [Fact]
    public void Bars_go_best_first_by_share_of_target_and_the_units_not_reported_last()
    {
        var plan = DayChartPlanner.Plan(Facts(Figure(1, 0, 1240), Figure(2, 0, 250), Figure(3, 0, 600), Figure(1, 0, 99, "vayvandana")), Day, "en");
        Assert.Equal(["Benipur", "Biraul", "Jale", "Tardih"], plan.Bars.Select(b => b.Unit));
        Assert.Equal(["1,240 (207%)", "600 (150%)", "250 (42%)", "not reported"], plan.Bars.Select(b => b.ValueLabel));
        Assert.Equal([false, false, true, false], plan.Bars.Select(b => b.BelowHalf));
        Assert.Equal([(long?)600, 400, 600, 600], plan.Bars.Select(b => b.Target));
        Assert.Null(plan.Bars[3].Value);
    }

    [Fact]
    public void The_title_names_the_district_the_indicator_and_the_day_and_the_subtitle_the_standing()
    {
        var plan = DayChartPlanner.Plan(Facts(Figure(1, 0, 1240), Figure(2, 0, 250)), Day, "en");
        Assert.Equal("Darbhanga — Ayushman cards, Mon 7 Dec 2026", plan.Title);
        Assert.Equal("Total 1,490 of 2,000 (74%), 2 of 4 units reported", plan.Subtitle); // 74.5 rounds as the summary rounds
        Assert.Equal(2000, plan.DistrictDayTarget);
    }

    [Fact]
    public void In_hindi_the_names_are_devanagari_where_the_district_has_them()
    {
        var plan = DayChartPlanner.Plan(Facts(Figure(1, 0, 1240), Figure(4, 0, 700)), Day, "hi");
        Assert.StartsWith("दरभंगा — आयुष्मान कार्ड, ", plan.Title);
        Assert.Contains("7 दिसंबर 2026", plan.Title);
        Assert.Equal(["बेनीपुर", "Tardih", "जाले", "बिरौल"], plan.Bars.Select(b => b.Unit));
        Assert.Equal("रिपोर्ट नहीं", plan.Bars[^1].ValueLabel);
        Assert.Equal("लक्ष्य", plan.TargetLegend);
    }

    [Fact]
    public void The_trend_is_the_districts_total_for_each_day_of_the_drive_up_to_the_day()
    {
        var plan = DayChartPlanner.Plan(Facts(Figure(1, 3, 100), Figure(2, 3, 50), Figure(1, 1, 700), Figure(1, 0, 5), Figure(1, 0, 9, "vayvandana")), Day, "en");
        Assert.Equal([("4/12", 150L), ("5/12", 0L), ("6/12", 700L), ("7/12", 5L)], plan.Trend.Select(p => (p.Label, p.Total)));
        Assert.Equal([true, true, false, true], plan.Trend.Select(p => p.WorkingDay)); // 6 December 2026 is a Sunday
    }
}
