using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using ReportBot.BotHost.Tests.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels;

/// <summary>
/// Identity beyond phone numbers (WhatsApp's business-scoped user ids, BSUIDs) and channels that answer only what is
/// theirs, with courier's fixtures (nyaruka/courier handlers/meta/testdata/wac, handlers/twiml/handlers_test.go) and
/// Meta's documented webhook examples, through the real host and PostgreSQL.
/// </summary>
public sealed class IdentityAndOwnershipTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string CourierNumberId = "1234567890"; // courier's fixtures are addressed to this phone_number_id

    static string TwilioFixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "Twilio", "Fixtures", name));

    static HttpRequestMessage SignedTwilio(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Twilio-Signature", ReportBot.BotHost.Channels.Twilio.TwilioSignature.Compute(
            ReportBotApp.AuthToken, ReportBotApp.PublicBaseUrl + "/webhooks/twilio", new FormReader(body).ReadForm()));
        return request;
    }

    static Task<ReportBotApp> MetaAppAsync(PostgresFixture postgres, FakeGraphApi graph, string phoneNumberId = CourierNumberId)
    {
        var settings = MetaWebhooks.Settings(graph.GraphBaseUrl);
        settings["WhatsAppCloud:PhoneNumberId"] = phoneNumberId;
        return MetaWebhooks.StartAppAsync(postgres, settings);
    }

    sealed record InboxView(string Sender, string? Phone, string? UserId, string? Outcome, DateTimeOffset? SentAt);

    static async Task<IReadOnlyList<InboxView>> InboxAsync(ReportBotApp app)
    {
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from inbox where processed_at is null") == 0, "handled");
        return await app.QueryAsync<InboxView>("select sender, phone, user_id as UserId, outcome, sent_at as SentAt from inbox order by id");
    }

    // --- Twilio ---

    [Fact]
    public async Task Twilio_external_user_id_is_stored_beside_the_phone()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SignedTwilio(TwilioFixture("courier-wa-bsuid.form")))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        var row = Assert.Single(await InboxAsync(app));
        Assert.Equal(("whatsapp:+14133881111", "14133881111", "US.1234"), (row.Sender, row.Phone, row.UserId));
        Assert.Null(row.SentAt); // Twilio's webhook says nothing of when it was sent
    }

    [Fact]
    public async Task Twilio_from_a_bsuid_is_stored_without_a_phone_and_answered_at_that_address()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SignedTwilio(TwilioFixture("courier-wa-from-bsuid.form")))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        var row = Assert.Single(await InboxAsync(app));
        Assert.Equal(("whatsapp:US.1234", null, "US.1234", "unregistered"), (row.Sender, row.Phone, row.UserId, row.Outcome));
        // Never its digits read as a phone ("+1234…" could be someone's number): the address Twilio gave.
        Assert.Equal("whatsapp:US.1234", Assert.Single(await twilio.WaitForRequestsAsync(1)).Form["To"]);
    }

    [Fact]
    public async Task A_member_who_adopts_a_username_is_still_known_by_the_pair_learnt_earlier()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();
        // courier's two BSUID forms, addressed from Ramesh (a demo member) with a report instead of "Msg".
        var both = TwilioFixture("courier-wa-bsuid.form").Replace("%2B14133881111", "%2B919876543210").Replace("Body=Msg", "Body=Benipur+1240");
        var bsuidOnly = TwilioFixture("courier-wa-from-bsuid.form").Replace("SMe287d7109a5a925f182f0e07fe5b223b", "SMf287d7109a5a925f182f0e07fe5b223b")
            .Replace("Body=Msg", "Body=Benipur+1300");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SignedTwilio(both))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SignedTwilio(bsuidOnly))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        var rows = await InboxAsync(app);
        Assert.Equal("919876543210", rows[1].Phone); // learnt from the first message
        Assert.Equal(1300, await app.ScalarAsync<long>("select value from figures"));
        Assert.Equal(("US.1234", "919876543210"), (await app.QueryAsync<(string, string)>("select user_id, phone from channel_identities")).Single());
        var replies = await twilio.WaitForRequestsAsync(2);
        Assert.Equal(["whatsapp:+919876543210", "whatsapp:US.1234"], replies.Select(r => r.Form["To"]).Order().ToArray());
    }

    [Fact]
    public async Task An_sms_reaching_the_whatsapp_webhook_is_kept_and_not_answered_from_the_whatsapp_number()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();
        // courier's plain SMS receive, from Ramesh, with a report: it must not move his channel nor be answered.
        var sms = "ToCountry=US&ToState=District+Of+Columbia&SmsMessageSid=SMe287d7109a5a925f182f0e07fe5b223b&NumMedia=0&ToCity=&FromZip=01022&SmsSid=SMe287d7109a5a925f182f0e07fe5b223b&FromState=MA&SmsStatus=received&FromCity=CHICOPEE&Body=Benipur+1240&FromCountry=US&To=%2B12028831111&ToZip=&NumSegments=1&MessageSid=SMe287d7109a5a925f182f0e07fe5b223b&AccountSid=acctid&From=%2B919876543210&ApiVersion=2010-04-01";

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SignedTwilio(sms))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        Assert.Equal("sms-not-answered", Assert.Single(await InboxAsync(app)).Outcome);
        await Task.Delay(300);
        Assert.Empty(twilio.Requests);
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from members where last_channel is not null"));
    }

    // --- Meta ---

    [Fact]
    public async Task Meta_message_from_a_bsuid_only_is_stored_handled_and_answered_to_its_recipient()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaAppAsync(postgres, graph);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("courier-hello_from_bsuid.json")))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        var row = Assert.Single(await InboxAsync(app));
        Assert.Equal(("US.1234", null, "US.1234", "unregistered"), (row.Sender, row.Phone, row.UserId, row.Outcome));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1454119029), row.SentAt);
        var sent = JsonNode.Parse(Assert.Single(await graph.WaitForRequestsAsync(1)).Body)!;
        Assert.Equal("US.1234", sent["recipient"]!.ToString()); // courier "Plain Send with BSUID"
        Assert.Null(sent["to"]);
    }

    [Theory]
    [InlineData("courier-hello_bsuid_in_from.json")] // the BSUID in `from` itself
    [InlineData("courier-hello_user_id.json")]       // a phone and a BSUID
    public async Task Meta_bsuid_variants_are_stored_with_their_user_id(string fixture)
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaAppAsync(postgres, graph);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture(fixture)))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        var row = Assert.Single(await InboxAsync(app));
        Assert.Equal("US.1234", row.UserId);
        Assert.DoesNotMatch(@"^\+?1234$", row.Sender); // never the BSUID's digits as a phone
    }

    [Fact]
    public async Task Meta_learns_the_pair_and_finds_the_member_by_bsuid_alone()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaAppAsync(postgres, graph);
        using var client = app.CreateClient();
        // courier's fixtures from Ramesh: first with his phone and BSUID, then (after adopting a username) BSUID only.
        var both = Encoding.UTF8.GetString(MetaWebhooks.Fixture("courier-hello_user_id.json"))
            .Replace("\"5678\"", "\"919876543210\"").Replace("Hello World", "Benipur 1240");
        var bsuidOnly = Encoding.UTF8.GetString(MetaWebhooks.Fixture("courier-hello_from_bsuid.json"))
            .Replace("external_id", "external_id_2").Replace("Hello World", "Benipur 1300");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(Encoding.UTF8.GetBytes(both)))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(Encoding.UTF8.GetBytes(bsuidOnly)))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        var rows = await InboxAsync(app);
        Assert.Equal(("US.1234", "919876543210"), (rows[1].Sender, rows[1].Phone));
        Assert.Equal(1300, await app.ScalarAsync<long>("select value from figures"));
    }

    [Fact]
    public async Task Meta_message_without_from_or_user_id_is_kept_not_dropped()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaAppAsync(postgres, graph);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("courier-no_from.json")))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        Assert.Equal("no-sender", Assert.Single(await InboxAsync(app)).Outcome);
        await Task.Delay(300);
        Assert.Empty(graph.Requests);
    }

    [Fact]
    public async Task Meta_webhook_for_another_phone_number_id_is_stored_and_ignored()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaAppAsync(postgres, graph, phoneNumberId: MetaWebhooks.PhoneNumberId); // not courier's
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("courier-hello.json")))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        Assert.Equal("other-number", Assert.Single(await InboxAsync(app)).Outcome);
        await Task.Delay(300);
        Assert.Empty(graph.Requests);
    }

    // Meta's documented examples (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages),
    // from Ramesh, a registered member: a reaction, a number change (a `system` message) and an unsupported type.
    const string Envelope = """{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Ramesh Kumar"},"wa_id":"919876543210"}],"messages":[MESSAGE]},"field":"messages"}]}]}""";

    [Theory]
    [InlineData("reaction", """{"from":"919876543210","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=","timestamp":"1750090702","reaction":{"message_id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA","emoji":"\uD83D\uDE00"},"type":"reaction"}""")]
    [InlineData("system", """{"from":"919876543210","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMQA=","system":{"body":"Ramesh Kumar changed from 919876543210 to 919876543299","wa_id":"919876543299","type":"user_changed_number"},"timestamp":"1750090703","type":"system"}""")]
    [InlineData("unsupported", """{"from":"919876543210","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMgA=","timestamp":"1750090704","errors":[{"code":131051,"title":"Message type unknown","message":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}],"type":"unsupported"}""")]
    public async Task Reactions_system_events_and_unsupported_types_are_stored_and_answered_with_nothing(string type, string message)
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaAppAsync(postgres, graph, phoneNumberId: MetaWebhooks.PhoneNumberId);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(Encoding.UTF8.GetBytes(Envelope.Replace("MESSAGE", message))))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        var row = Assert.Single(await InboxAsync(app));
        Assert.Equal(($"ignored-{type}", "919876543210"), (row.Outcome, row.Phone));
        await Task.Delay(300);
        Assert.Empty(graph.Requests);
    }

    [Fact]
    public async Task Meta_timestamp_is_stored_as_sent_at_beside_the_arrival_time()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaAppAsync(postgres, graph, phoneNumberId: MetaWebhooks.PhoneNumberId);
        using var client = app.CreateClient();
        var fixture = MetaWebhooks.Fixture("text-report.json");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(fixture))).StatusCode);
        await app.AllHandledAsync(); // acknowledged once stored; handled after

        var timestamp = long.Parse(JsonNode.Parse(fixture)!["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]!["timestamp"]!.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(timestamp), Assert.Single(await InboxAsync(app)).SentAt);
        Assert.True(await app.ScalarAsync<bool>("select received_at <> sent_at from inbox"));
    }
}
