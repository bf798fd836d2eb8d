using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.WhatsAppCloud;

/// <summary>
/// Meta's webhook, case by case: real JSON payloads from Fixtures/ through the real host, a real PostgreSQL and a local
/// fake of the Graph API, each asserting what was stored, what was recorded and exactly what was sent back.
/// </summary>
public sealed class WhatsAppCloudWebhookTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    public enum Signing { Valid, Wrong, Missing }

    /// <param name="ReportFirst">Ramesh's report goes in (and its reply out, as the fake's first wamid) before the fixture.</param>
    /// <param name="Delivery">The delivery state then recorded on that reply's outbox row, and its error code.</param>
    public sealed record Case(
        string Fixture,
        Signing Signing,
        int Deliveries,
        HttpStatusCode Status,
        int InboxRows,
        int Replies,
        string? ReplyContains,
        long? BenipurFigure = null,
        bool ReportFirst = false,
        string? Delivery = null,
        string? DeliveryError = null);

    const string Recorded = "✅ *Benipur* — 1,240 Ayushman cards for";

    static readonly Dictionary<string, Case> Cases = new()
    {
        ["a text report is stored, recorded and answered once"] =
            new("text-report.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, Recorded, 1240),
        ["the same payload delivered three times is handled once"] =
            new("text-report.json", Signing.Valid, 3, HttpStatusCode.OK, 1, 1, Recorded, 1240),
        ["a wrong signature gets 403 and stores nothing"] =
            new("text-report.json", Signing.Wrong, 1, HttpStatusCode.Forbidden, 0, 0, null),
        ["a missing signature header gets 400 and stores nothing"] =
            new("text-report.json", Signing.Missing, 1, HttpStatusCode.BadRequest, 0, 0, null),
        ["a reply to one of our messages is read like any text"] =
            new("text-reply-with-context.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, Recorded, 1240),
        ["the same wamid twice in one batch is one message"] =
            new("batch-duplicate.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, Recorded, 1240),
        ["a batch of two members' messages is two messages and two replies"] =
            new("batch-two-messages.json", Signing.Valid, 1, HttpStatusCode.OK, 2, 2, Recorded, 1240),
        ["a tapped button is read by its title"] =
            new("interactive-button-reply.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, "How to report"),
        ["a template's quick-reply button is read by its text"] =
            new("template-quick-reply.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, "Benipur"),
        ["an image's caption is the report"] =
            new("image-with-caption.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, Recorded, 1240),
        ["an image without a caption is kept and answered"] =
            new("image-without-caption.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, "I can only read typed figures"),
        ["meta's documented text sample from an unknown number is kept and told whom to ask"] =
            new("meta-text-sample.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, "not registered for reporting"),
        ["a message without an id is acknowledged and skipped"] =
            new("message-without-id.json", Signing.Valid, 1, HttpStatusCode.OK, 0, 0, null),
        ["a signed body that is not JSON gets 400"] =
            new("not-json.json", Signing.Valid, 1, HttpStatusCode.BadRequest, 0, 0, null),
        ["pywa's status for a message we never sent is acknowledged"] =
            new("status-sent-pywa.json", Signing.Valid, 1, HttpStatusCode.OK, 0, 0, null),
        ["a delivered status is recorded on the reply"] =
            new("status-delivered.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, Recorded, 1240, ReportFirst: true, Delivery: "delivered"),
        ["a failed status is recorded with meta's error code"] =
            new("status-failed.json", Signing.Valid, 2, HttpStatusCode.OK, 1, 1, Recorded, 1240, ReportFirst: true, Delivery: "failed", DeliveryError: "130472"),
        ["read then a late delivered leaves the reply read"] =
            new("status-read-then-delivered.json", Signing.Valid, 1, HttpStatusCode.OK, 1, 1, Recorded, 1240, ReportFirst: true, Delivery: "read"),
        ["a status with a wrong signature changes nothing"] =
            new("status-failed.json", Signing.Wrong, 1, HttpStatusCode.Forbidden, 1, 1, Recorded, 1240, ReportFirst: true, Delivery: null),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Webhook(string name)
    {
        var c = Cases[name];
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaWebhooks.StartAppAsync(postgres, graph);
        using var client = app.CreateClient();
        var body = MetaWebhooks.Fixture(c.Fixture);

        if (c.ReportFirst)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("text-report.json")))).StatusCode);
            await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>(
                "select count(*) from outbox where status = 'sent' and provider_id = @id", new { id = FakeGraphApi.WamidFor(1) }) == 1,
                "the reply is sent and carries the fake's first wamid");
        }

        for (var i = 0; i < c.Deliveries; i++)
        {
            var response = await client.SendAsync(MetaWebhooks.Post(body, c.Signing switch
            {
                Signing.Valid => MetaWebhooks.AppSecret,
                Signing.Wrong => "not-the-app-secret",
                _ => null,
            }));
            Assert.Equal(c.Status, response.StatusCode);
            if (c.Status != HttpStatusCode.OK)
                Assert.DoesNotContain("signature", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(c.InboxRows, await app.ScalarAsync<long>("select count(*) from inbox"));
        await app.AllHandledAsync(); // the webhook answers once stored; handling follows
        if (!c.ReportFirst && c.InboxRows == 1)
            Assert.Equal(Encoding.UTF8.GetString(body), await app.ScalarAsync<string>("select raw from inbox"));
        if (c.InboxRows > 1)
            Assert.All(await app.QueryAsync<(string ExternalId, string Raw)>("select external_id, raw from inbox"), row =>
            {
                // In a batch each message keeps its own object (with its contact and the number's metadata), not the whole body.
                var own = JsonNode.Parse(row.Raw)!;
                Assert.Equal(row.ExternalId, Assert.Single(own["messages"]!.AsArray())!["id"]!.ToString());
                Assert.Equal(MetaWebhooks.PhoneNumberId, own["metadata"]!["phone_number_id"]!.ToString());
                Assert.True(row.Raw.Length < body.Length);
            });
        Assert.All(await app.QueryAsync<(string Channel, string Sender)>("select channel, sender from inbox"), row =>
        {
            Assert.Equal("whatsapp", row.Channel);
            Assert.Matches(@"^\+\d+$", row.Sender); // wa_id with its '+', so the phone identity finds the member
        });
        Assert.Equal(c.BenipurFigure, (await app.QueryAsync<long?>(
            "select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Benipur'")).SingleOrDefault());

        await AssertRepliesAsync(app, graph, c);

        if (c.ReportFirst)
            Assert.Equal((c.Delivery, c.DeliveryError), (await app.QueryAsync<(string?, string?)>(
                "select delivery_status, delivery_error from outbox where provider_id = @id", new { id = FakeGraphApi.WamidFor(1) })).Single());
    }

    /// <summary>Exactly <see cref="Case.Replies"/> requests reach the Graph API, each exactly as Meta documents a text send.</summary>
    static async Task AssertRepliesAsync(ReportBotApp app, FakeGraphApi graph, Case c)
    {
        var sent = await graph.WaitForRequestsAsync(c.Replies);
        await Task.Delay(300); // a wrongly queued or second send would show up here
        Assert.Equal(c.Replies, graph.Requests.Count);
        if (c.Replies == 0)
        {
            Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from outbox"));
            return;
        }
        var outbox = await app.QueryAsync<(long Id, string Recipient, string Body)>("select id, recipient, body from outbox order by id");
        Assert.Equal(c.Replies, outbox.Count);
        // Sent concurrently: match each request to its row by the outbox id it carries.
        foreach (var (request, (id, recipient, reply)) in sent.OrderBy(r => JsonNode.Parse(r.Body)!["biz_opaque_callback_data"]!.ToString(), StringComparer.Ordinal)
                     .Zip(outbox.OrderBy(o => $"outbox:{o.Id}", StringComparer.Ordinal)))
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal($"/v23.0/{MetaWebhooks.PhoneNumberId}/messages", request.Path);
            Assert.Equal($"Bearer {MetaWebhooks.AccessToken}", request.Authorization);
            Assert.StartsWith("application/json", request.ContentType);
            var expected = new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["recipient_type"] = "individual",
                ["to"] = recipient.TrimStart('+'),
                ["type"] = "text",
                ["text"] = new JsonObject { ["preview_url"] = false, ["body"] = reply },
                ["biz_opaque_callback_data"] = $"outbox:{id}",
            };
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), $"sent {request.Body}");
        }
        Assert.Contains(outbox, r => r.Body.Contains(c.ReplyContains!));
        Assert.Contains(outbox, r => r.Recipient == "+919876543210" || c.Fixture == "meta-text-sample.json" && r.Recipient == "+16505551234");
    }

    [Fact]
    public async Task Meta_verifies_the_callback_url_with_our_token_and_gets_its_challenge_back()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaWebhooks.StartAppAsync(postgres, graph);
        using var client = app.CreateClient();

        var response = await client.GetAsync(
            $"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={MetaWebhooks.VerifyToken}&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1158201444")]
    [InlineData("hub.mode=subscribe&hub.verify_token=darbhanga-verify-7f3&hub.challenge=1158201444")] // a prefix of ours
    [InlineData("hub.mode=unsubscribe&hub.verify_token=darbhanga-verify-7f3a&hub.challenge=1158201444")]
    [InlineData("hub.mode=subscribe&hub.challenge=1158201444")]
    [InlineData("hub.mode=subscribe&hub.verify_token=darbhanga-verify-7f3a")]
    [InlineData("")]
    public async Task Verification_without_our_token_is_refused(string query)
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaWebhooks.StartAppAsync(postgres, graph);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/webhooks/whatsapp?" + query);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_and_stores_nothing()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaWebhooks.StartAppAsync(postgres, graph);
        using var client = app.CreateClient();
        var body = Encoding.UTF8.GetBytes("{\"object\":\"whatsapp_business_account\",\"entry\":[],\"padding\":\"" + new string('x', 1024 * 1024) + "\"}");

        var response = await client.SendAsync(MetaWebhooks.Post(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from inbox"));
    }

    [Fact]
    public async Task Webhooks_answer_503_while_the_database_is_down_and_the_redelivery_is_handled_once()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var app = await new ReportBotApp(database, settings: MetaWebhooks.Settings(graph.GraphBaseUrl)).StartAsync();
        using var client = app.CreateClient();
        var body = MetaWebhooks.Fixture("text-report.json");

        await postgres.SetReachableAsync(database, reachable: false);
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(MetaWebhooks.Post(body))).StatusCode);
        }
        finally
        {
            await postgres.SetReachableAsync(database, reachable: true);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(body))).StatusCode);
        await app.AllHandledAsync();
        Assert.Equal(1240, await app.ScalarAsync<long>("select value from figures"));
        Assert.Single(await graph.WaitForRequestsAsync(1));
    }

    [Fact]
    public async Task Without_an_app_secret_the_channel_is_off()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("text-report.json")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(
            $"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={MetaWebhooks.VerifyToken}&hub.challenge=1")).StatusCode);
    }

    [Fact]
    public async Task An_app_secret_without_the_other_keys_stops_the_host_at_start_naming_keys_not_values()
    {
        var settings = MetaWebhooks.Settings("http://127.0.0.1:9");
        settings["WhatsAppCloud:AccessToken"] = null;
        settings["WhatsAppCloud:PhoneNumberId"] = "";
        settings["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync();

        // The composition root on a plain host, not WebApplicationFactory: there the entry point disposes the failed
        // app while the factory still waits on its lifetime, and the validation error races an ObjectDisposedException.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddReportBot();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        var message = error.ToString();
        Assert.Contains("WhatsAppCloud:AccessToken", message);
        Assert.Contains("WhatsAppCloud:PhoneNumberId", message);
        Assert.DoesNotContain(MetaWebhooks.AppSecret, message);
        Assert.DoesNotContain(MetaWebhooks.VerifyToken, message);
    }
}
