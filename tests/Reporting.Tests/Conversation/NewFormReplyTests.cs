using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Rules;
using ReportBot.Reporting.Tests.Reading;

namespace ReportBot.Reporting.Tests.Conversation;

/// <summary>
/// Replies to the forms of issue 10, in both languages, through the real reader, plan and rules: a running total's
/// arithmetic, a template's day figure and total together, a correction's old → new, an addition in words, and a
/// figure given against another day.
/// </summary>
public sealed class NewFormReplyTests
{
    static readonly DateOnly Today = new(2025, 12, 3);
    static readonly CampaignWindow Drive = new("Ayushman card drive", new(2025, 11, 22), new(2025, 12, 10));
    static readonly Sender Officer = new("Anil", "en", WholeDistrict: true, []);
    static readonly Sender Sunita = new("सुनीता", "hi", WholeDistrict: true, []);

    /// <summary>Reads, plans, decides against <paramref name="context"/> and composes, as the host does.</summary>
    static string Reply(Sender sender, string text, FigureContext context)
    {
        var catalog = Corpus.CatalogOf("Darbhanga");
        var reading = Corpus.ReaderFor("Darbhanga").Read(text, sender.Units, Today);
        var plan = TurnPlan.For(reading, sender);
        var recorded = new List<RecordedFigure>();
        var refused = new List<RefusedTotal>();
        foreach (var report in plan.ToRecord)
        {
            var decision = FigureRules.Decide(report, context);
            if (decision.Verdict == Verdict.Record) recorded.Add(RecordedFigure.Of(report, decision, context.CurrentValue));
            else if (decision is { Verdict: Verdict.TotalBelowRecorded, Total: { } arithmetic }) refused.Add(new RefusedTotal(report.Unit, report.Date, arithmetic));
        }
        return new ReplyWriter(catalog, ReaderSettings.Default)
            .Compose(sender, new TurnOutcome(recorded, [], [], reading.Errors, plan.NotPermitted, refused, Today))
            ?? throw new Xunit.Sdk.XunitException($"no reply to {text}");
    }

    static FigureContext Recorded(long before, int gapDays = 0, long? current = null) =>
        new(current, null, null, 0, false, 20_000, Drive, before, gapDays);

    [Theory]
    [InlineData("en", "Tardih total 7600", "✅ *Tardih*: total 7,600 − 7,060 till yesterday = 540 today (Ayushman cards, Wed 3 Dec).")]
    [InlineData("hi", "तारडीह कुल 7600", "✅ *तारडीह*: कुल 7,600 − कल तक 7,060 = आज 540 (आयुष्मान कार्ड, बुध 3 दिसंबर) दर्ज।")]
    public void A_total_alone_shows_its_arithmetic(string language, string text, string expected) =>
        Assert.Equal(expected, Reply(language == "en" ? Officer : Sunita, text, Recorded(7_060)));

    [Fact]
    public void A_total_over_gap_days_says_the_figure_covers_them()
    {
        var reply = Reply(Officer, "Block- Tardih\nTotal- 7,600", Recorded(7_060, gapDays: 2));
        Assert.Contains("= 540 today", reply);
        Assert.Contains("no figure for 2 earlier days of the drive, so 540 covers them too; marked for the district's review", reply);
    }

    [Fact]
    public void A_total_below_the_record_asks_for_the_day_figure_in_hindi()
    {
        var reply = Reply(Sunita, "तारडीह अब तक 7000", Recorded(7_060));
        Assert.Equal("⚠️ *तारडीह*: कुल 7,000 अभियान में पहले से दर्ज 7,060 से कम है, इसलिए कुछ दर्ज नहीं हुआ। कृपया उस दिन की अपनी संख्या भेजें, जैसे: `तारडीह १२४०`", reply);
    }

    [Theory]
    [InlineData("en", "✅ *Benipur* — 1,240 Ayushman cards for Wed 3 Dec. Total 15,600 matches.")]
    [InlineData("hi", "✅ *बेनीपुर* — बुध 3 दिसंबर: 1,240 आयुष्मान कार्ड दर्ज। कुल 15,600 मेल खाता है।")]
    public void A_template_day_figure_and_total_are_confirmed_together(string language, string expected) =>
        Assert.Equal(expected, Reply(language == "en" ? Officer : Sunita, "Block- Benipur\nToday- 1240\nTotal- 15600", Recorded(14_360)));

    [Fact]
    public void A_total_that_does_not_add_up_is_recorded_and_said_so()
    {
        var reply = Reply(Officer, "Block- Benipur\nToday- 1240\nTotal- 15000", Recorded(14_360));
        Assert.Equal("✅ *Benipur* — 1,240 Ayushman cards for Wed 3 Dec. ⚠️ The total sent (15,000) is not 14,360 on record + 1,240 = 15,600; 1,240 is recorded and marked for the district's review. Send the right total if this was a slip.", reply);
    }

    [Theory]
    [InlineData("en", "Benipur 1540 ki jagah 1450 padha jaye", "✏️ *Benipur* — 1,540 → 1,450 Ayushman cards for Wed 3 Dec. Send `undo` to go back.")]
    [InlineData("hi", "बेनीपुर 1540 की जगह 1450", "✏️ *बेनीपुर* — बुध 3 दिसंबर: 1,540 → 1,450 आयुष्मान कार्ड, सुधार दर्ज। वापस लेने के लिए `undo` भेजें।")]
    public void A_correction_shows_old_to_new(string language, string text, string expected) =>
        Assert.Equal(expected, Reply(language == "en" ? Officer : Sunita, text, Recorded(0)));

    [Theory]
    [InlineData("en", "Benipur 200 aur", "➕ *Benipur* — 1,240 + 200 = 1,440 Ayushman cards for Wed 3 Dec.")]
    [InlineData("hi", "बेनीपुर में 200 जोड़ें", "➕ *बेनीपुर* — बुध 3 दिसंबर: 1,240 + 200 = 1,440 आयुष्मान कार्ड दर्ज।")]
    public void An_addition_in_words_shows_the_new_day_figure(string language, string text, string expected) =>
        Assert.Equal(expected, Reply(language == "en" ? Officer : Sunita, text, Recorded(0, current: 1_240)));

    [Theory]
    [InlineData("en", "Biraul kal se 90 kam", "🤔 *Biraul*: a figure compared with another day is not the day's figure. Send Biraul's own figure for the day, like: `Biraul 1240`")]
    [InlineData("hi", "बिरौल में कल से 200 ज्यादा कार्ड बने", "🤔 *बिरौल*: किसी और दिन से तुलना वाली संख्या उस दिन की संख्या नहीं है। बिरौल की उस दिन की अपनी संख्या भेजें, जैसे: `बिरौल १२४०`")]
    public void A_figure_against_another_day_asks_for_the_days_own(string language, string text, string expected) =>
        Assert.Equal(expected, Reply(language == "en" ? Officer : Sunita, text, Recorded(0)));
}
