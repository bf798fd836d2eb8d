using ReportBot.Reporting.Rhythm;

namespace ReportBot.Reporting.Tests.Rhythm;

public sealed class DisplayWidthTests
{
    [Theory]
    [InlineData("Benipur", 7)]
    [InlineData("जाले", 3)]            // ज ा(Mc: 1) ल े(Mn: 0)
    [InlineData("सुनीता", 5)]          // स ु(0) न ी(1) त ा(1)
    [InlineData("बेनीपुर", 5)]         // ब े(0) न ी(1) प ु(0) र
    [InlineData("कुशेश्वरस्थान", 9)]   // a virama (्) takes no column; a conjunct counts its letters
    [InlineData("बहेड़ी", 4)]           // the nukta (़) takes none
    [InlineData("सिंहवाड़ा", 7)]        // anusvara (ं) none; ि and ा one each
    [InlineData("⚠️", 2)]
    [InlineData("▲", 1)]
    [InlineData("1,24,000", 8)]
    public void Marks_that_sit_on_a_letter_take_no_column_spacing_marks_take_one(string text, int width) =>
        Assert.Equal(width, DisplayWidth.Of(text));

    [Fact]
    public void Padding_is_by_display_width()
    {
        Assert.Equal("जाले  ", DisplayWidth.PadRight("जाले", 5));
        Assert.Equal(5, DisplayWidth.Of(DisplayWidth.PadRight("जाले", 5)));
        Assert.Equal("  जाले", DisplayWidth.PadLeft("जाले", 5));
    }

    [Theory]
    [InlineData("Benipur", 10, "Benipur")]
    [InlineData("Kusheshwar Asthan East", 13, "Kusheshwar AE")]
    [InlineData("Kusheshwar Asthan East", 10, "Kushes. AE")]
    [InlineData("Kusheshwar Asthan", 10, "Kushesh. A")]
    [InlineData("Kusheshwar Asthan East", 6, "Kushe.")]
    [InlineData("Darbhanga Sadar", 11, "Darbhanga S")]
    [InlineData("Ghanshyampur", 8, "Ghanshy.")]
    public void A_long_name_becomes_its_first_word_and_initials_else_is_cut_with_a_dot(string name, int width, string shown) =>
        Assert.Equal(shown, DisplayWidth.Fit(name, width));

    [Fact]
    public void A_hindi_name_is_cut_between_letters_never_off_its_vowel_sign()
    {
        foreach (var (name, width) in new[] { ("कुशेश्वरस्थान पूर्वी", 6), ("कुशेश्वरस्थान", 4), ("कुशेश्वरस्थान", 3), ("घनश्यामपुर", 3) })
        {
            var shown = DisplayWidth.Fit(name, width);
            Assert.True(DisplayWidth.Of(shown) <= width, shown);
            Assert.StartsWith(shown[..shown.IndexOf('.')], name); // cut between whole letters, vowel signs kept on theirs
            Assert.DoesNotContain("\u094D.", shown);               // never left hanging on a virama
        }
        Assert.Equal("कुशे. पू", DisplayWidth.Fit("कुशेश्वरस्थान पूर्वी", 6));
        Assert.Equal("घन.", DisplayWidth.Fit("घनश्यामपुर", 3)); // not "घनश्." with the virama joining the dot
    }
}
