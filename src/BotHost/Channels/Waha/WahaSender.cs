// WAHA's send API: https://waha.devlike.pro/docs/how-to/send-messages/
//   POST {BaseUrl}/api/sendText   X-Api-Key: …   Content-Type: application/json
//   {"session":"default","chatId":"120363041234567890@g.us","text":"@919876543210 Benipur is missing",
//    "reply_to":"false_120363041234567890@g.us_3EB0C767D0B1A2F3_919876543210@c.us","mentions":["919876543210@c.us"]}
//   PUT  {BaseUrl}/api/reaction   {"session":"default","messageId":"false_…","reaction":"✅"}
//   POST {BaseUrl}/api/sendImage  {"session":"default","chatId":"…@g.us","file":{"mimetype":"image/png","filename":"chart-….png",
//         "data":"<base64>"},"caption":"…"}   (https://waha.devlike.pro/docs/how-to/send-messages/#send-image; the
//         base64 `file.data` form needs WAHA Plus — WAHA Core refuses it, and the text then goes alone)
// Success is 201/200 with the sent message (its `id` a string, or WEBJS's `{"_serialized": …}`); errors are NestJS's
// {"statusCode":422,"message":"…","error":"Unprocessable Entity"} or an engine's 500.
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Outbound;
using ReportBot.Reporting.Groups;

namespace ReportBot.BotHost.Channels.Waha;

public sealed class WahaSender(HttpClient http, IOptions<WahaOptions> options) : IChannelSender
{

    public string Channel => WahaWebhook.Channel;

    public bool IsConfigured => options.Value.Enabled;

    /// <summary>A linked device is a phone, not a business number: no 24-hour window, no templates.</summary>
    public bool HasMessagingWindow => false;

    /// <summary>Groups, reactions and mentions, and it may write first to anyone whose number it has.</summary>
    public ChannelAbilities Abilities { get; } = new(Groups: true, Reactions: true, Mentions: true, WritesFirst: true, LinkAccount: null,
        ImageCaption: 1024);

    public string AddressFor(string e164Digits) => $"{e164Digits}@c.us";

    /// <summary>
    /// A person's pace (see <see cref="WahaOptions.MessagesPerSecond"/>): WhatsApp bans numbers that send like bots.
    /// WhatsApp takes 65,536 characters in a text, but a long wall of text is what bots send; replies are split at
    /// 4,096 as on the Cloud API. No template variables, no window codes.
    /// </summary>
    public ChannelLimits Limits => new(options.Value.MessagesPerSecond, options.Value.MaxConcurrentSends, 4096, 1024,
        null, 1, new HashSet<string>());

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        HttpRequestMessage request;
        if (message.Reaction is { } reaction)
        {
            if (string.IsNullOrEmpty(message.QuoteRef))
                return new SendResult.Failed("a reaction needs the message it is on");
            request = new HttpRequestMessage(HttpMethod.Put, $"{settings.Api}/api/reaction")
            {
                Content = Body(new Dictionary<string, object?>
                {
                    ["session"] = settings.Session,
                    ["messageId"] = message.QuoteRef,
                    ["reaction"] = reaction == Acknowledgement.Changed ? "✏️" : "✅",
                }),
            };
        }
        else if (message.Image is { } image)
        {
            var (caption, mentions) = WithMentions(message.Body, message.Mentions);
            request = new HttpRequestMessage(HttpMethod.Post, $"{settings.Api}/api/sendImage")
            {
                Content = Body(new Dictionary<string, object?>
                {
                    ["session"] = settings.Session,
                    ["chatId"] = ChatId(message.Recipient),
                    ["file"] = new Dictionary<string, string>
                    {
                        ["mimetype"] = "image/png", ["filename"] = image.FileName, ["data"] = Convert.ToBase64String(image.Png),
                    },
                    ["caption"] = caption.Length == 0 ? null : caption,
                    ["reply_to"] = string.IsNullOrEmpty(message.QuoteRef) ? null : message.QuoteRef,
                    ["mentions"] = mentions,
                }),
            };
        }
        else
        {
            var (text, mentions) = WithMentions(message.Body, message.Mentions);
            request = new HttpRequestMessage(HttpMethod.Post, $"{settings.Api}/api/sendText")
            {
                Content = Body(new Dictionary<string, object?>
                {
                    ["session"] = settings.Session,
                    ["chatId"] = ChatId(message.Recipient),
                    ["text"] = text,
                    ["reply_to"] = string.IsNullOrEmpty(message.QuoteRef) ? null : message.QuoteRef,
                    ["mentions"] = mentions,
                }),
            };
        }
        using (request)
        {
            if (!string.IsNullOrEmpty(settings.ApiKey))
                request.Headers.Add("X-Api-Key", settings.ApiKey);
            var (answer, failure) = await ProviderHttp.SendAsync(http, request, "WAHA", ct);
            if (answer is not { } response)
                return failure!;
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                    return new SendResult.Sent(SentId(body));
                var description = $"HTTP {(int)response.StatusCode} from WAHA: {(body.Length > 500 ? body[..500] + "…" : body)}";
                return response.StatusCode switch
                {
                    // The API key is wrong, or the session is another tenant's.
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new SendResult.Unauthorized(description),
                    // The picture refused: WAHA Core has no media (422/501 "…available only in Plus"), a file too large.
                    HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest or HttpStatusCode.NotImplemented
                        or HttpStatusCode.RequestEntityTooLarge when message.Image is not null => new SendResult.ImageRefused(description),
                    HttpStatusCode.TooManyRequests => new SendResult.Retryable(description),
                    // WAHA restarting, the session not WORKING yet, the phone offline: it may well go later.
                    _ when (int)response.StatusCode >= 500 => new SendResult.Retryable(description),
                    // 400/404/422: a bad chat id, an unknown session or message — sending again would fail again.
                    _ => new SendResult.Failed(description),
                };
            }
        }
    }

    /// <summary>
    /// The body with each mentioned member's words replaced by `@{digits}` — WhatsApp then shows their name, highlighted,
    /// and notifies them — and their addresses for `mentions`. WAHA requires both: the number in the text and the address.
    /// </summary>
    public static (string Text, string[]? Mentions) WithMentions(string body, IReadOnlyList<Mention>? mentions)
    {
        if (mentions is not { Count: > 0 })
            return (body, null);
        var text = body;
        var addresses = new List<string>();
        foreach (var mention in mentions)
        {
            var address = ChatId(mention.Address);
            var user = address[..address.IndexOf('@')];
            var at = string.IsNullOrEmpty(mention.Text) ? -1 : text.IndexOf(mention.Text, StringComparison.Ordinal);
            if (at >= 0)
                text = string.Concat(text.AsSpan(0, at), "@", user, text.AsSpan(at + mention.Text.Length));
            if (!addresses.Contains(address))
                addresses.Add(address);
        }
        return (text, addresses.ToArray());
    }

    /// <summary>WAHA's chat id: an address as WAHA gave it (`…@c.us`, `…@g.us`, `…@lid`), or a phone made one (`+91…` → `91…@c.us`).</summary>
    public static string ChatId(string recipient) =>
        recipient.Contains('@') ? recipient : new string(recipient.Where(char.IsAsciiDigit).ToArray()) + "@c.us";

    /// <summary>The JSON in the order written, leaving out absent parts (a dictionary's nulls are not skipped by the serializer).</summary>
    static StringContent Body(Dictionary<string, object?> payload) =>
        new(JsonSerializer.Serialize(payload.Where(p => p.Value is not null).ToDictionary(), ProviderHttp.Json), Encoding.UTF8, "application/json");

    /// <summary>The sent message's id: a string (NOWEB, GOWS), WEBJS's `{"_serialized": …}`, or a raw key's `id`.</summary>
    static string? SentId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (root.TryGetProperty("id", out var id))
            {
                if (id.ValueKind == JsonValueKind.String)
                    return id.GetString();
                if (id.ValueKind == JsonValueKind.Object && id.TryGetProperty("_serialized", out var serialized) && serialized.ValueKind == JsonValueKind.String)
                    return serialized.GetString();
            }
            return root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.Object
                && key.TryGetProperty("id", out var keyId) && keyId.ValueKind == JsonValueKind.String
                ? keyId.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
