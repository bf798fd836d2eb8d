using ReportBot.BotHost.Channels.Telegram;

namespace ReportBot.BotHost.Tests.Channels.Telegram;

/// <summary>The replies' WhatsApp markup as Telegram entities: what is marked, and what stays as written.</summary>
public sealed class TelegramMarkupTests
{
    [Theory]
    [InlineData("✅ *Benipur* — 1,240 Ayushman cards for Wed 3 Dec.", "✅ Benipur — 1,240 Ayushman cards for Wed 3 Dec.", "bold 2 7")]
    [InlineData("✅ *बेनीपुर* — 3 दिसंबर: 1,240 दर्ज।", "✅ बेनीपुर — 3 दिसंबर: 1,240 दर्ज।", "bold 2 7")]
    [InlineData("⚠️ *Tardih*: send the day's figure, e.g. `Tardih 540`", "⚠️ Tardih: send the day's figure, e.g. Tardih 540", "bold 3 6, code 39 10")]
    [InlineData("*Jale* and *Baheri Block*", "Jale and Baheri Block", "bold 0 4, bold 9 12")]
    [InlineData("5*3*2 = 30", "5*3*2 = 30", "")]
    [InlineData("a * b * c", "a * b * c", "")]
    [InlineData("* not bold*", "* not bold*", "")]
    [InlineData("*across\nlines*", "*across\nlines*", "")]
    [InlineData("**", "**", "")]
    [InlineData("Benipur 1240", "Benipur 1240", "")]
    public void WhatsApp_marks_become_spans_of_the_plain_text(string body, string text, string spans)
    {
        var (plain, found) = TelegramMarkup.FromWhatsApp(body);

        Assert.Equal(text, plain);
        Assert.Equal(spans, string.Join(", ", found.Select(s => $"{s.Type} {s.Offset} {s.Length}")));
    }
}
