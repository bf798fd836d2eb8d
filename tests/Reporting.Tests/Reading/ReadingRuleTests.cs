using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Tests.Reading;

/// <summary>
/// The group-reading rules' own pieces, each on its own: number words (rule 7), list markers (rule 4), struck-through
/// figures (rule 5), and a label line's fragment (rule 2, which once crashed the reader).
/// </summary>
public sealed class ReadingRuleTests
{
    static readonly DateOnly Today = new(2025, 12, 3);

    static ReportBot.Reporting.Reading.Reading Read(string text, params string[] senders) =>
        Corpus.ReaderFor("Darbhanga").Read(text, senders, Today);

    [Theory]
    [InlineData("ek hazar do sau", 1200)]
    [InlineData("do hazar", 2000)]
    [InlineData("dedh hazar", 1500)]
    [InlineData("डेढ़ हजार", 1500)]
    [InlineData("ढाई सौ", 250)]
    [InlineData("dhai hazar", 2500)]
    [InlineData("sawa sau", 125)]
    [InlineData("सवा हजार", 1250)]
    [InlineData("sawa do hazar", 2250)]
    [InlineData("साढ़े तीन हजार", 3500)]
    [InlineData("sadhe chaar sau", 450)]
    [InlineData("पौने दो हजार", 1750)]
    [InlineData("paune teen sau", 275)]
    [InlineData("das hazar paanch sau", 10500)]
    [InlineData("एक भी नहीं", 0)]
    public void Number_words_read_as_their_value(string words, long value) =>
        Assert.Equal(new ReadReport("Benipur", "ayushman", value, Today), Assert.Single(Read($"Benipur {words}").Reports));

    [Theory]
    [InlineData("Benipur dedh")]
    [InlineData("Benipur sadhe do hazar")]
    [InlineData("Benipur paune")]
    public void A_fraction_word_without_a_whole_result_is_invalid(string text) =>
        Assert.Equal(ReadErrorKind.InvalidNumber, Assert.Single(Read(text).Errors).Kind);

    [Fact]
    public void A_bare_number_word_is_not_read_as_a_figure() =>
        // "do" is as likely the English word; without a multiplier it is no number.
        Assert.True(Read("Benipur do").Reports.Count == 0);

    [Theory]
    [InlineData("1. Benipur 85", "   Benipur 85")]
    [InlineData("(12) Benipur 85", "     Benipur 85")]
    [InlineData("3) Benipur 85", "   Benipur 85")]
    [InlineData("१०. बेनीपुर ८५", "    बेनीपुर ८५")]
    [InlineData("1240. Benipur", "1240. Benipur")]
    [InlineData("1.5 lakh", "1.5 lakh")]
    [InlineData("5.", "5.")]
    [InlineData("Benipur 1. 85", "Benipur 1. 85")]
    public void List_markers_are_blanked_in_place(string line, string expected) =>
        Assert.Equal(expected, ListMarkers.Blank(line));

    [Theory]
    [InlineData("Biraul ~980~ 890", "Biraul       890")]
    [InlineData("Total- ~15,600~ 16,500", "Total-          16,500")]
    [InlineData("~sorry~ 890", "~sorry~ 890")]
    [InlineData("~980", "~980")]
    public void Struck_figures_are_blanked_and_struck_words_kept(string line, string expected) =>
        Assert.Equal(expected, Corrections.BlankStruck(line));

    [Fact]
    public void A_label_lines_error_quotes_its_lines_without_crashing()
    {
        var error = Assert.Single(Read("Jale\nAaj- 12.5\nAb tak- 6,210").Errors);
        Assert.Equal((ReadErrorKind.InvalidNumber, "Jale", "Jale\nAaj- 12.5\nAb tak- 6,210"), (error.Kind, error.Unit, error.Fragment));
    }

    [Fact]
    public void A_correction_carries_the_withdrawn_figure_for_the_reply() =>
        Assert.Equal(new ReadReport("Benipur", "ayushman", 1420, Today, Withdrawn: 1240), Assert.Single(Read("Benipur 1240 nahi 1420").Reports));

    [Fact]
    public void A_comparison_with_another_day_says_so_for_the_reply() =>
        Assert.True(Assert.Single(Read("Biraul kal se 90 kam").Errors).RelativeToAnotherDay);
}
