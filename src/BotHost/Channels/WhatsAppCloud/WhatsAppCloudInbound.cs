// Meta's messages webhook: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
// One POST may carry several entries, changes, messages and statuses; trimmed:
//   {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
//     "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
//     "contacts":[{"profile":{"name":"Ramesh Kumar"},"wa_id":"919876543210"}],
//     "messages":[{"from":"919876543210","id":"wamid.HBgM…","timestamp":"1749416383","type":"text","text":{"body":"Benipur 1240"}}],
//     "statuses":[{"id":"wamid.HBgM…","status":"failed","timestamp":"1749416390","recipient_id":"919876543210",
//                  "errors":[{"code":131026,"title":"Message undeliverable"}]}]}}]}]}
using System.Text.Json;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.Reporting.Groups;

namespace ReportBot.BotHost.Channels.WhatsAppCloud;

/// <summary>Translates Meta's webhook JSON into the project's <see cref="InboundMessage"/>s and <see cref="DeliveryReport"/>s.</summary>
public static class WhatsAppCloudInbound
{
    public sealed record Batch(IReadOnlyList<InboundMessage> Messages, IReadOnlyList<DeliveryReport> Statuses);

    /// <summary>
    /// Every message and tracked status in the payload, or null if it is not a JSON object. A body with one message keeps
    /// the whole body as its raw payload (the bytes Meta signed); in a batch each message keeps its own part — its
    /// object, its sender's contact and the number's metadata — rather than the whole batch once per message. Changes
    /// other than `messages` (template reviews, account updates) and messages without an id (nothing to dedup on) are
    /// skipped; everything else is handed over, and what is not for us to answer is marked so:
    /// <paramref name="phoneNumberId"/> is our business number — a webhook for another number (Meta sends an app's
    /// webhooks for every number it serves) is kept and set aside, and its statuses are not ours.
    /// </summary>
    public static Batch? Parse(ReadOnlyMemory<byte> body, string raw, DateTimeOffset receivedAt, string? phoneNumberId = null)
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
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            var changes = Array(document.RootElement, "entry").SelectMany(entry => Array(entry, "changes"))
                .Where(change => String(change, "field") == "messages" && change.TryGetProperty("value", out _))
                .Select(change => change.GetProperty("value")).ToList();
            // One message (however often repeated in the body) keeps the whole signed body.
            var whole = changes.SelectMany(value => Array(value, "messages")).Select(m => String(m, "id")).Distinct().Count() == 1;
            var messages = new List<InboundMessage>();
            var statuses = new List<DeliveryReport>();
            foreach (var value in changes)
            {
                var metadata = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("metadata", out var m) ? m : default;
                var ours = phoneNumberId is null || String(metadata, "phone_number_id") == phoneNumberId;
                foreach (var message in Array(value, "messages"))
                    if (ParseMessage(message, value, metadata, whole ? raw : null, receivedAt, ours) is { } parsed)
                        messages.Add(parsed);
                if (!ours)
                    continue; // another number's statuses say nothing about our messages
                foreach (var status in Array(value, "statuses"))
                    if (ParseStatus(status, receivedAt) is { } report)
                        statuses.Add(report);
            }
            return new Batch(messages, statuses);
        }
        catch (InvalidOperationException)
        {
            // A property name with a lone surrogate escape ("\udfff"): valid JSON that .NET cannot compare names with.
            return null;
        }
    }

    /// <summary>Message types read for a report; anything else (reaction, system, unsupported, …) is kept, not answered.</summary>
    static readonly HashSet<string> Readable = ["text", "interactive", "button", "image", "video", "document", "audio", "sticker", "location", "contacts",
        "edit", "revoke"];

    static InboundMessage? ParseMessage(JsonElement message, JsonElement value, JsonElement metadata, string? raw, DateTimeOffset receivedAt, bool ours)
    {
        var id = String(message, "id");
        if (string.IsNullOrEmpty(id))
            return null;
        // Since 2026 a user with a username may come without a phone: `from` absent (or itself the BSUID), the sender
        // being `from_user_id`. https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/
        var from = String(message, "from");
        var fromUserId = String(message, "from_user_id") is { } u && BusinessScopedUserId.IsOne(u) ? u : null;
        string sender;
        string? phone = null;
        if (!string.IsNullOrEmpty(from) && !BusinessScopedUserId.IsOne(from))
        {
            // wa_id is E.164 without its '+'; with it, the phone identity reads any country's number, not only India's.
            sender = "+" + from;
            phone = ReportBot.Reporting.People.PhoneNumber.ToE164Digits(sender);
        }
        else
            sender = fromUserId ?? (BusinessScopedUserId.IsOne(from) ? from! : "");
        var userId = fromUserId ?? (BusinessScopedUserId.IsOne(from) ? from : null);

        var type = String(message, "type") ?? "";
        // An edit carries the new message inside it; a revoke only names the message it deletes.
        // https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/edit (and …/revoke)
        var (kind, original, content) = type switch
        {
            "edit" when message.TryGetProperty("edit", out var edit) && edit.ValueKind == JsonValueKind.Object =>
                (MessageEvent.Edited, String(edit, "original_message_id"), edit.TryGetProperty("message", out var edited) ? edited : default),
            "revoke" when message.TryGetProperty("revoke", out var revoke) && revoke.ValueKind == JsonValueKind.Object =>
                (MessageEvent.Deleted, String(revoke, "original_message_id"), default(JsonElement)),
            _ => (MessageEvent.Posted, null, message),
        };
        var (text, mediaCount) = content.ValueKind == JsonValueKind.Object ? Content(content) : ("", 0);
        var setAside = !ours ? "other-number"
            : sender.Length == 0 ? "no-sender"
            : !Readable.Contains(type) || (kind != MessageEvent.Posted && original is null) ? $"ignored-{(type.Length is > 0 and <= 40 ? type : "type")}"
            : null;
        // Meta's timestamp is unix seconds as a string; outside what DateTimeOffset holds it is as good as none.
        DateTimeOffset? sentAt = long.TryParse(String(message, "timestamp"), out var seconds) && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        var name = Array(value, "contacts").Where(c => from is not null && String(c, "wa_id") == from)
            .Select(c => c.TryGetProperty("profile", out var profile) ? String(profile, "name") : null).FirstOrDefault();
        // Meta's Groups API: a message posted in a group names it in `group_id`; `from` is the participant.
        // https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/group/
        return new InboundMessage(WhatsAppCloudWebhook.Channel, id, sender, text, mediaCount, raw ?? OwnPart(message, value, metadata, from, userId), receivedAt,
            sentAt, userId, phone, setAside, Chat: String(message, "group_id"), MessageRef: id, Event: kind, Original: original, SenderName: name);
    }

    /// <summary>A batch's message as its own object: the number's metadata, the sender's contact, and the message, each as Meta wrote it.</summary>
    static string OwnPart(JsonElement message, JsonElement value, JsonElement metadata, string? from, string? userId)
    {
        var contacts = Array(value, "contacts")
            .Where(c => (from is not null && String(c, "wa_id") == from) || (userId is not null && String(c, "user_id") == userId))
            .Select(c => c.GetRawText());
        return $$"""{"messaging_product":"whatsapp","metadata":{{(metadata.ValueKind == JsonValueKind.Object ? metadata.GetRawText() : "null")}},"contacts":[{{string.Join(",", contacts)}}],"messages":[{{message.GetRawText()}}]}""";
    }

    /// <summary>What a member "said": typed text, a tapped button's or list row's title, or a media caption.</summary>
    static (string Text, int MediaCount) Content(JsonElement message)
    {
        var type = String(message, "type") ?? "";
        var part = message.TryGetProperty(type, out var p) ? p : default;
        return type switch
        {
            "text" => (String(part, "body") ?? "", 0),
            // The title is what the member saw and tapped; the reply id stays in the raw payload.
            "interactive" => (String(part, "type") is { } kind and ("button_reply" or "list_reply") && part.TryGetProperty(kind, out var reply)
                ? String(reply, "title") ?? ""
                : "", 0),
            "button" => (String(part, "text") ?? "", 0), // a template's quick-reply button
            "image" or "video" or "document" or "audio" or "sticker" => (String(part, "caption") ?? "", 1),
            _ => ("", 0), // location, contacts, reaction, unsupported, …: kept in the inbox, nothing to read
        };
    }

    // Status webhook: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status
    // When delivered and read coincide Meta sends only `read`; the outbox moves states forward only, so order does not matter.
    static DeliveryReport? ParseStatus(JsonElement status, DateTimeOffset receivedAt)
    {
        var id = String(status, "id");
        DeliveryState? state = String(status, "status") switch
        {
            "sent" => DeliveryState.Sent,
            "delivered" => DeliveryState.Delivered,
            "read" => DeliveryState.Read,
            "failed" => DeliveryState.Failed,
            _ => null, // played (voice), deleted, …
        };
        if (string.IsNullOrEmpty(id) || state is null)
            return null;
        var error = Array(status, "errors").Select(e => String(e, "code")).FirstOrDefault(c => !string.IsNullOrEmpty(c));
        // A timestamp outside what DateTimeOffset can hold is as good as none.
        var at = long.TryParse(String(status, "timestamp"), out var seconds) && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : receivedAt;
        // Our outbox id, sent as biz_opaque_callback_data: a status proves that a send whose answer we lost did leave.
        return new DeliveryReport(WhatsAppCloudWebhook.Channel, id, state.Value, error, at,
            WhatsAppCloudSender.OutboxIdOf(String(status, "biz_opaque_callback_data")));
    }

    static IEnumerable<JsonElement> Array(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    /// <summary>A string or number property as text (Meta sends timestamps as strings and error codes as numbers).</summary>
    static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => JsonText.StringOf(value),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
