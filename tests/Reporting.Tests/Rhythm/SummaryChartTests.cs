using ReportBot.Reporting.Districts;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Tests.Reading;

namespace ReportBot.Reporting.Tests.Rhythm;

/// <summary>Which summaries carry the day's chart, and which of their messages: decided without a database.</summary>
public sealed class SummaryChartTests
{
    static readonly DateOnly Today = new(2025, 12, 3);

    static readonly DistrictSetting Darbhanga = new(100, Corpus.CatalogOf("Darbhanga"), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"),
        Corpus.UnitsOf("Darbhanga").Select((u, i) => new DistrictUnit(100 + i, u.Name)).ToList(),
        new CampaignSetting("Ayushman drive", new DateOnly(2025, 11, 22), new DateOnly(2025, 12, 31), 7, 20_000),
        [new DayTarget("Benipur", "ayushman", 600)]);

    static RhythmFacts At(int hour, int minute = 0) =>
        new(new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["Benipur"] = 500, ["Jale"] = 300 }, 800, [],
            new TimeOnly(17, 0), new TimeOnly(hour, minute));

    [Theory]
    [InlineData(SlotKind.Summary, 17, 30, false, true)]   // the final summary, after the cut-off
    [InlineData(SlotKind.Summary, 17, 0, false, true)]    // at the cut-off itself
    [InlineData(SlotKind.Summary, 13, 0, false, false)]   // a progress summary
    [InlineData(SlotKind.Summary, 13, 0, true, true)]     // sent on demand, whenever
    [InlineData(SlotKind.Reminder, 17, 30, true, false)]
    [InlineData(SlotKind.Escalation, 18, 0, false, false)]
    public void The_final_summary_and_one_sent_on_demand_carry_the_chart(SlotKind kind, int hour, int minute, bool onDemand, bool carries) =>
        Assert.Equal(carries, SummaryChart.Carries(kind, Darbhanga, At(hour, minute), onDemand));

    [Fact]
    public void A_district_of_too_many_units_for_a_picture_gets_its_summary_as_text()
    {
        var many = Enumerable.Range(0, SummaryChart.MaxUnits + 1).Select(i => new DistrictUnit(i + 1, $"Panchayat {i:000}")).ToList();
        var big = new DistrictSetting(1, new Catalog.DistrictCatalog("Big", many.Select(u => new Catalog.Unit(u.Name, null, [])).ToList(), Corpus.Indicators),
            Darbhanga.TimeZone, many, null, []);
        Assert.False(SummaryChart.Carries(SlotKind.Summary, big, At(17, 30), onDemand: true));
    }

    [Fact]
    public void A_first_part_short_enough_is_the_caption()
    {
        Assert.Equal([new ChartedPart("short", true), new ChartedPart("rest", false)], SummaryChart.Place(["short", "rest"], 1024));
    }

    [Fact]
    public void A_first_part_too_long_for_a_caption_follows_the_chart_alone()
    {
        var long1100 = new string('x', 1100);
        Assert.Equal([new ChartedPart("", true), new ChartedPart(long1100, false), new ChartedPart("rest", false)],
            SummaryChart.Place([long1100, "rest"], 1024));
        Assert.Equal([new ChartedPart(long1100, true)], SummaryChart.Place([long1100], 1600)); // Twilio's body takes it
    }

    [Fact]
    public void A_channel_without_pictures_gets_the_text_alone() =>
        Assert.Equal([new ChartedPart("a", false), new ChartedPart("b", false)], SummaryChart.Place(["a", "b"], null));

    [Fact]
    public void Each_group_gets_the_chart_once_per_language_and_a_progress_summary_none()
    {
        RhythmContact[] contacts = [new(1, Role.Reporter, "en", ["Benipur"])];
        var group = new RhythmGroup(7, ["hi", "en"], new HashSet<int> { 1 }, new Dictionary<int, string>(), Mentions: true, ImageCaption: 1024);
        var final = RhythmRules.ComposeForGroups(SlotKind.Summary, Darbhanga, contacts, [group], Today, At(17, 30), chart: true);
        Assert.Equal(["hi", "en"], final.Where(p => p.Chart is not null).Select(p => p.Chart));
        Assert.Equal(final[0].Chart, "hi");
        Assert.Contains("800", final.First(p => p.Chart == "en").Text); // the caption is the summary's first part

        var progress = RhythmRules.ComposeForGroups(SlotKind.Summary, Darbhanga, contacts, [group], Today, At(13), chart: false);
        Assert.All(progress, p => Assert.Null(p.Chart));
    }

    [Fact]
    public void One_to_one_the_chart_reaches_only_those_a_picture_can_reach()
    {
        RhythmContact[] contacts =
        [
            new(1, Role.Reporter, "en", ["Benipur"], ImageCaption: 1600), // Twilio, window open
            new(2, Role.Reporter, "hi", ["Jale"], ImageCaption: null),     // a closed window: the template alone
        ];
        var messages = RhythmRules.Compose(SlotKind.Summary, Darbhanga, contacts, Today, At(17, 30), chart: true);
        var first = messages.First(m => m.ContactId == 1);
        Assert.Equal(("en", "daily_summary"), (first.Chart, first.TemplateName));
        Assert.Single(messages, m => m.Chart is not null);
        Assert.All(messages.Where(m => m.ContactId == 2), m => Assert.Null(m.Chart));
    }

    [Fact]
    public void The_chart_alone_carries_no_template()
    {
        RhythmContact[] contacts = [new(1, Role.Reporter, "en", ["Benipur"], ImageCaption: 10)];
        var messages = RhythmRules.Compose(SlotKind.Summary, Darbhanga, contacts, Today, At(17, 30), chart: true);
        Assert.Equal(("", "en", (string?)null), (messages[0].Text, messages[0].Chart, messages[0].TemplateName));
        Assert.All(messages.Skip(1), m => Assert.Equal(("daily_summary", (string?)null), (m.TemplateName, m.Chart)));
    }
}
