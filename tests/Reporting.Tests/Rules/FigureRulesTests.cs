using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Tests.Rules;

/// <summary>The rules of a day's figure, alone (the same rules run against PostgreSQL in BotHost.Tests/Rules).</summary>
public sealed class FigureRulesTests
{
    static readonly DateOnly Today = new(2025, 12, 3);
    static readonly CampaignWindow Drive = new("Ayushman card drive", new(2025, 11, 22), new(2025, 12, 3));
    static readonly FigureContext Quiet = new(null, null, null, 0, Cumulative: false, Ceiling: 20_000, Drive);

    static ReadReport Report(long value, ReportOp op = ReportOp.Set, DateOnly? day = null) =>
        new("Benipur", "ayushman", value, day ?? Today, op);

    [Fact]
    public void The_latest_report_replaces_the_figure() =>
        Assert.Equal(new FigureDecision(Verdict.Record, 2100), FigureRules.Decide(Report(2100), Quiet with { CurrentValue = 1240 }));

    [Fact]
    public void Plus_n_adds_to_the_figure() =>
        Assert.Equal(1540, FigureRules.Decide(Report(300, ReportOp.Add), Quiet with { CurrentValue = 1240 }).NewValue);

    [Fact]
    public void Plus_n_on_no_figure_starts_from_zero() =>
        Assert.Equal(300, FigureRules.Decide(Report(300, ReportOp.Add), Quiet).NewValue);

    [Theory]
    [InlineData(20_000, Verdict.Record)]
    [InlineData(20_001, Verdict.Hold)]
    public void Above_the_ceiling_is_held(long value, Verdict expected) =>
        Assert.Equal(expected, FigureRules.Decide(Report(value), Quiet).Verdict);

    [Fact]
    public void An_addition_that_passes_the_ceiling_is_held() =>
        Assert.Equal(Verdict.Hold, FigureRules.Decide(Report(500, ReportOp.Add), Quiet with { CurrentValue = 19_800 }).Verdict);

    [Fact]
    public void A_confirmed_figure_above_the_ceiling_is_recorded() =>
        Assert.Equal(Verdict.Record, FigureRules.Decide(Report(24_000), Quiet, confirmed: true).Verdict);

    [Theory]
    [InlineData(-1, Verdict.Record)]
    [InlineData(-11, Verdict.Record)] // the window, not the late-report limit, decides here
    [InlineData(1, Verdict.OutsideCampaign)]
    public void Outside_the_campaigns_window_is_refused(int days, Verdict expected) =>
        Assert.Equal(expected, FigureRules.Decide(Report(100, day: Today.AddDays(days)), Quiet).Verdict);

    [Fact]
    public void Without_a_campaign_every_day_is_in_window() =>
        Assert.Equal(Verdict.Record, FigureRules.Decide(Report(100, day: Today.AddDays(30)), Quiet with { Campaign = null }).Verdict);

    [Theory]
    [InlineData(4499, null)]
    [InlineData(4500, FigureFlag.Spike)]
    public void Five_times_the_usual_day_is_flagged(long value, FigureFlag? expected) =>
        Assert.Equal(expected, FigureRules.Decide(Report(value), Quiet with { RecentAverage = 900, RecentDays = 3 }).Flag);

    [Fact]
    public void A_usual_day_needs_three_days_of_history() =>
        Assert.Null(FigureRules.Decide(Report(9000), Quiet with { RecentAverage = 900, RecentDays = 2 }).Flag);

    [Fact]
    public void A_falling_running_total_is_flagged() =>
        Assert.Equal(FigureFlag.Drop, FigureRules.Decide(Report(1200), Quiet with { Cumulative = true, PreviousDayValue = 1500 }).Flag);

    [Fact]
    public void A_falling_daily_count_is_not() =>
        Assert.Null(FigureRules.Decide(Report(1200), Quiet with { PreviousDayValue = 1500 }).Flag);
}
