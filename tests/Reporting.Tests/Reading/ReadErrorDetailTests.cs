using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Tests.Reading;

/// <summary>What an error carries for the teaching reply: the fragment as typed, candidates, and what was understood.</summary>
public sealed class ReadErrorDetailTests
{
    private static readonly DateOnly Today = new(2025, 12, 3);

    private static ReadError OnlyError(string district, string text, params string[] senders)
    {
        var reading = Corpus.ReaderFor(district).Read(text, senders, Today);
        Assert.Empty(reading.Reports);
        return Assert.Single(reading.Errors);
    }

    [Theory]
    [InlineData("Benipur -5")]
    [InlineData("Benipur: -1240")]
    [InlineData("Benipur −120")] // U+2212, the typographic minus
    [InlineData("बेनीपुर -५०")]
    public void A_count_below_zero_is_an_error_never_its_unsigned_value(string text)
    {
        var error = OnlyError("Darbhanga", text, "Benipur");
        Assert.Equal(ReadErrorKind.NegativeNumber, error.Kind);
        Assert.Equal("Benipur", error.Unit);
    }

    [Theory]
    [InlineData("Benipur - 1240")]
    [InlineData("Benipur-1240")]
    [InlineData("Benipur 02-12-2025 1240")]
    public void A_dash_between_name_and_count_is_a_separator(string text)
    {
        var reading = Corpus.ReaderFor("Darbhanga").Read(text, ["Benipur"], Today);
        Assert.Empty(reading.Errors);
        Assert.Equal(1240, Assert.Single(reading.Reports).Value);
    }

    [Fact]
    public void Ambiguous_prefix_names_both_units_and_keeps_the_value()
    {
        var error = OnlyError("Darbhanga", "Kusheshwar 200");
        Assert.Equal(ReadErrorKind.AmbiguousUnit, error.Kind);
        Assert.Equal("Kusheshwar", error.Fragment); // the name as typed, which the reply quotes back
        Assert.Equal(["Kusheshwar Asthan", "Kusheshwar Asthan East"], error.Candidates.Order());
        Assert.Equal(200, error.Value);
    }

    [Fact]
    public void Laukah_is_never_guessed_and_offers_both()
    {
        var error = OnlyError("Madhubani", "Laukah 300");
        Assert.Equal(ReadErrorKind.AmbiguousUnit, error.Kind);
        Assert.Equal(["Khutauna", "Laukahi"], error.Candidates.Order());
    }

    [Fact]
    public void Unknown_unit_suggests_nearby_names_only_when_close()
    {
        var near = OnlyError("Darbhanga", "Bnipr 40");
        Assert.Equal(ReadErrorKind.UnknownUnit, near.Kind);
        Assert.Equal("Bnipr", near.Fragment); // the name as typed, which the reply quotes back
        Assert.Contains("Benipur", near.Candidates);
        Assert.Equal(40, near.Value);

        var far = OnlyError("Darbhanga", "Xyzpur 1240");
        Assert.Equal(ReadErrorKind.UnknownUnit, far.Kind);
        Assert.Empty(far.Candidates);
    }

    [Fact]
    public void Number_and_date_errors_carry_unit_value_and_date()
    {
        var implausible = OnlyError("Darbhanga", "Benipur 124000");
        Assert.Equal((ReadErrorKind.ImplausibleNumber, "Benipur", 124000L), (implausible.Kind, implausible.Unit, implausible.Value!.Value));

        var future = OnlyError("Darbhanga", "Benipur 1240 (05/12)");
        Assert.Equal((ReadErrorKind.FutureDate, "Benipur", 1240L, new DateOnly(2025, 12, 5)),
            (future.Kind, future.Unit, future.Value!.Value, future.Date!.Value));

        var missing = OnlyError("Darbhanga", "*Benipur*");
        Assert.Equal((ReadErrorKind.MissingNumber, "Benipur", "Benipur"), (missing.Kind, missing.Unit, missing.Fragment));
    }

    [Fact]
    public void Two_sender_units_and_no_name_offers_the_senders_units()
    {
        var error = OnlyError("Darbhanga", "1240", "Benipur", "Biraul");
        Assert.Equal(ReadErrorKind.AmbiguousUnit, error.Kind);
        Assert.Equal(["Benipur", "Biraul"], error.Candidates.Order());
    }
}
