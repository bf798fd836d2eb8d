// Meta's messages webhook: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
// One POST may carry several entries, changes, messages and statuses; trimmed:
//   {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
//     "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
//     "contacts":[{"profile":{"name":"Ramesh Kumar"},"wa_id":"919876543210"}],
//     "messages":[{"from":"919876543210","id":"wamid.HBgM…","timestamp":"1749416383","type":"text","text":{"body":"Benipur 1240"}}],
//     "statuses":[{"id":"wamid.HBgM…","status":"failed","timestamp":"1749416390","recipient_id":"919876543210",
//                  "errors":[{"code":131026,"title":"Message undeliverable"}]}]}}]}]}
using System.Text.Json;
using ReportBot.BotHost.Messaging;

namespace ReportBot.BotHost.Channels.WhatsAppCloud;

/// <summary>Translates Meta's webhook JSON into the project's <see cref="InboundMessage"/>s and <see cref="DeliveryReport"/>s.</summary>
public static class WhatsAppCloudInbound
{
    public sealed record Batch(IReadOnlyList<InboundMessage> Messages, IReadOnlyList<DeliveryReport> Statuses);

    /// <summary>
    /// Every message and tracked status in the payload, or null if it is not a JSON object. Each message keeps the whole
    /// body as its raw payload: the bytes Meta signed, with the sender's profile and the receiving number, which the
    /// message object alone lacks; its wamid picks it out. Changes other than `messages` (template reviews, account
    /// updates) and entries without an id or sender are skipped: Meta would only send them again if refused.
    /// </summary>
    public static Batch? Parse(ReadOnlyMemory<byte> body, string raw, DateTimeOffset receivedAt)
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
            var messages = new List<InboundMessage>();
            var statuses = new List<DeliveryReport>();
            foreach (var entry in Array(document.RootElement, "entry"))
                foreach (var change in Array(entry, "changes"))
                {
                    if (String(change, "field") != "messages" || !change.TryGetProperty("value", out var value))
                        continue;
                    foreach (var message in Array(value, "messages"))
                        if (ParseMessage(message, raw, receivedAt) is { } parsed)
                            messages.Add(parsed);
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

    static InboundMessage? ParseMessage(JsonElement message, string raw, DateTimeOffset receivedAt)
    {
        var id = String(message, "id");
        var from = String(message, "from");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(from))
            return null;
        var (text, mediaCount) = Content(message);
        // wa_id is E.164 without its '+'; with it, the phone identity reads any country's number, not only India's.
        return new InboundMessage(WhatsAppCloudWebhook.Channel, id, "+" + from, text, mediaCount, raw, receivedAt);
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
        return new DeliveryReport(WhatsAppCloudWebhook.Channel, id, state.Value, error, at);
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
                JsonValueKind.String => StringOf(value),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>
    /// The string's value; for one with a lone surrogate escape (`"\ud800"`, valid JSON that .NET cannot turn into a
    /// string) its JSON text as written, so the message is still kept and read rather than failing the whole batch.
    /// </summary>
    static string StringOf(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText()[1..^1];
        }
    }
}
