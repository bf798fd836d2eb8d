using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Waha;

/// <summary>
/// WAHA's webhook, case by case: real-shaped event payloads from Fixtures/ through the real host, a real PostgreSQL and
/// a local fake of WAHA's API, each asserting exactly what was stored in the inbox.
/// </summary>
public sealed class WahaWebhookTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    public enum Signing { Valid, Wrong, Missing, OtherAlgorithm }

    /// <summary>The inbox row a case stores. <see cref="Outcome"/> is asserted only for what is set aside (the rest is handled later).</summary>
    public sealed record Row
    {
        public string Sender { get; init; } = "";
        public string? ChatId { get; init; }
        public string? MessageRef { get; init; }
        public string Event { get; init; } = "posted";
        public string? OriginalRef { get; init; }
        public string? SenderName { get; init; }
        public string? UserId { get; init; }
        public string? Phone { get; init; }
        public string Body { get; init; } = "";
        public int MediaCount { get; init; }
        public string? Outcome { get; init; }
    }

    public sealed record Case(string Fixture, Signing Signing, int Deliveries, HttpStatusCode Status, Row? Stored);

    const string Group = "120363041234567890@g.us";
    const string Ramesh = "919876543210@c.us";
    const string KavitaLid = "201234567890123@lid";

    static readonly Row RameshInGroup = new()
    {
        Sender = Ramesh, ChatId = Group, MessageRef = $"false_{Group}_3EB0C767D0B1A2F34B5E_{Ramesh}", SenderName = "Ramesh Kumar",
        Phone = "919876543210", Body = "Benipur 1240",
    };

    static readonly Dictionary<string, Case> Cases = new()
    {
        ["a direct text is stored with the sender's phone and no chat"] = new("direct-text.json", Signing.Valid, 1, HttpStatusCode.OK, new Row
        {
            Sender = Ramesh, MessageRef = $"false_{Ramesh}_3EB0A1B2C3D4E5F60718", SenderName = "Ramesh Kumar", Phone = "919876543210", Body = "Benipur 1240",
        }),
        ["a group text from a phone address is stored with the group and the participant"] =
            new("group-text-from-phone.json", Signing.Valid, 1, HttpStatusCode.OK, RameshInGroup),
        ["a group text from a lid gets its phone from wahas lids api"] = new("group-text-from-lid.json", Signing.Valid, 1, HttpStatusCode.OK, new Row
        {
            Sender = KavitaLid, ChatId = Group, MessageRef = $"false_{Group}_3EB05F1E2D3C4B5A6978_{KavitaLid}", SenderName = "Kavita Jha",
            UserId = KavitaLid, Phone = "919876543212", Body = "Baheri 310, Hayaghat 275",
        }),
        ["a group text from a lid takes the phone noweb gives beside it"] = new("group-text-from-lid-noweb.json", Signing.Valid, 1, HttpStatusCode.OK, new Row
        {
            Sender = "201234567890999@lid", ChatId = Group, MessageRef = $"false_{Group}_3A9F2C1B0E8D7C6B5A49_201234567890999@lid",
            SenderName = "सुनीता देवी", UserId = "201234567890999@lid", Phone = "919876543211", Body = "Jale 980",
        }),
        ["an edit names the edited message by its key id and carries the new text"] = new("edited.json", Signing.Valid, 1, HttpStatusCode.OK, RameshInGroup with
        {
            MessageRef = $"false_{Group}_3EB0E1D2C3B4A5968778_{Ramesh}", Event = "edited", OriginalRef = "3EB0C767D0B1A2F34B5E", Body = "Benipur 1250",
        }),
        ["a deletion names the deleted message by its key id"] = new("revoked.json", Signing.Valid, 1, HttpStatusCode.OK, RameshInGroup with
        {
            Event = "deleted", OriginalRef = "3EB0C767D0B1A2F34B5E", Body = "", Outcome = null,
        }),
        ["a media message's caption is its text"] = new("media-with-caption.json", Signing.Valid, 1, HttpStatusCode.OK, RameshInGroup with
        {
            MessageRef = $"false_{Group}_3EB0B8A7968574635241_{Ramesh}", MediaCount = 1,
        }),
        ["our own message echoed back is set aside"] = new("from-me.json", Signing.Valid, 1, HttpStatusCode.OK, new Row
        {
            // WAHA gives our own number as `from` of what we sent.
            Sender = "918800000001@c.us", MessageRef = $"true_{Ramesh}_3EB0F9E8D7C6B5A49382", SenderName = "Darbhanga ReportBot", Phone = "918800000001",
            Body = "✅ *Benipur* — 1,240 Ayushman cards", Outcome = "own-message",
        }),
        ["a status story is set aside"] = new("status-broadcast.json", Signing.Valid, 1, HttpStatusCode.OK, new Row
        {
            Sender = "status@broadcast", MessageRef = "false_status@broadcast_3EB07A6B5C4D3E2F1A0B_919876543210@c.us", SenderName = "Ramesh Kumar",
            Body = "Good morning 🌞", Outcome = "status-broadcast",
        }),
        ["a delivery ack is set aside"] = new("message-ack.json", Signing.Valid, 1, HttpStatusCode.OK, new Row
        {
            Sender = Ramesh, MessageRef = "true_919876543210@c.us_3EB0FAKE000000000001", Phone = "919876543210", Outcome = "ignored-message-ack",
        }),
        ["a session status is set aside"] = new("session-status.json", Signing.Valid, 1, HttpStatusCode.OK, new Row
        {
            Outcome = "ignored-session-status",
        }),
        ["another session's message is set aside"] = new("other-session.json", Signing.Valid, 1, HttpStatusCode.OK, new Row
        {
            Sender = Ramesh, MessageRef = $"false_{Ramesh}_3EB03C2B1A0F9E8D7C6B", SenderName = "Ramesh Kumar", Phone = "919876543210",
            Body = "Benipur 1240", Outcome = "other-session",
        }),
        ["a group system notice is set aside"] = new("group-notification.json", Signing.Valid, 1, HttpStatusCode.OK, RameshInGroup with
        {
            MessageRef = $"false_{Group}_3EB0NOTIFY00000000001_{Ramesh}", SenderName = null, Body = "", Outcome = "ignored-gp2",
        }),
        ["the same event delivered three times is stored once"] =
            new("group-text-from-phone.json", Signing.Valid, 3, HttpStatusCode.OK, RameshInGroup),
        ["a wrong hmac gets 403 and stores nothing"] = new("direct-text.json", Signing.Wrong, 1, HttpStatusCode.Forbidden, null),
        ["a missing hmac gets 403 and stores nothing"] = new("direct-text.json", Signing.Missing, 1, HttpStatusCode.Forbidden, null),
        ["an hmac of another algorithm gets 403 and stores nothing"] = new("direct-text.json", Signing.OtherAlgorithm, 1, HttpStatusCode.Forbidden, null),
        ["a signed body that is not json gets 400"] = new("not-json.json", Signing.Valid, 1, HttpStatusCode.BadRequest, null),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Webhook(string name)
    {
        var c = Cases[name];
        await using var waha = await FakeWahaApi.StartAsync();
        waha.Lids[KavitaLid] = "919876543212@c.us";
        await using var app = await WahaWebhooks.StartAppAsync(postgres, waha);
        using var client = app.CreateClient();
        var body = WahaWebhooks.Fixture(c.Fixture);

        for (var i = 0; i < c.Deliveries; i++)
        {
            var response = await client.SendAsync(c.Signing switch
            {
                Signing.Valid => WahaWebhooks.Post(body),
                Signing.Wrong => WahaWebhooks.Post(body, "not-the-hmac-key"),
                Signing.OtherAlgorithm => WahaWebhooks.Post(body, algorithm: "sha256"),
                _ => WahaWebhooks.Post(body, key: null),
            });
            Assert.Equal(c.Status, response.StatusCode);
            if (c.Status != HttpStatusCode.OK)
                Assert.DoesNotContain("hmac", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var rows = await app.QueryAsync<Row>(
            """
            select sender as Sender, chat_id as ChatId, message_ref as MessageRef, event as Event, original_ref as OriginalRef,
                   sender_name as SenderName, user_id as UserId, phone as Phone, body as Body, media_count as MediaCount, outcome as Outcome
            from inbox where channel = 'waha'
            """);
        if (c.Stored is null)
        {
            Assert.Empty(rows);
            Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from inbox"));
            return;
        }
        var row = Assert.Single(rows);
        Assert.Equal(c.Stored, c.Stored.Outcome is null ? row with { Outcome = null } : row);
        Assert.Equal(Encoding.UTF8.GetString(body), await app.ScalarAsync<string>("select raw from inbox"));
        Assert.Equal(JsonNode.Parse(body)!["id"]!.ToString(), await app.ScalarAsync<string>("select external_id from inbox"));
        if (c.Fixture == "group-text-from-lid-noweb.json")
            Assert.Empty(waha.LidLookups); // the engine said the phone: WAHA is not asked
        await app.AllHandledAsync();
    }

    [Fact]
    public async Task A_lid_looked_up_once_is_remembered_in_the_database_when_waha_cannot_answer_later()
    {
        await using var waha = await FakeWahaApi.StartAsync();
        waha.Lids[KavitaLid] = "919876543212@c.us";
        var database = await postgres.CreateDatabaseAsync();
        await using (var first = await new ReportBotApp(database, settings: WahaWebhooks.Settings(waha.BaseUrl)).StartAsync())
        {
            using var client = first.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(WahaWebhooks.Post(WahaWebhooks.Fixture("group-text-from-lid.json")))).StatusCode);
            await first.AllHandledAsync();
        }
        var lookup = Assert.Single(waha.LidLookups);
        Assert.Equal("GET", lookup.Method);
        Assert.Equal("/api/default/lids/201234567890123@lid", Uri.UnescapeDataString(lookup.Path));
        Assert.Equal(WahaWebhooks.ApiKey, lookup.ApiKey);

        // A restarted host (nothing in memory) while WAHA cannot say: the phone comes from channel_identities.
        waha.LidsAvailable = false;
        await using var second = await new ReportBotApp(database, settings: WahaWebhooks.Settings(waha.BaseUrl)).StartAsync();
        using var again = second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await again.SendAsync(WahaWebhooks.Post(WahaWebhooks.Fixture("group-text-from-lid-again.json")))).StatusCode);

        Assert.Equal(2, waha.LidLookups.Count);
        Assert.Equal(("919876543212", KavitaLid), (await second.QueryAsync<(string, string)>(
            "select phone, user_id from inbox where external_id = 'evt_01kbxq9m4c6t8v0x2z4b6d8f0h'")).Single());
        Assert.Equal("919876543212", await second.ScalarAsync<string>(
            "select phone from channel_identities where channel = 'waha' and user_id = @lid", new { lid = KavitaLid }));
        await second.AllHandledAsync();
    }

    [Fact]
    public async Task A_lid_waha_does_not_know_is_stored_without_a_phone()
    {
        await using var waha = await FakeWahaApi.StartAsync(); // knows no lid
        await using var app = await WahaWebhooks.StartAppAsync(postgres, waha);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(WahaWebhooks.Post(WahaWebhooks.Fixture("group-text-from-lid.json")))).StatusCode);

        Assert.Equal((KavitaLid, (string?)null), (await app.QueryAsync<(string, string?)>("select user_id, phone from inbox")).Single());
        await app.AllHandledAsync();
    }

    [Fact]
    public async Task A_slow_lid_lookup_does_not_hold_the_webhook_past_its_timeout()
    {
        await using var waha = await FakeWahaApi.StartAsync();
        waha.Lids[KavitaLid] = "919876543212@c.us";
        waha.LidsDelay = TimeSpan.FromSeconds(5);
        var settings = WahaWebhooks.Settings(waha.BaseUrl);
        settings["Waha:LidLookupTimeout"] = "00:00:00.300";
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), settings: settings).StartAsync();
        using var client = app.CreateClient();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(WahaWebhooks.Post(WahaWebhooks.Fixture("group-text-from-lid.json")))).StatusCode);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"answered after {watch.Elapsed}");
        Assert.Equal((KavitaLid, (string?)null), (await app.QueryAsync<(string, string?)>("select user_id, phone from inbox")).Single());
        await app.AllHandledAsync();
    }

    [Fact]
    public async Task Ramesh_reports_in_a_direct_chat_and_the_reply_goes_to_his_chat_through_send_text()
    {
        await using var waha = await FakeWahaApi.StartAsync();
        await using var app = await WahaWebhooks.StartAppAsync(postgres, waha);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(WahaWebhooks.Post(WahaWebhooks.Fixture("direct-text.json")))).StatusCode);
        await app.AllHandledAsync();

        Assert.Equal(1240, await app.ScalarAsync<long>(
            "select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Benipur'"));
        var request = Assert.Single(await waha.WaitForRequestsAsync(1));
        await Task.Delay(300); // a second send would show up here
        Assert.Single(waha.Requests);
        var (recipient, reply, quote) = (await app.QueryAsync<(string, string, string?)>("select recipient, body, quote_ref from outbox")).Single();
        Assert.Equal(Ramesh, recipient);
        Assert.Contains("✅ *Benipur* — 1,240", reply);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/sendText", request.Path);
        Assert.Equal(WahaWebhooks.ApiKey, request.ApiKey);
        Assert.StartsWith("application/json", request.ContentType);
        var expected = new JsonObject { ["session"] = "default", ["chatId"] = "919876543210@c.us", ["text"] = reply };
        if (quote is not null)
            expected["reply_to"] = quote;
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), $"sent {request.Body}");
        Assert.Equal(FakeWahaApi.MessageIdFor(1), await app.ScalarAsync<string>("select provider_id from outbox"));
    }

    [Fact]
    public async Task Webhooks_answer_503_while_the_database_is_down_and_the_redelivery_is_stored_once()
    {
        await using var waha = await FakeWahaApi.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var app = await new ReportBotApp(database, settings: WahaWebhooks.Settings(waha.BaseUrl)).StartAsync();
        using var client = app.CreateClient();
        var body = WahaWebhooks.Fixture("direct-text.json");

        await postgres.SetReachableAsync(database, reachable: false);
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(WahaWebhooks.Post(body))).StatusCode);
        }
        finally
        {
            await postgres.SetReachableAsync(database, reachable: true);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(WahaWebhooks.Post(body))).StatusCode);
        await app.AllHandledAsync();
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from inbox"));
    }

    [Fact]
    public async Task Without_a_base_url_the_channel_is_off()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(WahaWebhooks.Post(WahaWebhooks.Fixture("direct-text.json")))).StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from inbox"));
    }

    [Fact]
    public async Task A_base_url_without_an_hmac_key_stops_the_host_at_start_naming_keys_not_values()
    {
        var settings = WahaWebhooks.Settings("http://127.0.0.1:9");
        settings["Waha:WebhookHmacKey"] = null;
        settings["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync();

        // The composition root on a plain host, as WhatsAppCloudWebhookTests explains.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddReportBot();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Waha:WebhookHmacKey", error.ToString());
        Assert.DoesNotContain(WahaWebhooks.ApiKey, error.ToString());
        Assert.DoesNotContain("127.0.0.1:9", error.ToString());
    }
}
