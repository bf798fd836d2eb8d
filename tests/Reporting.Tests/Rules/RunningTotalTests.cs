using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Tests.Rules;

/// <summary>
/// Running totals (issue 10): a total alone gives the day's figure as total − what the unit has on record for the
/// drive before that day; with a day's figure beside it, the day's figure is recorded and the total checks it.
/// </summary>
public sealed class RunningTotalTests
{
    static readonly DateOnly Today = new(2025, 12, 3);
    static readonly CampaignWindow Drive = new("Ayushman card drive", new(2025, 11, 22), new(2025, 12, 3));
    static readonly FigureContext History = new(null, null, null, 0, Cumulative: false, Ceiling: 20_000, Drive,
        DriveTotalBefore: 7_060, DaysWithoutFigureBefore: 0);

    static ReadReport Total(long value, DateOnly? day = null) => new("Tardih", "ayushman", value, day ?? Today, ReportOp.Total);

    [Fact]
    public void A_total_alone_gives_the_day_as_total_less_what_is_on_record()
    {
        var decision = FigureRules.Decide(Total(7_600), History);
        Assert.Equal(new FigureDecision(Verdict.Record, 540, null, new TotalArithmetic(7_600, 7_060, 0, TotalRole.GivesTheDay)), decision);
    }

    [Fact]
    public void A_total_equal_to_the_record_gives_a_day_of_zero() =>
        Assert.Equal((Verdict.Record, 0L), (FigureRules.Decide(Total(7_060), History).Verdict, FigureRules.Decide(Total(7_060), History).NewValue));

    [Fact]
    public void A_total_below_the_record_is_an_error_not_a_figure()
    {
        var decision = FigureRules.Decide(Total(7_000), History);
        Assert.Equal(Verdict.TotalBelowRecorded, decision.Verdict);
        Assert.Equal(7_060, decision.Total!.RecordedBefore);
    }

    [Fact]
    public void A_total_without_the_drives_history_is_not_turned_into_a_figure() =>
        Assert.Equal(Verdict.TotalWithoutHistory, FigureRules.Decide(Total(7_600), History with { DriveTotalBefore = null }).Verdict);

    [Fact]
    public void The_ceiling_never_applies_to_a_total()
    {
        // 24,300 total over nothing on record: the day is 24,300 and would be held as a day's figure; from a total it is recorded.
        var decision = FigureRules.Decide(Total(24_300), History with { DriveTotalBefore = 0 });
        Assert.Equal((Verdict.Record, 24_300L), (decision.Verdict, decision.NewValue));
    }

    [Fact]
    public void A_total_over_days_without_a_figure_covers_them_and_is_flagged()
    {
        var decision = FigureRules.Decide(Total(7_600), History with { DaysWithoutFigureBefore = 2 });
        Assert.Equal((Verdict.Record, 540L, FigureFlag.TotalCoversGap, 2), (decision.Verdict, decision.NewValue, decision.Flag, decision.Total!.DaysWithoutFigure));
    }

    [Fact]
    public void A_total_outside_the_campaign_is_refused() =>
        Assert.Equal(Verdict.OutsideCampaign, FigureRules.Decide(Total(7_600, Today.AddDays(1)), History).Verdict);

    [Fact]
    public void A_day_figure_with_a_total_that_adds_up_is_recorded_unflagged()
    {
        var report = new ReadReport("Tardih", "ayushman", 540, Today, StatedTotal: 7_600);
        var decision = FigureRules.Decide(report, History);
        Assert.Equal((Verdict.Record, 540L, (FigureFlag?)null, TotalRole.ChecksTheDay), (decision.Verdict, decision.NewValue, decision.Flag, decision.Total!.Role));
    }

    [Fact]
    public void A_day_figure_with_a_total_that_does_not_add_up_is_recorded_and_flagged()
    {
        var report = new ReadReport("Tardih", "ayushman", 540, Today, StatedTotal: 7_700);
        var decision = FigureRules.Decide(report, History);
        Assert.Equal((Verdict.Record, 540L, FigureFlag.TotalDisagrees), (decision.Verdict, decision.NewValue, decision.Flag));
    }

    [Fact]
    public void An_addition_with_a_total_checks_the_total_against_the_sum()
    {
        var report = new ReadReport("Tardih", "ayushman", 200, Today, ReportOp.Add, StatedTotal: 7_600);
        var decision = FigureRules.Decide(report, History with { CurrentValue = 340 });
        Assert.Equal((540L, (FigureFlag?)null), (decision.NewValue, decision.Flag));
    }

    [Fact]
    public void A_day_figure_with_a_total_above_the_ceiling_is_still_held_for_the_day_figure() =>
        Assert.Equal(Verdict.Hold, FigureRules.Decide(new ReadReport("Tardih", "ayushman", 21_000, Today, StatedTotal: 28_060), History).Verdict);

    [Fact]
    public void The_plan_pairs_a_day_figure_with_its_total_and_keeps_a_lone_total()
    {
        var reading = new ReportBot.Reporting.Reading.Reading(
        [
            new("Benipur", "ayushman", 1240, Today), new("Benipur", "ayushman", 15600, Today, ReportOp.Total),
            new("Biraul", "ayushman", 12450, Today, ReportOp.Total),
            new("Jale", "vayvandana", 30, Today), new("Jale", "ayushman", 6210, Today, ReportOp.Total),
        ], []);
        var plan = TurnPlan.For(reading, new Sender("Anil", "en", WholeDistrict: true, []));
        Assert.Equal(
        [
            new ReadReport("Benipur", "ayushman", 1240, Today, StatedTotal: 15600),
            new ReadReport("Jale", "vayvandana", 30, Today),
            new ReadReport("Biraul", "ayushman", 12450, Today, ReportOp.Total),
            new ReadReport("Jale", "ayushman", 6210, Today, ReportOp.Total),
        ], plan.ToRecord);
    }

    [Fact]
    public void The_plan_gives_the_total_to_the_last_figure_of_the_day()
    {
        var reading = new ReportBot.Reporting.Reading.Reading(
        [
            new("Benipur", "ayushman", 1240, Today), new("Benipur", "ayushman", 200, Today, ReportOp.Add),
            new("Benipur", "ayushman", 15800, Today, ReportOp.Total),
        ], []);
        var plan = TurnPlan.For(reading, new Sender("Anil", "en", WholeDistrict: true, []));
        Assert.Equal([null, 15800L], plan.ToRecord.Select(r => r.StatedTotal));
    }
}
