// Meta's Cloud API send: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
//   POST {GraphBaseUrl}/{PhoneNumberId}/messages   Authorization: Bearer <AccessToken>   Content-Type: application/json
//   {"messaging_product":"whatsapp","recipient_type":"individual","to":"919876543210","type":"text",
//    "text":{"preview_url":false,"body":"✅ *Benipur* — 1,240 Ayushman cards"}}
// Success is 200 {"messaging_product":"whatsapp","contacts":[{"input":"919876543210","wa_id":"919876543210"}],"messages":[{"id":"wamid.HBgM…"}]};
// errors are the Graph envelope {"error":{"message":"…","type":"OAuthException","code":131047,"error_data":{"details":"…"},"fbtrace_id":"…"}}.
// Error codes: https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
// A picture is uploaded first (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media):
//   POST {GraphBaseUrl}/{PhoneNumberId}/media   multipart/form-data: messaging_product=whatsapp, type=image/png, file=<the PNG>
//   → 200 {"id":"1013859600285441"}
// then sent by its id (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/image-messages/):
//   {"messaging_product":"whatsapp","recipient_type":"group","to":"<group_id>","type":"image","image":{"id":"1013859600285441","caption":"…"}}
// A caption is at most 1,024 characters.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.WhatsAppCloud;

public sealed class WhatsAppCloudSender(HttpClient http, IOptions<WhatsAppCloudOptions> options) : IChannelSender
{

    public string Channel => WhatsAppCloudWebhook.Channel;

    public bool IsConfigured => options.Value.Enabled;

    /// <summary>
    /// A text body of at most 4,096 characters, a template variable of at most 1,024; 131047 is "outside the 24-hour
    /// window". https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#text-object
    /// </summary>
    public ChannelLimits Limits => new(options.Value.MessagesPerSecond, options.Value.MaxConcurrentSends, 4096, 1024,
        options.Value.PerRecipientInterval, options.Value.PerRecipientBurst, WindowCodes);

    static readonly IReadOnlySet<string> WindowCodes = new HashSet<string> { "131047" };

    /// <summary>
    /// Meta's Groups API: messages are read from and posted into groups the business created (up to 8 participants),
    /// reactions and quoted replies too; no mentions, and a stranger cannot be written to first without a template.
    /// https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/
    /// </summary>
    public ReportBot.Reporting.Groups.ChannelAbilities Abilities { get; } = new(Groups: true, Reactions: true, Mentions: false, WritesFirst: false,
        ImageCaption: 1024);

    /// <summary>
    /// Meta's media id of each picture already uploaded (ids live 30 days): one summary's chart goes to many chats,
    /// and is uploaded once per instance, not once per message. Only the last few pictures are kept.
    /// </summary>
    readonly ConcurrentDictionary<long, string> _uploaded = new();

    /// <summary>Every send carries our outbox id as `biz_opaque_callback_data`, which Meta echoes in each status webhook.</summary>
    public bool ConfirmsDelivery => true;

    /// <summary>What we send as `biz_opaque_callback_data` (at most 512 bytes) and read back from status webhooks.</summary>
    public static string CallbackData(long outboxId) => $"outbox:{outboxId}";

    public static long? OutboxIdOf(string? callbackData) =>
        callbackData is not null && callbackData.StartsWith("outbox:", StringComparison.Ordinal) && long.TryParse(callbackData[7..], out var id) ? id : null;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        string? mediaId = null;
        if (message is { Image: { } image, Template: null, Reaction: null })
        {
            var (uploaded, refusal) = await UploadAsync(image, settings, ct);
            if (refusal is not null)
                return refusal;
            mediaId = uploaded;
        }
        if (Payload(message, settings, mediaId) is not { } payload)
            return new SendResult.Failed($"no {WhatsAppCloudOptions.Section}:Templates:{message.Template!.Name}:{message.Template.Language} is configured");
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{settings.GraphBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(settings.PhoneNumberId!)}/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(payload, ProviderHttp.Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);

        var (answer, failure) = await ProviderHttp.SendAsync(http, request, "the Graph API", ct);
        if (answer is not { } response)
            return failure!;

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            using var document = TryParse(body);
            var root = document?.RootElement ?? default;
            if (response.IsSuccessStatusCode)
                return new SendResult.Sent(root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messages", out var sent)
                    && sent.ValueKind == JsonValueKind.Array && sent.GetArrayLength() > 0 ? Text(sent[0], "id") : null);

            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : default;
            var code = Text(error, "code");
            var details = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("error_data", out var data) ? Text(data, "details") : null;
            var description = $"HTTP {(int)response.StatusCode}, Meta error {code ?? "?"}: {Text(error, "message")}{(details is null ? "" : $" ({details})")}";
            return (response.StatusCode, code) switch
            {
                // 130429: the number's throughput (80 mps) is reached; 131056: too many to one user (≈ 1 per 6 s). Not sent; wait.
                (_, "130429" or "131056") => new SendResult.Retryable(description),
                // 131047: free text outside the 24-hour window; it must go as a template.
                (_, "131047") => new SendResult.OutsideWindow(description),
                // 131051 unsupported type, 131052 media download error, 131053 media upload error: the picture, not the
                // message, is refused; the text goes alone.
                (_, "131051" or "131052" or "131053") when mediaId is not null => new SendResult.ImageRefused(description),
                // 131026: not a WhatsApp number, terms not accepted, or too old a client: it will not get better.
                (_, "131026") => new SendResult.Failed(description),
                // 190: the access token expired or was revoked.
                (_, "190") or (HttpStatusCode.Unauthorized, _) => new SendResult.Unauthorized(description),
                (HttpStatusCode.TooManyRequests, _) => new SendResult.Retryable(description),
                _ when (int)response.StatusCode >= 500 => new SendResult.Retryable(description),
                _ => new SendResult.Failed(description),
            };
        }
    }

    /// <summary>The JSON to send, written out by hand as Meta documents it; null if the template has no Meta counterpart configured.</summary>
    static Dictionary<string, object?>? Payload(OutboundMessage message, WhatsAppCloudOptions settings, string? mediaId)
    {
        // A phone goes as `to` in wa_id form (digits, no '+'); a business-scoped user id as `recipient` — its digits
        // are not a phone, and sent as `to` they could reach a stranger's number (courier: "Plain Send with BSUID").
        var bare = message.Recipient[(message.Recipient.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? 9 : 0)..];
        var payload = new Dictionary<string, object?> { ["messaging_product"] = "whatsapp", ["recipient_type"] = message.ToGroup ? "group" : "individual" };
        if (message.ToGroup)
            payload["to"] = bare; // a group_id, as the Groups API gave it
        else if (BusinessScopedUserId.IsOne(bare))
            payload["recipient"] = bare;
        else
            payload["to"] = new string(bare.Where(char.IsAsciiDigit).ToArray());
        if (message is { Reaction: { } reaction, QuoteRef: { } reactedTo })
        {
            // https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/reaction-messages
            payload["type"] = "reaction";
            payload["reaction"] = new { message_id = reactedTo, emoji = reaction == ReportBot.Reporting.Groups.Acknowledgement.Changed ? "✏️" : "✅" };
        }
        else if (message.Template is null && mediaId is not null)
        {
            payload["type"] = "image";
            payload["image"] = new { id = mediaId, caption = message.Body.Length == 0 ? null : message.Body };
        }
        else if (message.Template is not { } template)
        {
            if (message.QuoteRef is { } quoted)
                payload["context"] = new { message_id = quoted }; // shown as a reply to that message
            payload["type"] = "text";
            payload["text"] = new { preview_url = false, body = message.Body };
        }
        else
        {
            if (settings.FindTemplate(template.Name, template.Language) is not { } meta)
                return null;
            // Spec: WhatsApp-Nodejs-SDK api-reference/messages/template. "deterministic" is the only policy Meta accepts.
            object[]? components = template.Variables.Count == 0
                ? null
                : [new { type = "body", parameters = template.Variables.Select(v => new { type = "text", text = MessageBounds.Variable(v, 1024, template.Language) }).ToArray() }];
            payload["type"] = "template";
            payload["template"] = new { name = meta.Name, language = new { policy = "deterministic", code = meta.Language }, components };
        }
        // Echoed in every status webhook for this message: the proof that a send whose answer we lost did leave.
        payload["biz_opaque_callback_data"] = CallbackData(message.OutboxId);
        return payload;
    }

    /// <summary>
    /// Uploads a picture once (see <see cref="_uploaded"/>) and returns Meta's media id — or why not: a refusal for good
    /// is <see cref="SendResult.ImageRefused"/> (the text then goes alone); throttling, a 5xx or a lost answer are
    /// retryable, since an upload sent twice only leaves an unused copy at Meta.
    /// </summary>
    async Task<(string? MediaId, SendResult? Refusal)> UploadAsync(OutboundImage image, WhatsAppCloudOptions settings, CancellationToken ct)
    {
        if (_uploaded.TryGetValue(image.Id, out var known))
            return (known, null);
        var file = new ByteArrayContent(image.Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{settings.GraphBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(settings.PhoneNumberId!)}/media")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent("whatsapp"), "messaging_product" },
                { new StringContent("image/png"), "type" },
                { file, "file", image.FileName },
            },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        var (answer, failure) = await ProviderHttp.SendAsync(http, request, "the Graph API (media upload)", ct);
        if (answer is not { } response)
            return (null, failure is SendResult.Uncertain uncertain ? new SendResult.Retryable(uncertain.Error) : failure);
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            using var document = TryParse(body);
            var root = document?.RootElement ?? default;
            if (response.IsSuccessStatusCode && Text(root, "id") is { } id)
            {
                if (_uploaded.Count >= 32)
                    _uploaded.Clear();
                _uploaded[image.Id] = id;
                return (id, null);
            }
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : default;
            var code = Text(error, "code");
            var description = $"media upload: HTTP {(int)response.StatusCode}, Meta error {code ?? "?"}: {Text(error, "message")}";
            return (null, (response.StatusCode, code) switch
            {
                (_, "190") or (HttpStatusCode.Unauthorized, _) => new SendResult.Unauthorized(description),
                (_, "130429") or (HttpStatusCode.TooManyRequests, _) => new SendResult.Retryable(description),
                _ when (int)response.StatusCode >= 500 => new SendResult.Retryable(description),
                _ => new SendResult.ImageRefused(description),
            });
        }
    }

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
