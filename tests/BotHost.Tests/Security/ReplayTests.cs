using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using ReportBot.BotHost.Tests.Channels.Twilio;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Security;

/// <summary>
/// A captured, signed Twilio request replayed with a field repeated: the signature still verifies (it covers each
/// name's distinct values, as twilio-node computes it), so the repeat itself must be refused — before, `MessageSid`
/// joined as "SM…,SM…" was a new dedup key and five replays took Benipur from 1,350 to 3,150.
/// </summary>
public sealed class ReplayTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string Fixture = "whatsapp-report.form";

    static string Body => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "Twilio", "Fixtures", Fixture));

    public static TheoryData<string> Fields => new(new FormReader(Body).ReadForm().Keys);

    [Fact]
    public void A_doubled_field_keeps_twilio_nodes_signature_valid()
    {
        // The premise of the attack, checked with twilio-node's own signature of the untouched fixture.
        var doubled = new FormReader(Body + "&MessageSid=" + Uri.EscapeDataString(new FormReader(Body).ReadForm()["MessageSid"]!)).ReadForm();
        Assert.True(ReportBot.BotHost.Channels.Twilio.TwilioSignature.IsValid(ReportBotApp.AuthToken, TwilioNodeSignatures.For(Fixture),
            TwilioNodeSignatures.Url, doubled));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_replay_with_a_doubled_field_is_refused_and_adds_nothing(string field)
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();
        var value = new FormReader(Body).ReadForm()[field].ToString();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Post(Body))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after
        for (var replay = 0; replay < 3; replay++)
        {
            var response = await client.SendAsync(Post(Body + $"&{Uri.EscapeDataString(field)}={Uri.EscapeDataString(value)}"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from inbox"));
        Assert.Equal(1240, await app.ScalarAsync<long>("select value from figures"));
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from figure_history"));
    }

    /// <summary>The fixture's own signature, as Twilio's Node library computed it, on every replay.</summary>
    static HttpRequestMessage Post(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Twilio-Signature", TwilioNodeSignatures.For(Fixture));
        return request;
    }
}
