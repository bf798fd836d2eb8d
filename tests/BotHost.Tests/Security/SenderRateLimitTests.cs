using System.Net;
using ReportBot.BotHost.Tests.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Security;

/// <summary>
/// One sender flooding the bot: past `RateLimit:PerSenderPerMinute` each message is still acknowledged and kept in the
/// inbox (nothing is lost), marked `rate-limited`, and neither handled nor answered — but the sender is told once to
/// slow down, and the admins can list them; other senders are not affected.
/// </summary>
public sealed class SenderRateLimitTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Past_the_limit_messages_are_kept_not_handled_and_the_sender_is_told_once()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl,
            new Dictionary<string, string?> { ["RateLimit:PerSenderPerMinute"] = "5", ["Admin:ApiKey"] = HostileApp.AdminKey });
        using var client = app.CreateClient();

        for (var i = 0; i < 8; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Webhooks.Signed(Webhooks.WhatsAppForm($"SM{i:D32}", $"Benipur {1000 + i}")))).StatusCode);
        // The same person on the other channel is the same sender: one more past the limit.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("text-report.json")))).StatusCode);
        // Someone else is not held back by Ramesh's flood.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Webhooks.Signed(
            Webhooks.WhatsAppForm("SM" + new string('9', 32), "Jale 300", from: "whatsapp:+919876543211")))).StatusCode);

        await app.AllHandledAsync();
        Assert.Equal(10, await app.ScalarAsync<long>("select count(*) from inbox"));
        Assert.Equal(4, await app.ScalarAsync<long>("select count(*) from inbox where outcome = 'rate-limited' and processed_at is not null"));
        Assert.Equal(1004, await app.ScalarAsync<long>(
            "select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Benipur'")); // the fifth report, not the eighth
        await twilio.WaitForRequestsAsync(7);
        await Task.Delay(300); // a wrongly queued reply would go out now
        Assert.Equal(7, twilio.Requests.Count); // five replies and one "slow down" to Ramesh, one reply to Sunita
        Assert.Single(twilio.Requests, r => r.Form["Body"].Contains("not reading more from you for a moment"));
        Assert.Empty(graph.Requests); // told once: not again on the other channel
        var listed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/inbox/rate-limited") { Headers = { { "X-Admin-Key", HostileApp.AdminKey } } });
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(4, System.Text.Json.JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
        // The sweeper leaves them alone: they are closed, not pending.
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from inbox where processed_at is null"));
    }
}
