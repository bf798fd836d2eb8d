// WAHA's events: https://waha.devlike.pro/docs/how-to/events/ (devlikeapro/waha-docs content/docs/how-to/events).
// Every webhook is one event in one envelope; trimmed, a group message from a member WhatsApp shows by a privacy id:
//   {"id":"evt_01jfq5m4a8k2w9x3t7v6c0b1nd","timestamp":1764900000123,"event":"message","session":"default",
//    "me":{"id":"918800000001@c.us","pushName":"Darbhanga ReportBot"},"engine":"NOWEB",
//    "payload":{"id":"false_120363041234567890@g.us_3EB0C767D0B1A2F3_201234567890123@lid","timestamp":1764900000,
//      "from":"120363041234567890@g.us","fromMe":false,"participant":"201234567890123@lid","body":"Benipur 1240",
//      "hasMedia":false,"_data":{"key":{"participant":"201234567890123@lid","participantAlt":"919876543210@s.whatsapp.net"},
//      "pushName":"Ramesh Kumar"}}}
// `message.edited` carries the new `body` and `editedMessageId` (the edited message's bare key id); `message.revoked`
// carries `revokedMessageId` and the revoke action as `after`.
using System.Text.Json;
using ReportBot.BotHost.Inbound;
using ReportBot.Reporting.Groups;

namespace ReportBot.BotHost.Channels.Waha;

/// <summary>Translates WAHA's webhook JSON into the project's <see cref="InboundMessage"/>.</summary>
public static class WahaInbound
{
    /// <summary>
    /// The message, or null if the body is not a JSON object. Events that carry nothing to read (acks, reactions,
    /// session status, our own messages echoed back, stories, system notices, another session's events) are kept and
    /// set aside. A sender WhatsApp shows only by its privacy id (`…@lid`) comes with <see cref="InboundMessage.UserId"/>
    /// set and, unless the engine gave the phone alongside, no phone: the webhook asks WAHA for it.
    /// </summary>
    /// <param name="session">Our session: events of another are set aside.</param>
    public static InboundMessage? Parse(ReadOnlyMemory<byte> body, string raw, DateTimeOffset receivedAt, string session)
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
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            var kind = String(root, "event") ?? "";
            var payload = Object(root, "payload");
            // The envelope id is the same on WAHA's retries of one event; older WAHA sent none, and then the message's
            // own id (per event kind: an edit shares nothing with the message it edits) stands in.
            var externalId = String(root, "id") is { Length: > 0 } id ? id
                : String(payload, "id") is { Length: > 0 } own ? $"{kind}:{own}"
                : String(Object(payload, "after"), "id") is { Length: > 0 } after ? $"{kind}:{after}"
                : null;
            if (externalId is null)
                return new InboundMessage(WahaWebhook.Channel, $"unidentified:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body.Span))}",
                    "", "", 0, raw, receivedAt, SetAside: "no-id");

            var message = kind switch
            {
                "message.revoked" => Object(payload, "after") is { ValueKind: JsonValueKind.Object } a ? a : Object(payload, "before"),
                _ => payload,
            };
            var (chat, sender) = Addresses(message);
            var (phone, userId) = Identity(sender, message);
            var fromMe = Bool(message, "fromMe");
            var (text, mediaCount, @event, original) = kind switch
            {
                "message.edited" => (String(payload, "body") ?? "", Bool(payload, "hasMedia") ? 1 : 0, MessageEvent.Edited, String(payload, "editedMessageId")),
                "message.revoked" => ("", 0, MessageEvent.Deleted, String(payload, "revokedMessageId") ?? KeyOf(String(Object(payload, "before"), "id"))),
                _ => (String(payload, "body") ?? "", Bool(payload, "hasMedia") ? 1 : 0, MessageEvent.Posted, (string?)null),
            };
            var from = String(message, "from") ?? "";
            var setAside = String(root, "session") != session ? "other-session"
                : kind is not ("message" or "message.edited" or "message.revoked") ? "ignored-" + Kebab(kind.Length is > 0 and <= 40 ? kind : "event")
                : fromMe ? "own-message"
                : from == "status@broadcast" ? "status-broadcast"
                : from.EndsWith("@broadcast", StringComparison.Ordinal) || from.EndsWith("@newsletter", StringComparison.Ordinal) ? "ignored-broadcast"
                : kind == "message" && SystemType(message) is { } system ? "ignored-" + Kebab(system)
                : sender.Length == 0 ? "no-sender"
                : @event != MessageEvent.Posted && string.IsNullOrEmpty(original) ? "no-original"
                : null;
            return new InboundMessage(WahaWebhook.Channel, externalId, sender, text, mediaCount, raw, receivedAt,
                SentAt: UnixSeconds(message, "timestamp"),
                UserId: userId,
                Phone: phone,
                SetAside: setAside,
                Chat: chat,
                MessageRef: String(message, "id"),
                Event: @event,
                Original: original,
                SenderName: SenderName(message));
        }
        catch (InvalidOperationException)
        {
            // A property name with a lone surrogate escape ("\udfff"): valid JSON that .NET cannot compare names with.
            return null;
        }
    }

    /// <summary>
    /// The group (`…@g.us`) it was said in, or null for a direct chat; and who said it — in a group the participant,
    /// else the chat itself — as WAHA gives it (`919876543210@c.us`, or `201234567890123@lid`).
    /// </summary>
    static (string? Chat, string Sender) Addresses(JsonElement message)
    {
        var from = String(message, "from") ?? "";
        var to = String(message, "to") ?? "";
        var chat = IsGroup(from) ? from : Bool(message, "fromMe") && IsGroup(to) ? to : null;
        if (chat is null)
            return (null, from);
        // WEBJS names the group's sender `author` as well; NOWEB keeps it in the raw key.
        var data = Object(message, "_data");
        var participant = String(message, "participant") is { Length: > 0 } p ? p
            : String(message, "author") is { Length: > 0 } author ? author
            : String(Object(data, "key"), "participant") ?? String(data, "author") ?? "";
        return (chat, participant);
    }

    static bool IsGroup(string address) => address.EndsWith("@g.us", StringComparison.Ordinal);

    /// <summary>
    /// The sender's phone as E.164 digits, and their privacy id when WhatsApp shows them by one. A `…@c.us` address is
    /// the phone itself; for a `…@lid` the engines that know the phone say so beside it — NOWEB (Baileys) as the key's
    /// `participantAlt`/`remoteJidAlt` (`participantPn`/`senderPn` before Baileys 7), GOWS (whatsmeow) as
    /// `Info.SenderAlt` — each as `…@s.whatsapp.net`. WEBJS gives none: the webhook then asks WAHA's lids API.
    /// </summary>
    static (string? Phone, string? UserId) Identity(string sender, JsonElement message)
    {
        if (PhoneOf(sender) is { } phone)
            return (phone, null);
        if (!sender.EndsWith("@lid", StringComparison.Ordinal))
            return (null, null);
        var data = Object(message, "_data");
        var key = Object(data, "key");
        var alternatives = new[]
        {
            String(key, "participantAlt"), String(key, "participantPn"), String(key, "senderPn"), String(key, "remoteJidAlt"),
            String(Object(data, "Info"), "SenderAlt"),
        };
        return (alternatives.Select(PhoneOf).FirstOrDefault(p => p is not null), sender);
    }

    /// <summary>
    /// The E.164 digits of a phone-number address (`919876543210@c.us`, `919876543210@s.whatsapp.net`, a device's
    /// `919876543210:12@s.whatsapp.net`), or null for anything else.
    /// </summary>
    public static string? PhoneOf(string? address)
    {
        if (address is null)
            return null;
        var at = address.IndexOf('@');
        if (at <= 0 || address[(at + 1)..] is not ("c.us" or "s.whatsapp.net"))
            return null;
        var user = address[..at];
        if (user.IndexOf(':') is > 0 and var device)
            user = user[..device];
        return user.Length is >= 8 and <= 15 && user.All(char.IsAsciiDigit) && user[0] != '0' ? user : null;
    }

    /// <summary>The key id of a serialized message id (`false_{chat}_{key}[_{participant}]`), which edits and revokes name.</summary>
    public static string? KeyOf(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
            return null;
        var parts = serialized.Split('_');
        return parts.Length >= 3 && parts[0] is "true" or "false" ? parts[2] : serialized;
    }

    /// <summary>
    /// The kind of a system message that no one typed — a group notice, an encryption notice, a call, a deleted
    /// placeholder — or null for anything a member said. WEBJS names the type in `_data.type`; NOWEB marks notices
    /// with `messageStubType` and carries protocol messages (revokes, edits) as `message.protocolMessage`.
    /// </summary>
    static string? SystemType(JsonElement message)
    {
        var data = Object(message, "_data");
        if (String(data, "type") is { } type && SystemTypes.Contains(type))
            return type;
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("messageStubType", out var stub) && stub.ValueKind is JsonValueKind.Number or JsonValueKind.String)
            return "notification";
        // Older NOWEB sent reactions as `message` events too; now they come as `message.reaction` (set aside as an event).
        var raw = Object(data, "message");
        return Object(raw, "protocolMessage").ValueKind == JsonValueKind.Object ? "protocol"
            : Object(raw, "reactionMessage").ValueKind == JsonValueKind.Object ? "reaction"
            : null;
    }

    static readonly HashSet<string> SystemTypes =
        ["e2e_notification", "notification", "notification_template", "gp2", "call_log", "protocol", "revoked", "ciphertext", "broadcast_notification", "reaction"];

    /// <summary>The name the sender set for themselves: WEBJS `notifyName`, NOWEB `pushName`, GOWS `Info.PushName`.</summary>
    static string? SenderName(JsonElement message)
    {
        var data = Object(message, "_data");
        return new[] { String(data, "notifyName"), String(data, "pushName"), String(Object(data, "Info"), "PushName") }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
    }

    static string Kebab(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    /// <summary>Unix seconds (WAHA's message `timestamp`, sometimes with a fraction); outside what DateTimeOffset holds it is as good as none.</summary>
    static DateTimeOffset? UnixSeconds(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    static JsonElement Object(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    static bool Bool(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    static string? String(JsonElement element, string property) => JsonText.String(element, property);
}
