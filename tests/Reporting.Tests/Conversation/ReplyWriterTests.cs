using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Tests.Reading;

namespace ReportBot.Reporting.Tests.Conversation;

/// <summary>
/// The reply to each kind of message, read through the real reader: the figure first, and for every error what was
/// understood and the right form to send — with the sender's own unit, in the sender's language.
/// </summary>
public sealed class ReplyWriterTests
{
    static readonly DateOnly Today = new(2025, 12, 3);
    static readonly Sender Ramesh = new("Ramesh", "en", WholeDistrict: false, ["Benipur"]);
    static readonly Sender Sunita = new("सुनीता", "hi", WholeDistrict: false, ["Jale"]);
    static readonly Sender Kavita = new("Kavita", "en", WholeDistrict: false, ["Baheri", "Hayaghat"]);
    static readonly Sender Officer = new("Anil", "en", WholeDistrict: true, []);

    static string Reply(Sender sender, string text)
    {
        var catalog = Corpus.CatalogOf("Darbhanga");
        var reading = Corpus.ReaderFor("Darbhanga").Read(text, sender.Units, Today);
        var plan = TurnPlan.For(reading, sender);
        var recorded = plan.ToRecord.Select(r => new RecordedFigure(r.Unit, r.Indicator, r.Date, null, r.Value, r.Value, false)).ToList();
        return new ReplyWriter(catalog, ReaderSettings.Default).Compose(sender, new TurnOutcome(recorded, [], [], reading.Errors, plan.NotPermitted))
            ?? throw new Xunit.Sdk.XunitException($"no reply to {text}");
    }

    [Theory]
    [InlineData("Xyzpur 1240", "🤔 I couldn't find \"Xyzpur\" in Darbhanga. Send the block's name and the count, like: `Benipur 1240`")]
    [InlineData("Bnipr 40", "did you mean *Benipur*? Send like: `Benipur 40`")]
    [InlineData("Kusheshwar 200", "🤔 \"Kusheshwar\" could be *Kusheshwar Asthan* or *Kusheshwar Asthan East*. Send the full name, e.g. `Kusheshwar Asthan East 200`")]
    [InlineData("Benipur", "🤔 I read *Benipur* but no count. Send like: `Benipur 1240`")]
    [InlineData("Benipur 1240 1300", "🤔 I found more than one count for *Benipur*. Send one figure, like: `Benipur 1240`")]
    [InlineData("Benipur 12.5", "is not a whole count. Send the number of cards, like: `Benipur 1240`")]
    [InlineData("Benipur 124000", "⚠️ 1,24,000 is above Benipur's daily limit (20,000), so it was not recorded.")]
    [InlineData("Benipur 1240 (05/12)", "🤔 Fri 5 Dec has not come yet")]
    [InlineData("Benipur 1240 (15/10)", "⚠️ Wed 15 Oct is more than 7 days back")]
    [InlineData("Biraul 980", "🙏 You are registered to report for Benipur, so *Biraul*'s figure was not recorded.")]
    public void Each_error_is_explained_with_the_right_form(string text, string expected) =>
        Assert.Contains(expected, Reply(Ramesh, text));

    [Fact]
    public void A_figure_is_confirmed_first()
    {
        Assert.Equal("✅ *Benipur* — 1,240 Ayushman cards for Wed 3 Dec.", Reply(Ramesh, "Benipur 1240"));
        Assert.Equal("✅ *Benipur* — 85 Vay Vandana cards for Wed 3 Dec.", Reply(Ramesh, "VV 85"));
    }

    [Fact]
    public void A_bare_figure_from_someone_with_two_blocks_asks_which()
    {
        Assert.Equal("🤔 You report for Baheri and Hayaghat — which one is this for? Send the name with the count, like: `Baheri 1240`",
            Reply(Kavita, "1240"));
    }

    [Fact]
    public void A_good_line_and_a_bad_line_get_both_answers()
    {
        var reply = Reply(Officer, "Benipur 1240\nXyzpur 40\nJale 455");
        var lines = reply.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("✅ *Benipur* — 1,240", lines[0]);
        Assert.StartsWith("✅ *Jale* — 455", lines[1]);
        Assert.Contains("\"Xyzpur\"", lines[2]);
    }

    [Theory]
    [InlineData("जाले ४५५", "✅ *जाले* — बुध 3 दिसंबर: 455 आयुष्मान कार्ड दर्ज।")]
    [InlineData("Xyzpur 40", "🤔 Darbhanga में \"Xyzpur\" नहीं मिला। प्रखंड का नाम और संख्या भेजें, जैसे: `जाले १२४०`")]
    [InlineData("जाले", "🤔 *जाले* पढ़ा, पर संख्या नहीं मिली। ऐसे भेजें: `जाले १२४०`")]
    public void A_hindi_speaker_is_answered_in_hindi_with_their_own_block(string text, string expected) =>
        Assert.Equal(expected, Reply(Sunita, text));

    [Fact]
    public void Help_shows_the_senders_own_block_in_both_scripts()
    {
        var help = new ReplyWriter(Corpus.CatalogOf("Darbhanga"), ReaderSettings.Default).Help(Sunita);
        Assert.Contains("`जाले १२४०`", help);
        Assert.Contains("`Jale 1240`", help);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1240, "1,240")]
    [InlineData(196810, "1,96,810")]
    [InlineData(12345678, "1,23,45,678")]
    public void Numbers_use_indian_grouping(long value, string expected) =>
        Assert.Equal(expected, IndianNumber.Format(value));

    [Fact]
    public void Days_read_as_people_write_them() =>
        Assert.Equal(("Wed 3 Dec", "बुध 3 दिसंबर"), (ReplyLanguages.English.Day(Today), ReplyLanguages.Hindi.Day(Today)));
}
