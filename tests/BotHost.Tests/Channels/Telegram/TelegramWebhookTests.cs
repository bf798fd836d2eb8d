using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Telegram;

/// <summary>
/// Telegram's webhook, case by case: real-shaped Update payloads from Fixtures/ through the real host, a real PostgreSQL
/// and a local fake of the Bot API, each asserting the inbox row exactly as stored.
/// </summary>
public sealed class TelegramWebhookTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    public enum Secret { Valid, Wrong, Missing }

    /// <summary>An inbox row as the tests read it.</summary>
    public sealed class Row
    {
        public string ExternalId { get; set; } = "";
        public string Sender { get; set; } = "";
        public string? ChatId { get; set; }
        public string? MessageRef { get; set; }
        public string Event { get; set; } = "";
        public string? OriginalRef { get; set; }
        public string? SenderName { get; set; }
        public string? UserId { get; set; }
        public string? Phone { get; set; }
        public string Body { get; set; } = "";
        public int MediaCount { get; set; }
        public long? SentAt { get; set; }
        public string? Outcome { get; set; }
        public string Raw { get; set; } = "";
    }

    /// <summary>What the stored row must hold; <see cref="SetAside"/> is its outcome, or null: handed over for handling.</summary>
    public sealed record Expected(
        string ExternalId, string Sender, string? ChatId, string? MessageRef, string Event, string? OriginalRef, string? SenderName,
        string? UserId, string? Phone, string Body, int MediaCount, long? SentAt, string? SetAside);

    /// <param name="Learnt">The (user id, phone) pair `channel_identities` must then hold, if any.</param>
    public sealed record Case(string Fixture, Secret Secret, int Deliveries, HttpStatusCode Status, Expected? Row, (string, string)? Learnt = null);

    const string Ramesh = TelegramWebhooks.RameshUserId;
    const string Supergroup = "-1001987654321";

    static readonly Dictionary<string, Case> Cases = new()
    {
        ["a private text is stored with no chat, its sender being the user id"] = new("private-text.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114370", Ramesh, null, "41", "posted", null, "Ramesh Kumar", Ramesh, null, "Benipur 1240", 0, 1764740400, null)),
        ["a basic group's text keeps the group's chat id"] = new("group-text.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114371", Ramesh, "-4012345678", "118", "posted", null, "Ramesh Kumar", Ramesh, null, "Benipur 1240", 0, 1764740400, null)),
        ["a supergroup's text keeps the -100 chat id and the hindi name"] = new("supergroup-text.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114372", "6623456789", Supergroup, "2231", "posted", null, "सुनीता देवी", "6623456789", null, "जाले ८५०", 0, 1764740412, null)),
        ["an edited message points at the original message and counts from its edit date"] = new("edited-message.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114373", "6623456789", Supergroup, "2231", "edited", "2231", "सुनीता देवी", "6623456789", null, "जाले ९५०", 0, 1764740475, null)),
        ["a member's own contact carries their phone and teaches the pair"] = new("contact-own.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114374", Ramesh, null, "42", "contact", null, "Ramesh Kumar", Ramesh, "919876543210", "", 0, 1764740380, null),
            Learnt: (Ramesh, "919876543210")),
        ["an own contact with a plus sign gives the same phone"] = new("contact-own-with-plus.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114375", Ramesh, null, "43", "contact", null, "Ramesh Kumar", Ramesh, "919876543210", "", 0, 1764740380, null),
            Learnt: (Ramesh, "919876543210")),
        ["someone else's contact is set aside and teaches nothing"] = new("contact-someone-else.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114376", Ramesh, null, "44", "posted", null, "Ramesh Kumar", Ramesh, null, "", 0, 1764740390, "ignored-contact")),
        ["a bot's message is set aside"] = new("bot-message.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114377", "6199887766", Supergroup, "2232", "posted", null, "Attendance Bot", "6199887766", null, "Benipur 1240", 0, 1764740420, "ignored-bot")),
        ["a new members service message is set aside"] = new("new-chat-members.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114378", "8845678901", Supergroup, "2233", "posted", null, "Prabhakar Singh", "8845678901", null, "", 0, 1764740430, "ignored-new-chat-members")),
        ["a photo's caption is its text"] = new("photo-with-caption.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114379", Ramesh, null, "45", "posted", null, "Ramesh Kumar", Ramesh, null, "Benipur 1240", 1, 1764740440, null)),
        ["a channel post is set aside"] = new("channel-post.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114380", "", null, null, "posted", null, null, null, null, "", 0, null, "ignored-channel-post")),
        ["a callback query is set aside"] = new("callback-query.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114381", Ramesh, null, null, "posted", null, null, Ramesh, null, "", 0, null, "ignored-callback-query")),
        ["the bot added to a group is set aside"] = new("my-chat-member.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114382", "8845678901", null, null, "posted", null, null, "8845678901", null, "", 0, null, "ignored-my-chat-member")),
        ["an update with nothing in it is set aside"] = new("empty-update.json", Secret.Valid, 1, HttpStatusCode.OK,
            new("7012345678:174114383", "", null, null, "posted", null, null, null, null, "", 0, null, "ignored-update")),
        ["the same update delivered three times is stored once"] = new("private-text.json", Secret.Valid, 3, HttpStatusCode.OK,
            new("7012345678:174114370", Ramesh, null, "41", "posted", null, "Ramesh Kumar", Ramesh, null, "Benipur 1240", 0, 1764740400, null)),
        ["a wrong secret gets 403 and stores nothing"] = new("private-text.json", Secret.Wrong, 1, HttpStatusCode.Forbidden, null),
        ["a missing secret gets 403 and stores nothing"] = new("private-text.json", Secret.Missing, 1, HttpStatusCode.Forbidden, null),
        ["a body that is not JSON gets 400"] = new("not-json.json", Secret.Valid, 1, HttpStatusCode.BadRequest, null),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Webhook(string name)
    {
        var c = Cases[name];
        await using var api = await FakeTelegramApi.StartAsync();
        await using var app = await TelegramWebhooks.StartAppAsync(postgres, api);
        using var client = app.CreateClient();
        var body = TelegramWebhooks.Fixture(c.Fixture);

        for (var i = 0; i < c.Deliveries; i++)
        {
            var response = await client.SendAsync(TelegramWebhooks.Post(body, c.Secret switch
            {
                Secret.Valid => TelegramWebhooks.WebhookSecret,
                Secret.Wrong => "darbhanga-tg-7f3a_9d",
                _ => null,
            }));
            Assert.Equal(c.Status, response.StatusCode);
            if (c.Status != HttpStatusCode.OK)
                Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var rows = await app.QueryAsync<Row>(
            """
            select external_id as ExternalId, sender, chat_id as ChatId, message_ref as MessageRef, event, original_ref as OriginalRef,
                   sender_name as SenderName, user_id as UserId, phone, body, media_count as MediaCount,
                   extract(epoch from sent_at)::bigint as SentAt, outcome, raw
            from inbox where channel = 'telegram'
            """);
        if (c.Row is not { } expected)
        {
            Assert.Empty(rows);
            Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from inbox"));
            return;
        }
        var row = Assert.Single(rows);
        Assert.Equal(expected, new Expected(row.ExternalId, row.Sender, row.ChatId, row.MessageRef, row.Event, row.OriginalRef, row.SenderName,
            row.UserId, row.Phone, row.Body, row.MediaCount, row.SentAt, expected.SetAside is null ? null : row.Outcome));
        Assert.Equal(Encoding.UTF8.GetString(body), row.Raw); // the update exactly as Telegram sent it
        // Set aside: closed at once, never handled. Otherwise handled (what is made of it is the core's business).
        await app.AllHandledAsync();
        if (expected.SetAside is not null)
            Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from outbox"));

        var learnt = await app.QueryAsync<(string, string)>("select user_id, phone from channel_identities where channel = 'telegram'");
        if (c.Learnt is { } pair)
            Assert.Equal(pair, Assert.Single(learnt));
        else
            Assert.Empty(learnt);
    }

    [Fact]
    public async Task Ramesh_shares_his_contact_then_his_private_report_is_recorded_and_answered_to_his_user_id()
    {
        await using var api = await FakeTelegramApi.StartAsync();
        await using var app = await TelegramWebhooks.StartAppAsync(postgres, api);
        using var client = app.CreateClient();
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(TelegramWebhooks.Post(TelegramWebhooks.FixtureSentAt("contact-own.json", now.AddSeconds(-20))))).StatusCode);
        await app.HandledAsync("telegram", "7012345678:174114374");
        Assert.Equal("919876543210", await app.ScalarAsync<string>(
            "select phone from channel_identities where channel = 'telegram' and user_id = @id", new { id = TelegramWebhooks.RameshUserId }));

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(TelegramWebhooks.Post(TelegramWebhooks.FixtureSentAt("private-text.json", now)))).StatusCode);
        await app.HandledAsync("telegram", "7012345678:174114370");

        // His user id alone found him: the phone learnt from his contact is stored with the report.
        Assert.Equal("919876543210", await app.ScalarAsync<string>("select phone from inbox where external_id = '7012345678:174114370'"));
        Assert.Equal(1240, await app.ScalarAsync<long>("select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Benipur'"));

        var reply = (await app.QueryAsync<(string Recipient, string Body, string? QuoteRef)>(
            """
            select o.recipient, o.body, o.quote_ref from outbox o join inbox i on i.id = o.reply_to_inbox_id
            where i.external_id = '7012345678:174114370' and o.channel = 'telegram'
            """)).Single();
        Assert.Equal(TelegramWebhooks.RameshUserId, reply.Recipient);
        Assert.Contains("1,240", reply.Body);
        await ReportBotApp.EventuallyAsync(() => Task.FromResult(api.Requests.Any(r => r.Body.Contains("1,240"))), "the reply reaches the Bot API");

        var request = api.Requests.Single(r => r.Body.Contains("1,240"));
        Assert.Equal(TelegramWebhooks.BotToken, request.Token);
        Assert.Equal("sendMessage", request.Method);
        Assert.StartsWith("application/json", request.ContentType);
        // The reply's WhatsApp bold ("✅ *Benipur* — …") goes as a bold entity over the plain text.
        var bold = reply.Body.IndexOf("*Benipur*", StringComparison.Ordinal);
        Assert.True(bold >= 0, reply.Body);
        var expected = new JsonObject { ["chat_id"] = 5512345678L, ["text"] = reply.Body.Remove(bold + 8, 1).Remove(bold, 1) };
        if (reply.QuoteRef is not null)
            expected["reply_parameters"] = new JsonObject { ["message_id"] = long.Parse(reply.QuoteRef), ["allow_sending_without_reply"] = true };
        expected["entities"] = new JsonArray(new JsonObject { ["type"] = "bold", ["offset"] = bold, ["length"] = 7 });
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), $"sent {request.Body}");
        // Telegram's message_id for it is kept as the provider's id.
        await ReportBotApp.EventuallyAsync(async () => (await app.QueryAsync<string?>(
            "select provider_id from outbox o join inbox i on i.id = o.reply_to_inbox_id where i.external_id = '7012345678:174114370' and o.status = 'sent'"))
            .SingleOrDefault() is { } id && long.Parse(id) >= FakeTelegramApi.FirstMessageId, "the reply is marked sent with Telegram's message_id");
    }

    [Fact]
    public async Task Without_a_bot_token_the_channel_is_off()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(TelegramWebhooks.Post(TelegramWebhooks.Fixture("private-text.json")))).StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from inbox"));
    }

    [Fact]
    public async Task Webhooks_answer_503_while_the_database_is_down_and_the_redelivery_is_stored_once()
    {
        await using var api = await FakeTelegramApi.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var app = await new ReportBotApp(database, settings: TelegramWebhooks.Settings(api.BaseUrl)).StartAsync();
        using var client = app.CreateClient();
        var body = TelegramWebhooks.Fixture("supergroup-text.json");

        await postgres.SetReachableAsync(database, reachable: false);
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(TelegramWebhooks.Post(body))).StatusCode);
        }
        finally
        {
            await postgres.SetReachableAsync(database, reachable: true);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(TelegramWebhooks.Post(body))).StatusCode);
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from inbox where channel = 'telegram'"));
    }

    [Fact]
    public async Task A_bot_token_without_the_other_keys_stops_the_host_at_start_naming_keys_not_values()
    {
        var settings = TelegramWebhooks.Settings("http://127.0.0.1:9");
        settings["Telegram:WebhookSecret"] = null;
        settings["Telegram:BotUsername"] = "";
        settings["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync();

        // The composition root on a plain host, as WhatsAppCloudWebhookTests explains.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddReportBot();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        var message = error.ToString();
        Assert.Contains("Telegram:WebhookSecret", message);
        Assert.Contains("Telegram:BotUsername", message);
        Assert.DoesNotContain(TelegramWebhooks.BotToken, message);
    }
}
