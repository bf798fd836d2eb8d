// WAHA's webhook: https://waha.devlike.pro/docs/how-to/events/
//   POST /webhooks/waha   X-Webhook-Hmac: 208f8a55…   X-Webhook-Hmac-Algorithm: sha512   (one event per POST; see WahaInbound)
// WAHA retries an event (same envelope `id`) until it gets a 2xx; we answer 200 once the event is stored, and replies go
// out through the outbox and WAHA's send API.
using System.Text;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Inbound;

namespace ReportBot.BotHost.Channels.Waha;

public static class WahaWebhook
{
    public const string Channel = "waha";

    /// <summary>
    /// One event is a few kilobytes; WEBJS puts a media message's thumbnail in `_data` as base64, and media itself
    /// arrives as a URL, never inline.
    /// </summary>
    const int MaxBodyBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapWahaWebhooks(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<WahaOptions>>().Value;
        if (!options.Enabled)
            return app;
        app.MapPost("/webhooks/waha", ReceiveAsync).DisableAntiforgery();
        return app;
    }

    static async Task<IResult> ReceiveAsync(HttpRequest request, IOptions<WahaOptions> options, WahaLids lids, MessageIntake intake,
        TimeProvider time, CancellationToken ct)
    {
        var settings = options.Value;
        // Verify before parsing, and say nothing about why a request was refused. Unsigned is refused like wrongly
        // signed: the key is required, so WAHA always signs.
        var signature = request.Headers[WahaSignature.Header].ToString();
        if (string.IsNullOrEmpty(signature))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        var (body, refusal) = await WebhookBody.ReadAsync(request, MaxBodyBytes, ct);
        if (body is null)
            return refusal!;
        if (!WahaSignature.IsValid(settings.WebhookHmacKey!, signature, request.Headers[WahaSignature.AlgorithmHeader].ToString(), body))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);

        if (WahaInbound.Parse(body, Encoding.UTF8.GetString(body), time.GetUtcNow(), settings.Session) is not { } message)
            return TypedResults.BadRequest();
        // A sender shown only by a privacy id: WAHA may know the phone. Asked with a short timeout; unresolved, the
        // message is stored with the lid alone and the inbox finds the phone a previous message taught it.
        if (message is { SetAside: null, Phone: null, UserId: { } lid })
            message = message with { Phone = await lids.PhoneOfAsync(lid, ct) };
        try
        {
            // A retry of the same event (same envelope id) is a duplicate in the inbox and skipped.
            await intake.AcceptAsync(message, ct);
        }
        catch (InboxUnavailableException)
        {
            // Not stored, so not acknowledged: WAHA delivers the event again.
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return TypedResults.Ok();
    }
}
