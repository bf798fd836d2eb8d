using System.Text;
using System.Text.RegularExpressions;
using ReportBot.BotHost.Channels.Telegram;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Telegram;

/// <summary>The Telegram channel's test settings, and webhook requests built the way Telegram sends them.</summary>
public static class TelegramWebhooks
{
    public const string BotToken = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    public const string WebhookSecret = "darbhanga-tg-7f3a_9c";
    public const string BotUsername = "DarbhangaReportBot";

    /// <summary>Ramesh Kumar's Telegram user id in the fixtures (his phone is the demo's 919876543210).</summary>
    public const string RameshUserId = "5512345678";

    public static Dictionary<string, string?> Settings(string apiBaseUrl) => new()
    {
        ["Telegram:BotToken"] = BotToken,
        ["Telegram:WebhookSecret"] = WebhookSecret,
        ["Telegram:BotUsername"] = BotUsername,
        ["Telegram:ApiBaseUrl"] = apiBaseUrl,
    };

    /// <summary>The real host with the Telegram channel on, sending to <paramref name="api"/>.</summary>
    public static async Task<ReportBotApp> StartAppAsync(PostgresFixture postgres, FakeTelegramApi api) =>
        await new ReportBotApp(await postgres.CreateDatabaseAsync(), settings: Settings(api.BaseUrl)).StartAsync();

    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Channels", "Telegram", "Fixtures", name));

    /// <summary>
    /// The fixture as if sent just now: its `date` fields set to <paramref name="now"/>, so that the report counts for
    /// today whatever day the test runs.
    /// </summary>
    public static byte[] FixtureSentAt(string name, DateTimeOffset now) =>
        Encoding.UTF8.GetBytes(Regex.Replace(Encoding.UTF8.GetString(Fixture(name)), "\"date\": \\d+", $"\"date\": {now.ToUnixTimeSeconds()}"));

    /// <summary>A POST of <paramref name="body"/>'s exact bytes with <paramref name="secret"/> in Telegram's header (null: no header).</summary>
    public static HttpRequestMessage Post(byte[] body, string? secret = WebhookSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (secret is not null)
            request.Headers.Add(TelegramSecretToken.Header, secret);
        return request;
    }
}
