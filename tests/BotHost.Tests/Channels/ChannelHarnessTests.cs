using System.Net;
using System.Text;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Tests.Channels.Telegram;
using ReportBot.BotHost.Tests.Channels.Waha;
using ReportBot.BotHost.Tests.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels;

/// <summary>
/// One harness, one table for every channel (courier's `RunIncomingTestCases`): each channel's own real payload of a
/// report, signed right, forged, unsigned and delivered three times, through the real host and a real PostgreSQL —
/// asserting the answer and exactly what the inbox holds. Each channel's folder keeps its own table for what only it
/// has (Twilio's status callbacks, Meta's batches, Telegram's contacts, WAHA's lids).
/// </summary>
public sealed class ChannelHarnessTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    public enum Signing { Valid, Forged, Missing }

    /// <summary>What a channel's report leaves in the inbox: whoever sent it, from which phone, what, and where.</summary>
    public sealed record InboxRow(string Sender, string? Phone, string Body, string? ChatId, string Event = "posted");

    /// <summary>A channel as the harness drives it: its settings, and its real payload of a report as the provider sends it.</summary>
    public sealed record Channel(string Name, IReadOnlyDictionary<string, string?> Settings, Func<Signing, HttpRequestMessage> Report,
        InboxRow Stored, HttpStatusCode Unsigned);

    static readonly Channel[] Channels =
    [
        new("twilio", new Dictionary<string, string?>(), signing => TwilioRequest("whatsapp-report.form", signing),
            new("whatsapp:+919876543210", "919876543210", "Benipur 1240", null), HttpStatusCode.BadRequest),
        new("whatsapp", MetaWebhooks.Settings("http://127.0.0.1:9"), signing => MetaWebhooks.Post(MetaWebhooks.Fixture("text-report.json"),
                signing switch { Signing.Valid => MetaWebhooks.AppSecret, Signing.Forged => "not-the-app-secret", _ => null }),
            new("+919876543210", "919876543210", "Benipur 1240", null), HttpStatusCode.BadRequest),
        new("telegram", TelegramWebhooks.Settings("http://127.0.0.1:9"), signing => TelegramWebhooks.Post(TelegramWebhooks.Fixture("group-text.json"),
                signing switch { Signing.Valid => TelegramWebhooks.WebhookSecret, Signing.Forged => "not-the-secret", _ => null }),
            new(TelegramWebhooks.RameshUserId, null, "Benipur 1240", "-4012345678"), HttpStatusCode.Forbidden),
        new("waha", WahaWebhooks.Settings("http://127.0.0.1:9"), signing => WahaWebhooks.Post(WahaWebhooks.Fixture("group-text-from-phone.json"),
                signing switch { Signing.Valid => WahaWebhooks.HmacKey, Signing.Forged => "not-the-key", _ => null }),
            new("919876543210@c.us", "919876543210", "Benipur 1240", "120363041234567890@g.us"), HttpStatusCode.Forbidden),
    ];

    static HttpRequestMessage TwilioRequest(string fixture, Signing signing)
    {
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "Twilio", "Fixtures", fixture)).Trim();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (signing != Signing.Missing)
        {
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
            request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(signing == Signing.Valid ? ReportBotApp.AuthToken : "forged-token",
                ReportBotApp.PublicBaseUrl + "/webhooks/twilio", form.Select(f => KeyValuePair.Create(f.Key, f.Value))));
        }
        return request;
    }

    public static TheoryData<string, Signing, int> Cases()
    {
        var data = new TheoryData<string, Signing, int>();
        foreach (var channel in Channels)
        {
            data.Add(channel.Name, Signing.Valid, 1);
            data.Add(channel.Name, Signing.Valid, 3); // the provider's retries: stored once
            data.Add(channel.Name, Signing.Forged, 1);
            data.Add(channel.Name, Signing.Missing, 1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_report_is_stored_once_when_signed_and_never_when_forged(string name, Signing signing, int deliveries)
    {
        var channel = Channels.Single(c => c.Name == name);
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), settings: channel.Settings).StartAsync();
        using var client = app.CreateClient();

        var expected = signing switch { Signing.Valid => HttpStatusCode.OK, Signing.Forged => HttpStatusCode.Forbidden, _ => channel.Unsigned };
        for (var i = 0; i < deliveries; i++)
            Assert.Equal(expected, (await client.SendAsync(channel.Report(signing))).StatusCode);

        var stored = await app.QueryAsync<InboxRow>("select sender, phone, body, chat_id as ChatId, event from inbox where channel = @name", new { name });
        if (signing == Signing.Valid)
            Assert.Equal(channel.Stored, Assert.Single(stored));
        else
            Assert.Empty(await app.QueryAsync<long>("select id from inbox"));
    }
}
