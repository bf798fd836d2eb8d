// Twilio's Messages API: https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
//   POST {ApiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json   (basic auth AccountSid:AuthToken)
//   To=whatsapp:+919876543210&From=whatsapp:+14155238886&Body=…
//   …&Body=<caption>&MediaUrl=https://bot.example.org/media/123.png?exp=…&sig=…   (a picture: Twilio fetches it, see TwilioMedia)
// Success is 201 {"sid":"SM…","status":"queued",…}; errors are {"code":21211,"message":"…","status":400}.
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.Twilio;

public sealed class TwilioSender(HttpClient http, IOptions<TwilioOptions> options, TimeProvider time) : IChannelSender
{
    public string Channel => TwilioWebhook.Channel;

    public bool IsConfigured => options.Value.Enabled;

    /// <summary>WhatsApp senders address people as `whatsapp:+91…`; an SMS sender as `+91…`.</summary>
    public string AddressFor(string e164Digits) =>
        options.Value.From?.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) == true ? $"whatsapp:+{e164Digits}" : $"+{e164Digits}";

    public bool HasMessagingWindow => options.Value.From?.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Body at most 1,600 characters (longer is refused whole, 21617); a template variable at most 1,024 (63021);
    /// 63016 is "outside the 24-hour window". https://www.twilio.com/docs/api/errors/63016
    /// </summary>
    public ChannelLimits Limits => new(options.Value.MessagesPerSecond, options.Value.MaxConcurrentSends, 1600, 1024, null, 1, WindowCodes);

    static readonly IReadOnlySet<string> WindowCodes = new HashSet<string> { "63016" };

    /// <summary>
    /// One-to-one only. On WhatsApp a picture goes when Twilio can fetch it from us (a public URL is configured), its
    /// caption the body of up to 1,600 characters; an SMS sender sends none (MMS does not reach Indian numbers).
    /// </summary>
    public ReportBot.Reporting.Groups.ChannelAbilities Abilities =>
        ReportBot.Reporting.Groups.ChannelAbilities.DirectOnly with { ImageCaption = SendsPictures ? 1600 : null };

    bool SendsPictures => HasMessagingWindow && !string.IsNullOrEmpty(options.Value.PublicBaseUrl);

    /// <summary>21620: "Invalid media URL(s)"; 21623: too many media. https://www.twilio.com/docs/api/errors/21620</summary>
    static readonly IReadOnlySet<string> MediaCodes = new HashSet<string> { "21620", "21623" };

    /// <summary>Every send asks for status callbacks when Twilio can reach us (a public URL is configured).</summary>
    public bool ConfirmsDelivery => !string.IsNullOrEmpty(options.Value.PublicBaseUrl);

    /// <summary>
    /// Where Twilio reports on one message: our status webhook with the outbox id, so that a callback proves a send whose
    /// answer we lost. https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
    /// </summary>
    public static string StatusCallbackUrl(string publicBaseUrl, long outboxId) =>
        $"{publicBaseUrl.TrimEnd('/')}/webhooks/twilio/status?outbox={outboxId}";

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        List<KeyValuePair<string, string>> fields = [new("To", message.Recipient), new("From", settings.From!)];
        if (message.Template is { } template)
        {
            // https://www.twilio.com/docs/content/send-templates-created-with-the-content-template-builder
            if (!settings.Templates.TryGetValue(template.Name, out var byLanguage) || !byLanguage.TryGetValue(template.Language, out var contentSid))
                return new SendResult.Failed($"no Twilio template configured for {template.Name} ({template.Language}): set Twilio:Templates:{template.Name}:{template.Language}");
            fields.Add(new("ContentSid", contentSid));
            fields.Add(new("ContentVariables", JsonSerializer.Serialize(
                template.Variables.Select((value, i) => (Key: (i + 1).ToString(), value: MessageBounds.Variable(value, Limits.MaxTemplateVariableLength, template.Language)))
                    .ToDictionary(v => v.Key, v => v.value))));
        }
        else
        {
            fields.Add(new("Body", message.Body));
            // Never with a template: Twilio refuses media beside a ContentSid (63030).
            if (message.Image is not null && SendsPictures)
                fields.Add(new("MediaUrl", TwilioMedia.Url(settings.PublicBaseUrl!, TwilioMedia.KeyFrom(settings.AuthToken!), message.OutboxId,
                    time.GetUtcNow() + TwilioMedia.Lifetime)));
        }
        if (ConfirmsDelivery)
            fields.Add(new("StatusCallback", StatusCallbackUrl(settings.PublicBaseUrl!, message.OutboxId)));
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{settings.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/Messages.json")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));

        var (answer, failure) = await ProviderHttp.SendAsync(http, request, "Twilio", ct);
        if (answer is not { } response)
            return failure!;

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
                return new SendResult.Sent(ReadString(body, "sid"));
            var code = ReadString(body, "code");
            var error = $"HTTP {(int)response.StatusCode}, Twilio error {code ?? "?"}: {ReadString(body, "message") ?? ""}".Trim();
            return (response.StatusCode, code) switch
            {
                // 63016: free text outside the 24-hour window; it must go as a template.
                (_, "63016") => new SendResult.OutsideWindow(error),
                (_, { } media) when MediaCodes.Contains(media) && fields.Any(f => f.Key == "MediaUrl") => new SendResult.ImageRefused(error),
                (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) => new SendResult.Unauthorized(error),
                // 429 (20429) is "never processed and always safe to retry"; a 5xx means Twilio did not take the message.
                (HttpStatusCode.TooManyRequests, _) => new SendResult.Retryable(error),
                _ when (int)response.StatusCode >= 500 => new SendResult.Retryable(error),
                _ => new SendResult.Failed(error),
            };
        }
    }

    static string? ReadString(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value)
                ? value.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
