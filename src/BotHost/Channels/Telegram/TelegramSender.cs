// Telegram Bot API sends: https://core.telegram.org/bots/api#sendmessage, https://core.telegram.org/bots/api#setmessagereaction
//   POST {ApiBaseUrl}/bot{BotToken}/sendMessage   Content-Type: application/json
//   {"chat_id":5512345678,"text":"✅ Benipur — 1,240 Ayushman cards","reply_parameters":{"message_id":41,"allow_sending_without_reply":true},
//    "entities":[{"type":"bold","offset":2,"length":7}]}
//   POST {ApiBaseUrl}/bot{BotToken}/setMessageReaction
//   {"chat_id":-1001987654321,"message_id":41,"reaction":[{"type":"emoji","emoji":"👍"}]}
//   POST {ApiBaseUrl}/bot{BotToken}/sendPhoto   multipart/form-data (https://core.telegram.org/bots/api#sendphoto):
//   chat_id=-1001987654321, photo=<the PNG as a file>, caption=<at most 1,024 characters>, caption_entities=[…] (JSON)
// Every answer is {"ok":true,"result":…} (a Message for sendMessage, true for setMessageReaction) or
// {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 35","parameters":{"retry_after":35}}.
//
// Plain HttpClient rather than the Telegram.Bot package: two methods, and the outbox — not a client library's own
// retry loop — decides what happens after a 429 or a 5xx.
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Outbound;
using ReportBot.Reporting.Groups;

namespace ReportBot.BotHost.Channels.Telegram;

public sealed class TelegramSender(HttpClient http, IOptions<TelegramOptions> options) : IChannelSender
{

    /// <summary>The button that shares the member's own phone number; Telegram shows it in place of their keyboard.</summary>
    public const string ShareContactButton = "📱 Share my phone number / मेरा नंबर भेजें";

    /// <summary>What an address made from a phone starts with: no Telegram chat can be reached by phone number.</summary>
    const string PhonePrefix = "phone:";

    public string Channel => TelegramWebhook.Channel;

    public bool IsConfigured => options.Value.Enabled;

    /// <summary>
    /// A bot can never find a chat from a phone number: it may write only to someone who has pressed Start (then their
    /// user id is their chat). The rhythm asks for an address this way for a member who never wrote on Telegram; it
    /// gets `phone:+91…`, which <see cref="SendAsync"/> refuses as Failed without calling Telegram — listed with the
    /// outbox's failures, and never a message to a stranger whose id happens to equal the digits.
    /// </summary>
    public string AddressFor(string e164Digits) => PhonePrefix + "+" + e164Digits;

    /// <summary>No 24-hour window on Telegram: free text is always allowed, templates never needed.</summary>
    public bool HasMessagingWindow => false;

    /// <summary>
    /// About 30 messages a second in all, 20 a minute into one group (about one a second into a private chat); a text
    /// of at most 4,096 characters. https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
    /// https://core.telegram.org/bots/api#sendmessage
    /// </summary>
    public ChannelLimits Limits => new(options.Value.MessagesPerSecond, options.Value.MaxConcurrentSends, MaxTextLength, MaxTextLength,
        options.Value.PerRecipientInterval, options.Value.PerRecipientBurst, NoWindowCodes);

    const int MaxTextLength = 4096;

    static readonly IReadOnlySet<string> NoWindowCodes = new HashSet<string>();

    /// <summary>Telegram sends no delivery receipts to bots: a send whose answer was lost stays uncertain.</summary>
    public bool ConfirmsDelivery => false;

    /// <summary>
    /// Groups, reactions and mentions, yes; writing first, no — a bot may not start a private chat. The deep link opens
    /// the bot with `/start link`, whose answer offers the button that shares the member's phone.
    /// </summary>
    public ChannelAbilities Abilities => new(Groups: true, Reactions: true, Mentions: true, WritesFirst: false, LinkAccount: options.Value.LinkAccountUrl,
        ImageCaption: MaxCaptionLength);

    /// <summary>A photo's caption: "0-1024 characters after entities parsing". https://core.telegram.org/bots/api#sendphoto</summary>
    const int MaxCaptionLength = 1024;

    /// <summary>
    /// Bots may react only with Telegram's fixed set of emoji (https://core.telegram.org/bots/api#reactiontypeemoji):
    /// ✅ and ✏️ are not in it, 👍 and ✍ are.
    /// </summary>
    public static string EmojiFor(Acknowledgement acknowledgement) => acknowledgement switch
    {
        Acknowledgement.Changed => "✍",
        _ => "👍",
    };

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        if (ChatId(message.Recipient) is not { } chatId)
            return new SendResult.Failed(message.Recipient.StartsWith(PhonePrefix, StringComparison.Ordinal)
                ? "no Telegram chat for a phone number: the member must open the bot and share their contact first"
                : "the recipient is no Telegram chat id");
        var (method, payload) = Payload(message, chatId);
        if (payload is null)
            return new SendResult.Failed("a reaction needs the numeric message_id of the message it is on");
        var photo = message is { Image: { } image, Reaction: null } ? image : null;

        // The token is part of the URL: nothing here may log or report the URL (the client's logging is removed in
        // TelegramChannelExtensions, and errors below quote only Telegram's description).
        using var request = photo is null
            ? new HttpRequestMessage(HttpMethod.Post, $"{settings.ApiBaseUrl.TrimEnd('/')}/bot{settings.BotToken}/{method}")
            {
                Content = new StringContent(JsonSerializer.Serialize(payload, ProviderHttp.Json), Encoding.UTF8, "application/json"),
            }
            : new HttpRequestMessage(HttpMethod.Post, $"{settings.ApiBaseUrl.TrimEnd('/')}/bot{settings.BotToken}/sendPhoto")
            {
                Content = PhotoForm(payload, photo),
            };
        if (photo is not null)
            method = "sendPhoto";
        var (answer, failure) = await ProviderHttp.SendAsync(http, request, "the Telegram Bot API", ct);
        if (answer is not { } response)
            return failure!;

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            using var document = TryParse(body);
            var root = document?.RootElement ?? default;
            if (response.IsSuccessStatusCode && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
                return new SendResult.Sent(method is "sendMessage" or "sendPhoto" && root.TryGetProperty("result", out var sent) ? Text(sent, "message_id") : null);
            if (response.IsSuccessStatusCode)
                // A 2xx that is no Bot API answer (a proxy's page): the request arrived somewhere and may have been sent.
                return new SendResult.Uncertain($"HTTP {(int)response.StatusCode} without the Bot API's answer");

            var description = Text(root, "description");
            var parameters = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("parameters", out var p) ? p : default;
            var retryAfter = Text(parameters, "retry_after");
            var migrated = Text(parameters, "migrate_to_chat_id");
            var error = $"HTTP {(int)response.StatusCode}, Telegram: {description ?? "no description"}"
                + (retryAfter is null ? "" : $" (retry_after {retryAfter} s)")
                + (migrated is null ? "" : $" (the group is now supergroup {migrated})");
            return (int)response.StatusCode switch
            {
                // The photo itself refused ("PHOTO_INVALID_DIMENSIONS": a chart over 10,000 px or 20:1, "IMAGE_PROCESS_FAILED",
                // 413 too large): the text goes alone instead.
                413 when photo is not null => new SendResult.ImageRefused(error),
                400 when photo is not null && PhotoRefusal(description) => new SendResult.ImageRefused(error),
                // Flood control: nothing was sent; the outbox tries again, not before the wait Telegram names.
                429 => new SendResult.Retryable(error, int.TryParse(retryAfter, out var seconds) && seconds is > 0 and <= 86_400 ? TimeSpan.FromSeconds(seconds) : null),
                >= 500 => new SendResult.Retryable(error),
                // A revoked or mistyped token: Telegram answers 401 Unauthorized, or 404 Not Found for a token of no bot.
                401 or 404 => new SendResult.Unauthorized(error),
                // 400 "chat not found", "message to react not found", "group chat was upgraded to a supergroup chat";
                // 403 "bot was blocked by the user", "bot was kicked from the group chat": sending again would fail again.
                _ => new SendResult.Failed(error),
            };
        }
    }

    /// <summary>The Bot API method and its JSON, written out as Telegram documents it; a null payload: nothing sendable.</summary>
    static (string Method, Dictionary<string, object?>? Payload) Payload(OutboundMessage message, long chatId)
    {
        if (message.Reaction is { } reaction)
            return ("setMessageReaction", MessageId(message.QuoteRef) is { } reactedTo
                ? new()
                {
                    ["chat_id"] = chatId,
                    ["message_id"] = reactedTo,
                    ["reaction"] = new[] { new { type = "emoji", emoji = EmojiFor(reaction) } },
                }
                : null);

        // The replies' WhatsApp markup (*bold*) becomes Telegram's entities: with no parse_mode, nothing in the text is
        // read as markup, so a unit or a name with a '_' or a '*' in it can never break the message.
        var (text, spans) = TelegramMarkup.FromWhatsApp(message.Body);
        var payload = new Dictionary<string, object?> { ["chat_id"] = chatId, ["text"] = text };
        // The member's message shown above the answer; sent even if it has been deleted meanwhile.
        if (MessageId(message.QuoteRef) is { } quoted)
            payload["reply_parameters"] = new { message_id = quoted, allow_sending_without_reply = true };
        if (Entities(text, spans, message.Mentions) is { Count: > 0 } entities)
            payload["entities"] = entities;
        if (message.AskContact && !message.ToGroup)
            payload["reply_markup"] = new
            {
                keyboard = new[] { new[] { new { text = ShareContactButton, request_contact = true } } },
                one_time_keyboard = true,
                resize_keyboard = true,
            };
        return ("sendMessage", payload);
    }

    /// <summary>
    /// sendPhoto's form: the sendMessage payload's fields, its `text` as the `caption` (its `entities` as
    /// `caption_entities`), objects as JSON strings as the Bot API reads multipart fields, and the PNG as `photo`.
    /// </summary>
    static MultipartFormDataContent PhotoForm(Dictionary<string, object?> payload, OutboundImage image)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in payload)
        {
            if (value is null || name == "reply_markup" || (name == "text" && value is "") )
                continue;
            var field = name switch { "text" => "caption", "entities" => "caption_entities", _ => name };
            form.Add(new StringContent(value switch
            {
                string text => text,
                long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
                _ => JsonSerializer.Serialize(value, ProviderHttp.Json),
            }), field);
        }
        var photo = new ByteArrayContent(image.Png);
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(photo, "photo", image.FileName);
        return form;
    }

    static bool PhotoRefusal(string? description) =>
        description is not null && (description.Contains("PHOTO", StringComparison.OrdinalIgnoreCase)
            || description.Contains("IMAGE", StringComparison.OrdinalIgnoreCase) || description.Contains("file", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The marked spans, and a `text_mention` over each mentioned name, so the member is notified even without a
    /// username; in order of offset. Offsets and lengths count UTF-16 code units, as .NET strings do
    /// (https://core.telegram.org/bots/api#messageentity); a name mentioned twice takes its next occurrence. A name not
    /// in the text, or an address that is no user id, is skipped.
    /// </summary>
    static List<object> Entities(string body, IReadOnlyList<TelegramMarkup.Span> spans, IReadOnlyList<Mention>? mentions)
    {
        var entities = spans.Select(s => (s.Offset, s.Length, Entity: (object)new { type = s.Type, offset = s.Offset, length = s.Length })).ToList();
        var searchFrom = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var mention in mentions ?? [])
        {
            if (mention.Text.Length == 0 || !long.TryParse(mention.Address, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
                continue;
            var at = body.IndexOf(mention.Text, searchFrom.GetValueOrDefault(mention.Text), StringComparison.Ordinal);
            if (at < 0)
                continue;
            searchFrom[mention.Text] = at + mention.Text.Length;
            entities.Add((at, mention.Text.Length, new { type = "text_mention", offset = at, length = mention.Text.Length, user = new { id = userId } }));
        }
        // A mention inside a bold span nests in it; the wider span comes first.
        return entities.OrderBy(e => e.Offset).ThenByDescending(e => e.Length).Select(e => e.Entity).ToList();
    }

    /// <summary>A chat id as Telegram's integer: a user's (positive) or a group's (negative, `-100…` for supergroups).</summary>
    static long? ChatId(string recipient) =>
        long.TryParse(recipient, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id != 0 ? id : null;

    static long? MessageId(string? reference) =>
        long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    static JsonDocument? TryParse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? value.ToString()
            : null;
}
