using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Twilio;

/// <summary>
/// Twilio's webhook, case by case: real form payloads from Fixtures/ through the real host, a real PostgreSQL and a
/// local fake of Twilio's REST API, each asserting what was stored and what was sent back.
/// </summary>
public sealed class TwilioWebhookTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    public enum Signing { Valid, Wrong, Missing }

    public sealed record Case(
        string Fixture,
        Signing Signing,
        int Deliveries,
        HttpStatusCode Status,
        int InboxRows,
        string? ReplyContains,
        long? BenipurFigure = null);

    static readonly Dictionary<string, Case> Cases = new()
    {
        ["a report is stored, recorded and acknowledged"] =
            new("whatsapp-report.form", Signing.Valid, 1, HttpStatusCode.OK, 1, "✅ *Benipur* — 1,240 Ayushman cards for", 1240),
        ["a repeat delivery is answered 200 and handled once"] =
            new("whatsapp-report.form", Signing.Valid, 3, HttpStatusCode.OK, 1, "✅ *Benipur* — 1,240 Ayushman cards for", 1240),
        ["a wrong signature gets 403 and stores nothing"] =
            new("whatsapp-report.form", Signing.Wrong, 1, HttpStatusCode.Forbidden, 0, null),
        ["a missing signature header gets 400 and stores nothing"] =
            new("whatsapp-report.form", Signing.Missing, 1, HttpStatusCode.BadRequest, 0, null),
        ["media without a caption is kept and answered"] =
            new("whatsapp-media-only.form", Signing.Valid, 1, HttpStatusCode.OK, 1, "I can only read typed figures"),
        ["an empty body is kept and not answered"] =
            new("whatsapp-empty-body.form", Signing.Valid, 1, HttpStatusCode.OK, 1, null),
        ["an unregistered number is told whom to ask and its message is kept"] =
            new("whatsapp-unregistered.form", Signing.Valid, 1, HttpStatusCode.OK, 1, "not registered for reporting"),
        // An SMS reaching our WhatsApp sender: a reply would leave from the WhatsApp number and move the member's channel.
        ["an SMS with media from Microsoft's adapter fixture is kept and not answered"] =
            new("sms-botbuilder-media.form", Signing.Valid, 1, HttpStatusCode.OK, 1, null),
        ["a signed form that is not a message gets 400 and stores nothing"] =
            new("missing-message-sid.form", Signing.Valid, 1, HttpStatusCode.BadRequest, 0, null),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Webhook(string name)
    {
        var c = Cases[name];
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Channels", "Twilio", "Fixtures", c.Fixture));

        for (var i = 0; i < c.Deliveries; i++)
        {
            var response = await client.SendAsync(SignedPost(c.Fixture, body, c.Signing));
            Assert.Equal(c.Status, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (c.Status == HttpStatusCode.OK)
                Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response />""", text);
            else
                Assert.DoesNotContain("signature", text, StringComparison.OrdinalIgnoreCase); // nothing that helps an attacker
        }

        Assert.Equal(c.InboxRows, await app.ScalarAsync<long>("select count(*) from inbox"));
        await app.AllHandledAsync(); // the webhook answers once stored; handling follows
        if (c.InboxRows > 0)
            Assert.Equal(body, await app.ScalarAsync<string>("select raw from inbox"));
        Assert.Equal(c.BenipurFigure, (await app.QueryAsync<long?>(
            "select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Benipur'")).SingleOrDefault());

        if (c.ReplyContains is null)
        {
            await Task.Delay(300); // give a wrongly queued reply the chance to go out
            Assert.Empty(twilio.Requests);
            Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from outbox"));
            return;
        }
        var sent = Assert.Single(await twilio.WaitForRequestsAsync(1));
        Assert.Contains(c.ReplyContains, sent.Form["Body"]);
        Assert.Equal(new FormReader(body).ReadForm()["From"].ToString(), sent.Form["To"]);
        await Task.Delay(300); // a second send would show up here
        Assert.Single(twilio.Requests);
    }

    static HttpRequestMessage SignedPost(string fixture, string body, Signing signing)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        // Valid signatures are the ones Twilio's own Node helper library computed (TwilioNode/sign-fixtures.js).
        if (signing == Signing.Valid)
            request.Headers.Add("X-Twilio-Signature", TwilioNodeSignatures.For(fixture));
        if (signing == Signing.Wrong)
            request.Headers.Add("X-Twilio-Signature",
                TwilioSignature.Compute("not-the-token", ReportBotApp.PublicBaseUrl + "/webhooks/twilio", new FormReader(body).ReadForm()));
        return request;
    }
}
