// Twilio's inbound message webhook (WhatsApp and SMS): https://www.twilio.com/docs/messaging/guides/webhook-request
// A form POST, trimmed:
//   MessageSid=SM11…&AccountSid=AC00…&From=whatsapp%3A%2B919876543210&To=whatsapp%3A%2B14155238886
//   &Body=Benipur+1240&NumMedia=0&ProfileName=Ramesh&WaId=919876543210&MessageType=text
// We answer with an empty TwiML <Response/> at once and reply through the REST API (the outbox).
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.Twilio;

public static class TwilioWebhook
{
    public const string Channel = "twilio";

    /// <summary>Twilio's Body is at most 1,600 characters; the whole form stays far below this.</summary>
    const long MaxBodyBytes = 64 * 1024;

    const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response />""";

    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
        if (!options.Enabled)
            return app;
        app.MapPost("/webhooks/twilio", ReceiveMessageAsync).DisableAntiforgery();
        app.MapPost("/webhooks/twilio/status", ReceiveStatusAsync).DisableAntiforgery();
        app.MapTwilioMedia(); // GET /media/{id}.png: a picture Twilio fetches, at a signed, expiring URL
        return app;
    }

    static async Task<IResult> ReceiveMessageAsync(HttpRequest request, IOptions<TwilioOptions> options, MessageIntake intake, TimeProvider time, CancellationToken ct)
    {
        var (form, raw, refused) = await ReadVerifiedFormAsync(request, options.Value, ct);
        if (refused is not null)
            return refused;
        if (TwilioInbound.Parse(form!, raw!, time.GetUtcNow(), options.Value.From) is not { } message)
            return TypedResults.BadRequest();
        try
        {
            await intake.AcceptAsync(message, ct);
        }
        catch (InboxUnavailableException)
        {
            // Not stored, so not acknowledged: Twilio tries again (and then its fallback URL).
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        // A repeat delivery gets the same answer as the first: it was handled once.
        return TypedResults.Text(EmptyTwiml, "text/xml");
    }

    // Status callbacks: https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
    //   MessageSid=SM…&MessageStatus=delivered&AccountSid=AC…&From=whatsapp:+1415…&To=whatsapp:+91…&ErrorCode=63016
    static async Task<IResult> ReceiveStatusAsync(HttpRequest request, IOptions<TwilioOptions> options, MessageIntake intake, TimeProvider time, CancellationToken ct)
    {
        var (form, _, refused) = await ReadVerifiedFormAsync(request, options.Value, ct);
        if (refused is not null)
            return refused;
        // `outbox` is in the URL we gave as StatusCallback, so it is covered by the signature like the form.
        var outboxId = long.TryParse(request.Query["outbox"].ToString(), out var id) ? id : (long?)null;
        if (TwilioInbound.ParseStatus(form!, time.GetUtcNow(), outboxId) is not { } report)
            return TypedResults.NoContent(); // a status we do not track (queued, sending, …)
        try
        {
            await intake.AcceptDeliveryAsync(report, ct);
        }
        catch (InboxUnavailableException)
        {
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The request's form, once its signature is proven; otherwise the answer to give. Verifies before anything the
    /// sender controls is acted on, and says nothing about why a request was refused.
    /// </summary>
    static async Task<(Dictionary<string, StringValues>? Form, string? Raw, IResult? Refused)> ReadVerifiedFormAsync(
        HttpRequest request, TwilioOptions options, CancellationToken ct)
    {
        if (!request.Headers.TryGetValue("X-Twilio-Signature", out var signature) || StringValues.IsNullOrEmpty(signature))
            return (null, null, TypedResults.BadRequest());
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;
        if (request.ContentLength > MaxBodyBytes)
            return (null, null, TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge));

        string raw;
        Dictionary<string, StringValues> form;
        try
        {
            // A form is UTF-8 (percent-encoded): a leading byte-order mark is data, not a switch to UTF-16, and is signed as such.
            using var reader = new StreamReader(request.Body, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
            raw = await reader.ReadToEndAsync(ct);
            form = new FormReader(raw).ReadForm();
        }
        catch (BadHttpRequestException e)
        {
            return (null, null, TypedResults.StatusCode(e.StatusCode)); // 413 past Kestrel's limit on a streamed body
        }
        catch (InvalidDataException)
        {
            return (null, null, TypedResults.BadRequest());
        }

        // A webhook signed with a SharedKey says so, and how (HMAC-SHA1 or -SHA256); without the header, the Auth Token
        // and HMAC-SHA1 — as twilio-csharp 8.2.0's RequestValidator reads it.
        var settings = request.Headers[TwilioSignature.SettingsHeader].ToString();
        var secret = string.IsNullOrEmpty(settings) ? options.AuthToken : options.WebhookSharedKey;
        if (TwilioSignature.AlgorithmOf(settings) is not { } algorithm || string.IsNullOrEmpty(secret)
            || !TwilioSignature.IsValid(secret, signature, SignedUrl(request, options), form, algorithm))
            return (null, null, TypedResults.StatusCode(StatusCodes.Status403Forbidden));
        // Twilio's message and status webhooks carry every parameter once. The signature covers each name's distinct
        // values (twilio-node dedups them), so `&MessageSid=<same sid>` appended to a captured request still verifies,
        // while a joined value ("SM1,SM1") would be a new dedup key: a replay recorded as a new report. Refused.
        return form.Any(f => f.Value.Count > 1)
            ? (null, null, TypedResults.BadRequest())
            : (form, raw, null);
    }

    /// <summary>The URL Twilio signed: the configured public base (deployments sit behind proxies) or the request's own.</summary>
    static string SignedUrl(HttpRequest request, TwilioOptions options) =>
        (string.IsNullOrEmpty(options.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}"
            : options.PublicBaseUrl.TrimEnd('/'))
        + request.PathBase + request.Path + request.QueryString;
}
