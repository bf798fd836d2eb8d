// Telegram's Update object: https://core.telegram.org/bots/api#update — one update per webhook POST, exactly one of its
// optional fields set (message, edited_message, channel_post, callback_query, my_chat_member, …). Trimmed:
//   {"update_id":174114370,
//    "message":{"message_id":41,"date":1764740400,
//               "from":{"id":5512345678,"is_bot":false,"first_name":"Ramesh","last_name":"Kumar","language_code":"en"},
//               "chat":{"id":-1001987654321,"title":"Darbhanga Ayushman","type":"supergroup"},
//               "text":"Benipur 1240"}}
// An edit comes as "edited_message" with the same message_id and an "edit_date"; a shared contact as
//   "contact":{"phone_number":"919876543210","first_name":"Ramesh","last_name":"Kumar","user_id":5512345678}.
using System.Text.Json;
using ReportBot.BotHost.Inbound;
using ReportBot.Reporting.Groups;
using ReportBot.Reporting.People;

namespace ReportBot.BotHost.Channels.Telegram;

/// <summary>Translates Telegram's Update JSON into the project's <see cref="InboundMessage"/>.</summary>
public static class TelegramInbound
{
    /// <summary>
    /// Fields of a Message that make it a service message (someone joined, left, a title changed, a message pinned, …):
    /// kept, never handled. https://core.telegram.org/bots/api#message
    /// </summary>
    static readonly string[] ServiceFields =
    [
        "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo", "delete_chat_photo", "group_chat_created",
        "supergroup_chat_created", "channel_chat_created", "message_auto_delete_timer_changed", "migrate_to_chat_id",
        "migrate_from_chat_id", "pinned_message", "users_shared", "chat_shared", "write_access_allowed", "proximity_alert_triggered",
        "boost_added", "chat_background_set", "forum_topic_created", "forum_topic_edited", "forum_topic_closed", "forum_topic_reopened",
        "general_forum_topic_hidden", "general_forum_topic_unhidden", "video_chat_scheduled", "video_chat_started",
        "video_chat_ended", "video_chat_participants_invited", "giveaway_created", "giveaway_completed", "successful_payment",
        "refunded_payment", "connected_website", "passport_data", "web_app_data",
    ];

    /// <summary>Fields that carry a file: the message counts as one medium, its `caption` as its text.</summary>
    static readonly string[] MediaFields = ["photo", "document", "video", "voice", "audio", "animation", "video_note", "sticker"];

    /// <summary>
    /// The update as a message, or null if the body is no Update at all (not JSON, not an object, no `update_id`).
    /// Every update with an id is handed over — what is not for the bot (another kind of update, a bot's message, a
    /// service message, someone else's contact) set aside with its reason — so Telegram's retry finds it stored.
    /// </summary>
    /// <param name="botUsername">Our bot's username: in a group a command is addressed to a bot (`/status@DarbhangaReportBot`).</param>
    /// <param name="botId">Our bot's id (the token's part before ':'): an update id is unique only per bot, and Telegram
    /// picks the next one at random after a week without updates — so the dedup key is `{bot id}:{update_id}`.</param>
    public static InboundMessage? Parse(ReadOnlyMemory<byte> body, string raw, DateTimeOffset receivedAt, string? botUsername = null, string? botId = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        try
        {
            var update = document.RootElement;
            if (update.ValueKind != JsonValueKind.Object || !update.TryGetProperty("update_id", out var id)
                || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var updateId))
                return null;
            var externalId = (botId is { Length: > 0 } ? botId + ":" : "") + updateId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var kind = update.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n != "update_id");
            var payload = kind is null ? default : update.GetProperty(kind);
            if (kind is not ("message" or "edited_message"))
            {
                // channel_post, callback_query, my_chat_member, message_reaction, …: not a member's message. allowed_updates
                // in setWebhook keeps them away; if they come anyway, they are kept and never answered.
                var from = Object(payload, "from") is { ValueKind: JsonValueKind.Object } f ? f : Object(payload, "user");
                return new InboundMessage(TelegramWebhook.Channel, externalId, Id(from) ?? "", "", 0, raw, receivedAt,
                    UserId: Id(from), SetAside: Ignored(kind ?? "update"));
            }
            return Message(payload, edited: kind == "edited_message", externalId, raw, receivedAt, botUsername);
        }
        catch (InvalidOperationException)
        {
            // A property name with a lone surrogate escape ("\udfff"): valid JSON that .NET cannot compare names with.
            return null;
        }
    }

    static InboundMessage Message(JsonElement message, bool edited, string externalId, string raw, DateTimeOffset receivedAt, string? botUsername)
    {
        var from = Object(message, "from");
        var chat = Object(message, "chat");
        var userId = Id(from);
        var chatType = String(chat, "type");
        // A private chat's id is the user's own id: a reply to a person goes to the sender, in a group or not.
        var group = chatType is "group" or "supergroup" ? Id(chat) : null;
        var messageRef = Number(message, "message_id");
        var name = string.Join(' ', new[] { String(from, "first_name"), String(from, "last_name") }.Where(n => !string.IsNullOrWhiteSpace(n))).Trim();
        // Unix seconds; an edit counts from when it was made.
        var sentAt = Seconds(message, edited ? "edit_date" : "date") ?? Seconds(message, "date");
        var (text, mediaCount) = Content(message);
        // In a group Telegram's menu sends commands addressed to the bot: `/status@DarbhangaReportBot` is our `/status`.
        // https://core.telegram.org/bots/features#commands
        if (botUsername is { Length: > 0 } && text.StartsWith('/') && text.IndexOf("@" + botUsername, StringComparison.OrdinalIgnoreCase) is var at and > 1
            && !text[..at].Contains(' '))
            text = text.Remove(at, botUsername.Length + 1);

        var setAside = userId is null ? "no-sender"
            : messageRef is null ? "no-message-id"
            : Bool(from, "is_bot") ? "ignored-bot" // other bots, an anonymous admin (GroupAnonymousBot), a linked channel (Channel_Bot)
            : ServiceFields.FirstOrDefault(f => message.TryGetProperty(f, out _)) is { } service ? Ignored(service)
            : null;
        var kind = edited ? MessageEvent.Edited : MessageEvent.Posted;
        string? phone = null;
        if (setAside is null && Object(message, "contact") is { ValueKind: JsonValueKind.Object } contact)
        {
            // Only the member's own contact, shared with the bot's button in a private chat, links their account: a
            // contact card forwarded or typed in carries someone else's number (or none of theirs).
            phone = chatType == "private" && Number(contact, "user_id") == userId ? OwnPhone(contact) : null;
            if (phone is null)
                setAside = Ignored("contact");
            else
                kind = MessageEvent.Contact;
            text = "";
        }
        return new InboundMessage(TelegramWebhook.Channel, externalId, userId ?? "", text, mediaCount, raw, receivedAt, sentAt,
            userId, phone, setAside, group, messageRef, kind, edited ? messageRef : null, name.Length > 0 ? name : null);
    }

    /// <summary>
    /// The shared phone as E.164 digits. Telegram sends the account's number in international form, with or without its
    /// '+' ("919876543210", "+919876543210"), so the digits are read as international — never as an Indian national number.
    /// </summary>
    static string? OwnPhone(JsonElement contact)
    {
        var digits = new string((String(contact, "phone_number") ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : PhoneNumber.ToE164Digits("+" + digits);
    }

    /// <summary>What a member "said": the text, or a file's caption (a photo of the register with "Benipur 1240").</summary>
    static (string Text, int MediaCount) Content(JsonElement message)
    {
        if (String(message, "text") is { } text)
            return (text, 0);
        var media = MediaFields.Any(f => message.TryGetProperty(f, out _));
        return (String(message, "caption") ?? "", media ? 1 : 0); // location, poll, dice, …: nothing to read
    }

    /// <summary>`ignored-` and the field in kebab case (`my_chat_member` → `ignored-my-chat-member`).</summary>
    static string Ignored(string field) =>
        "ignored-" + (field.Length is > 0 and <= 40 && field.All(c => char.IsAsciiLetterLower(c) || c == '_') ? field.Replace('_', '-') : "update");

    static JsonElement Object(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    /// <summary>An object's `id` as text: Telegram's ids are integers up to 52 bits (groups' negative, `-100…`).</summary>
    static string? Id(JsonElement element) => Number(element, "id");

    static string? Number(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;

    static DateTimeOffset? Seconds(JsonElement element, string property) =>
        long.TryParse(Number(element, property), out var seconds) && seconds is > 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    static bool Bool(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    static string? String(JsonElement element, string property) => JsonText.String(element, property);
}
