using ReportBot.Reporting.Exports;

namespace ReportBot.Reporting.Tests.Exports;

public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+91 98765", "'+91 98765")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("+", "'+")]
    [InlineData("+91-9876543210", "'+91-9876543210")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    public void Text_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetText.Neutralise(text));

    [Theory]
    [InlineData("Khutauna")]
    [InlineData("खुटौना")]
    [InlineData("")]
    [InlineData("a=b")]
    [InlineData("+919876543210")] // a phone number: a spreadsheet reads it as the number, nothing runs
    [InlineData("-5")]
    public void Ordinary_text_is_left_alone(string text) => Assert.Equal(text, SpreadsheetText.Neutralise(text));
}
