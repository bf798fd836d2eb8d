using System.Net;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Inbound;

/// <summary>While the database is unreachable nothing is acknowledged, so the provider keeps the message and retries.</summary>
public sealed class OutageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Webhooks_answer_503_while_the_database_is_down_and_recover_by_themselves()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var app = await new ReportBotApp(database, twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();
        var form = Webhooks.WhatsAppForm("SM" + new string('c', 32), "Benipur 1240");

        await postgres.SetReachableAsync(database, reachable: false);
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(Webhooks.Signed(form))).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        }
        finally
        {
            await postgres.SetReachableAsync(database, reachable: true);
        }

        // Twilio's retry of the same message now goes through, and is handled once.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Webhooks.Signed(form))).StatusCode);
        await app.HandledAsync("twilio", "SM" + new string('c', 32));
        Assert.Equal(1240, await app.ScalarAsync<long>("select value from figures"));
        Assert.Single(await twilio.WaitForRequestsAsync(1));
    }
}
