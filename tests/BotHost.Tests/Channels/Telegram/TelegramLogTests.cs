using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.BotHost.Tests.Security;

namespace ReportBot.BotHost.Tests.Channels.Telegram;

/// <summary>
/// What the logs say about the Telegram channel: that its webhook is exposed, and never its secrets. The bot token is
/// part of every Bot API URL, and the HTTP client factory logs URLs: a run through refused webhooks and refused, failed
/// and successful sends at the most verbose level, then a search of every captured line for the token and the secret.
/// </summary>
public sealed class TelegramLogTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_bot_token_and_the_webhook_secret_never_appear_in_the_logs()
    {
        await using var api = await FakeTelegramApi.StartAsync();
        var logs = new LogCapture();
        var settings = TelegramWebhooks.Settings(api.BaseUrl);
        settings["Outbox:MaxAttempts"] = "2";
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), settings: settings, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.AddLogging(logging => logging.AddFilter<LogCapture>(null, LogLevel.Trace));
        }).StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(TelegramWebhooks.Post(TelegramWebhooks.Fixture("private-text.json"), "wrong-secret"))).StatusCode);
        // Each message from a stranger is answered: the first answer is refused for the token, the second fails once.
        api.ThenAnswer(401, "Unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(TelegramWebhooks.Post(TelegramWebhooks.Fixture("private-text.json")))).StatusCode);
        await api.WaitForRequestsAsync(1);
        api.ThenAnswer(500, "Internal Server Error");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(TelegramWebhooks.Post(TelegramWebhooks.Fixture("photo-with-caption.json")))).StatusCode);
        await api.WaitForRequestsAsync(3);
        await app.AllHandledAsync();

        var all = logs.All;
        Assert.True(logs.Lines.Count > 20, $"only {logs.Lines.Count} lines were captured");
        Assert.Contains("telegram", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TelegramWebhooks.BotToken, all);
        Assert.DoesNotContain(TelegramWebhooks.BotToken.Split(':')[1], all); // the secret half alone
        Assert.DoesNotContain(TelegramWebhooks.WebhookSecret, all);
    }

    [Fact]
    public async Task The_start_log_lists_the_telegram_webhook()
    {
        await using var api = await FakeTelegramApi.StartAsync();
        var logs = new LogCapture();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), settings: TelegramWebhooks.Settings(api.BaseUrl),
            services: s => s.AddSingleton<ILoggerProvider>(logs)).StartAsync();
        static bool Exposure(string l) => l.Contains("ReportBot.Exposure: Serving on", StringComparison.Ordinal);
        await ReportBotApp.EventuallyAsync(() => Task.FromResult(logs.Lines.Any(Exposure)), "the start's exposure line");

        Assert.Contains("Telegram at /webhooks/telegram (signed)", Assert.Single(logs.Lines, Exposure));
    }
}
