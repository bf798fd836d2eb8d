using System.Text;
using System.Text.Json.Nodes;
using ReportBot.BotHost.Channels.Telegram;
using ReportBot.BotHost.Inbound;
using ReportBot.Reporting.Groups;

namespace ReportBot.BotHost.Tests.Channels.Telegram;

/// <summary>The translation alone, without a host: the fixtures bent into the cases the webhook table does not cover.</summary>
public sealed class TelegramInboundTests
{
    static readonly DateTimeOffset Now = new(2025, 12, 3, 6, 0, 0, TimeSpan.Zero);

    static InboundMessage? Parse(string json) => TelegramInbound.Parse(Encoding.UTF8.GetBytes(json), json, Now);

    /// <summary>A fixture with its `message` changed by <paramref name="change"/>.</summary>
    static InboundMessage Bent(string fixture, Action<JsonObject> change)
    {
        var update = JsonNode.Parse(TelegramWebhooks.Fixture(fixture))!.AsObject();
        change(update["message"]!.AsObject());
        return Parse(update.ToJsonString())!;
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"update\"")]
    [InlineData("{}")]
    [InlineData("""{"update_id":"174114370","message":{}}""")]
    [InlineData("""{"update_id":1.5}""")]
    [InlineData("{\"update_id\":1,")]
    public void A_body_that_is_no_update_is_refused(string json) => Assert.Null(Parse(json));

    [Theory]
    [InlineData("/status@DarbhangaReportBot", "/status")]
    [InlineData("/help@darbhangareportbot", "/help")]
    [InlineData("/status@SomeOtherBot", "/status@SomeOtherBot")] // another bot's command is not ours
    [InlineData("Benipur 1240 @DarbhangaReportBot", "Benipur 1240 @DarbhangaReportBot")]
    public void A_command_addressed_to_our_bot_in_a_group_is_our_command(string typed, string read)
    {
        var update = JsonNode.Parse(TelegramWebhooks.Fixture("supergroup-text.json"))!.AsObject();
        update["message"]!["text"] = typed;
        var json = update.ToJsonString();
        Assert.Equal(read, TelegramInbound.Parse(Encoding.UTF8.GetBytes(json), json, Now, TelegramWebhooks.BotUsername)!.Text);
    }

    [Fact]
    public void Ones_own_contact_shared_in_a_group_links_nothing()
    {
        var message = Bent("contact-own.json", m => m["chat"] = new JsonObject { ["id"] = -1001987654321, ["title"] = "Darbhanga", ["type"] = "supergroup" });

        Assert.Equal(("ignored-contact", null, MessageEvent.Posted), (message.SetAside, message.Phone, message.Event));
    }

    [Fact]
    public void A_contact_without_a_readable_phone_links_nothing()
    {
        var message = Bent("contact-own.json", m => m["contact"]!["phone_number"] = "12");

        Assert.Equal(("ignored-contact", null), (message.SetAside, message.Phone));
    }

    [Fact]
    public void A_foreign_number_is_read_as_international_not_as_an_indian_one()
    {
        var message = Bent("contact-own.json", m => m["contact"]!["phone_number"] = "447911123456");

        Assert.Equal(("447911123456", MessageEvent.Contact, null), (message.Phone, message.Event, message.SetAside));
    }

    [Fact]
    public void An_anonymous_group_admin_speaks_through_a_bot_and_is_set_aside()
    {
        var message = Bent("group-text.json", m =>
        {
            m["from"] = new JsonObject { ["id"] = 1087968824, ["is_bot"] = true, ["first_name"] = "Group", ["username"] = "GroupAnonymousBot" };
            m["sender_chat"] = new JsonObject { ["id"] = -4012345678, ["title"] = "Darbhanga Ayushman Block Officers", ["type"] = "group" };
        });

        Assert.Equal("ignored-bot", message.SetAside);
    }

    [Theory]
    [InlineData("pinned_message", "ignored-pinned-message")]
    [InlineData("left_chat_member", "ignored-left-chat-member")]
    [InlineData("migrate_to_chat_id", "ignored-migrate-to-chat-id")]
    public void Service_messages_are_set_aside_by_their_field(string field, string outcome)
    {
        var message = Bent("new-chat-members.json", m =>
        {
            m.Remove("new_chat_members");
            m.Remove("new_chat_member");
            m.Remove("new_chat_participant");
            m[field] = field == "migrate_to_chat_id" ? JsonValue.Create(-1001987654321) : new JsonObject { ["message_id"] = 2231 };
        });

        Assert.Equal(outcome, message.SetAside);
    }

    [Fact]
    public void A_sticker_is_one_medium_with_nothing_to_read()
    {
        var message = Bent("private-text.json", m =>
        {
            m.Remove("text");
            m["sticker"] = new JsonObject { ["file_id"] = "CAACAgIAAxkBAAIBY2dO", ["file_unique_id"] = "AgADYQ", ["type"] = "regular", ["width"] = 512, ["height"] = 512, ["is_animated"] = false, ["is_video"] = false };
        });

        Assert.Equal(("", 1, null), (message.Text, message.MediaCount, message.SetAside));
    }

    [Fact]
    public void A_lone_surrogate_in_the_text_still_keeps_the_message()
    {
        var message = Parse("""{"update_id":5,"message":{"message_id":7,"from":{"id":42,"is_bot":false,"first_name":"A"},"chat":{"id":42,"type":"private"},"date":1764740400,"text":"Benipur \udfff 1240"}}""");

        Assert.NotNull(message);
        Assert.Equal(("5", "42", "7", null), (message.ExternalId, message.Sender, message.MessageRef, message.SetAside));
    }

    [Fact]
    public void A_private_message_keeps_the_whole_update_as_raw_and_its_date_as_sent_at()
    {
        var json = Encoding.UTF8.GetString(TelegramWebhooks.Fixture("private-text.json"));
        var message = Parse(json)!;

        Assert.Equal(json, message.Raw);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764740400), message.SentAt);
        Assert.Equal(Now, message.ReceivedAt);
        Assert.Equal("telegram", message.Channel);
    }
}
