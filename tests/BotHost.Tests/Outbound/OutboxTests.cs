using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Outbound;

/// <summary>The outbox retries what is retryable, gives up on what is not, and never sends a message twice.</summary>
public sealed class OutboxTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_throttled_send_is_retried_and_delivered_once()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        twilio.ThenAnswer(429, 20429, "Too Many Requests");
        twilio.ThenAnswer(503, 20003, "Service Unavailable");
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();

        await Webhooks.SendReportAsync(app, "SM" + new string('a', 32), "Benipur 1240");

        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<string>("select status from outbox") == "sent", "the reply is sent");
        Assert.Equal(3, twilio.Requests.Count); // 429, 503, then 201
        Assert.Equal(3, await app.ScalarAsync<int>("select attempts from outbox"));
        Assert.Single(twilio.Requests.Select(r => r.Form["Body"]).Distinct());
    }

    [Fact]
    public async Task A_refused_send_is_not_retried()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        twilio.ThenAnswer(400, 21211, "The 'To' number is not a valid phone number.");
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();

        await Webhooks.SendReportAsync(app, "SM" + new string('b', 32), "Benipur 1240");

        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<string>("select status from outbox") == "failed", "the reply fails");
        await Task.Delay(300);
        Assert.Single(twilio.Requests);
        Assert.Contains("21211", await app.ScalarAsync<string>("select last_error from outbox"));
    }
}
