using System.Net;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Twilio;

/// <summary>Twilio's status callbacks, signed like messages, move a sent reply's delivery state forward only.</summary>
public sealed class TwilioStatusCallbackTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    static Dictionary<string, string> Status(string sid, string status, string? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["SmsSid"] = sid, ["MessageStatus"] = status, ["SmsStatus"] = status,
            ["AccountSid"] = ReportBotApp.AccountSid, ["From"] = ReportBotApp.BotNumber, ["To"] = Webhooks.RameshWhatsApp,
            ["ApiVersion"] = "2010-04-01", ["ChannelPrefix"] = "whatsapp",
        };
        if (errorCode is not null)
            form["ErrorCode"] = errorCode;
        return form;
    }

    [Fact]
    public async Task Delivery_reports_are_recorded_and_never_move_backwards()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();
        await Webhooks.SendReportAsync(app, "SM" + new string('d', 32), "Benipur 1240");
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status = 'sent'") == 1, "the reply is sent");
        var sid = await app.ScalarAsync<string>("select provider_id from outbox");
        Assert.Equal(twilio.Requests.Single().Form["Body"], await app.ScalarAsync<string>("select body from outbox"));

        async Task<string?> PostAsync(string status, string? code = null)
        {
            var response = await client.SendAsync(Webhooks.Signed(Status(sid, status, code), "/webhooks/twilio/status"));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            return (await app.QueryAsync<string?>("select delivery_status from outbox")).Single();
        }

        Assert.Null(await PostAsync("queued"));
        Assert.Equal("delivered", await PostAsync("delivered"));
        Assert.Equal("delivered", await PostAsync("sent")); // late, out of order
        Assert.Equal("read", await PostAsync("read"));
        Assert.Equal("read", await PostAsync("delivered"));
    }

    [Fact]
    public async Task A_failure_is_recorded_with_its_error_code()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();
        await Webhooks.SendReportAsync(app, "SM" + new string('e', 32), "Benipur 1240");
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status = 'sent'") == 1, "the reply is sent");
        var sid = await app.ScalarAsync<string>("select provider_id from outbox");

        await client.SendAsync(Webhooks.Signed(Status(sid, "undelivered", "63016"), "/webhooks/twilio/status"));

        Assert.Equal(("failed", "63016"), (await app.QueryAsync<(string, string)>("select delivery_status, delivery_error from outbox")).Single());
    }

    [Fact]
    public async Task An_unsigned_status_callback_is_refused()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/status") { Content = new FormUrlEncodedContent(Status("SM1", "read")) };
        request.Headers.Add("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }
}
