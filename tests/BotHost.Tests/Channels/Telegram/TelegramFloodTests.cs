using Microsoft.Extensions.DependencyInjection;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Tests.Channels.Telegram;

/// <summary>Telegram's flood control through the real outbox: a 429 with `retry_after` is tried again no sooner than it asks.</summary>
public sealed class TelegramFloodTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_send_refused_by_flood_control_waits_as_long_as_telegram_asks()
    {
        await using var api = await FakeTelegramApi.StartAsync();
        await using var app = await TelegramWebhooks.StartAppAsync(postgres, api);
        api.ThenAnswer(429, "Too Many Requests: retry after 600", retryAfter: 600);

        var before = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<OutboxStore>().AddAsync(new OutboxEntry("telegram", "-1001987654321", null, "⏰ reminder", null), before);
        app.Services.GetRequiredService<OutboxSignal>().Notify();

        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where attempts = 1 and status = 'pending'") == 1,
            "the refused send back in the queue");
        var next = await app.ScalarAsync<DateTime>("select next_attempt_at from outbox");
        Assert.True(next >= before.UtcDateTime.AddSeconds(590), $"retried at {next:O}, before Telegram's 600 s"); // the outbox's own backoff would be 50 ms
        Assert.Single(api.Requests);
    }
}
