using ReportBot.Reporting.Rhythm;

namespace ReportBot.Reporting.Tests.Rhythm;

public sealed class LocalDaysTests
{
    [Theory]
    [InlineData("01/12/2026")]
    [InlineData("1-12-2026")]
    [InlineData("01.12.2026")]
    [InlineData("2026-12-01")]
    public void An_optional_date_is_read_day_first_or_iso(string text)
    {
        Assert.True(LocalDays.TryParseOptional(text, out var day, out var error));
        Assert.Equal(new DateOnly(2026, 12, 1), day);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_date_is_no_error(string? text)
    {
        Assert.True(LocalDays.TryParseOptional(text, out var day, out var error));
        Assert.Null(day);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("12/25/2026")]
    [InlineData("31/02/2026")]
    [InlineData("yesterday")]
    public void Anything_else_is_one_line_saying_how_to_write_it(string text)
    {
        Assert.False(LocalDays.TryParseOptional(text, out _, out var error));
        Assert.Equal($"'{text}' is not a date: write the date day first, like 01/12/2026, or as 2026-12-01.", error);
    }
}
