using Microsoft.Extensions.Configuration;
using ReportBot.BotHost.Channels.Simulator;
using ReportBot.BotHost.Channels.Telegram;

namespace ReportBot.BotHost.Tests.Channels.Telegram;

/// <summary>The `Telegram` section as the README documents it, bound the way the host binds it.</summary>
public sealed class TelegramOptionsTests
{
    static IConfiguration Config(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    static TelegramOptions Bind(Dictionary<string, string?> settings) =>
        Config(settings).GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();

    [Fact]
    public void Defaults_and_enabling()
    {
        var off = Bind([]);
        Assert.False(off.Enabled);
        Assert.Null(off.Problem());
        Assert.Equal("https://api.telegram.org", off.ApiBaseUrl);
        var on = Bind(TelegramWebhooks.Settings("https://api.telegram.org"));
        Assert.True(on.Enabled);
        Assert.Null(on.Problem());
        Assert.Equal("https://t.me/DarbhangaReportBot?start=link", on.LinkAccountUrl);
    }

    [Theory]
    [InlineData("Telegram:WebhookSecret", null, "Telegram:WebhookSecret required when Telegram:BotToken is set.")]
    [InlineData("Telegram:BotUsername", " ", "Telegram:BotUsername required when Telegram:BotToken is set.")]
    [InlineData("Telegram:WebhookSecret", "has spaces and €", "Telegram:WebhookSecret must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for secret_token).")]
    [InlineData("Telegram:BotUsername", "t.me/Bot", "Telegram:BotUsername must be the bot's username as @BotFather gave it (5-32 letters, digits or _).")]
    [InlineData("Telegram:ApiBaseUrl", "api.telegram.org", "Telegram:ApiBaseUrl must be an absolute http(s) URL.")]
    public void A_problem_names_the_key_never_the_value(string key, string? value, string problem)
    {
        var settings = TelegramWebhooks.Settings("https://api.telegram.org");
        settings[key] = value;
        Assert.Equal(problem, Bind(settings).Problem());
    }

    [Fact]
    public void A_bot_username_with_its_at_sign_is_read_without_it() =>
        Assert.Equal("https://t.me/DarbhangaReportBot?start=link",
            Bind(new(TelegramWebhooks.Settings("https://api.telegram.org")) { ["Telegram:BotUsername"] = "@DarbhangaReportBot" }).LinkAccountUrl);

    [Fact]
    public void A_telegram_bot_keeps_the_open_simulator_off() =>
        Assert.False(SimulatorChannelExtensions.OnByDefault(Config(new() { ["Telegram:BotToken"] = TelegramWebhooks.BotToken })));
}
