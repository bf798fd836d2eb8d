using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Tests.Rules;

public sealed class DayStandingTests
{
    static readonly DayStanding Day = DayStanding.Of(
    [
        new UnitDay("Benipur", 1240, 600),
        new UnitDay("Biraul", 980, 600),
        new UnitDay("Jale", 1240, 600),
        new UnitDay("Tardih", null, 600),
    ], districtTarget: 10_000);

    [Fact]
    public void Totals_and_percentages() =>
        Assert.Equal((3460L, 3, 35, 207), (Day.Total, Day.Reported, Day.TotalPercent!.Value, Day.Units[0].Percent!.Value));

    [Fact]
    public void Ties_share_a_rank_and_the_unreported_have_none() =>
        Assert.Equal<int?[]>([1, 3, 1, null], Day.Units.Select(u => Day.RankOf(u.Unit)).ToArray());

    [Fact]
    public void Without_a_district_target_the_units_targets_add_up() =>
        Assert.Equal(2400, DayStanding.Of(Day.Units, districtTarget: null).DistrictTarget);
}
