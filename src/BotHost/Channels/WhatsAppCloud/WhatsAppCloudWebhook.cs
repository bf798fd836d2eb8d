// Meta's WhatsApp Cloud API webhook: https://developers.facebook.com/docs/graph-api/webhooks/getting-started
//   GET  /webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=<ours>&hub.challenge=1158201444   (once, when set up)
//   POST /webhooks/whatsapp   X-Hub-Signature-256: sha256=964f5082…   (every message and status; see WhatsAppCloudInbound)
// We answer 200 as soon as the batch is stored and handled; replies go out through the outbox and the Graph API.
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.WhatsAppCloud;

public static class WhatsAppCloudWebhook
{
    public const string Channel = "whatsapp";

    /// <summary>A batch of text messages and statuses is a few kilobytes; media arrive as ids, never inline.</summary>
    const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapWhatsAppCloudWebhooks(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<WhatsAppCloudOptions>>().Value;
        if (!options.Enabled)
            return app;
        app.MapGet("/webhooks/whatsapp", Verify);
        app.MapPost("/webhooks/whatsapp", ReceiveAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// Meta proves the callback URL is ours by sending back the verify token we gave it; we answer with its challenge,
    /// as is. Meta's own SDK refuses with 401; any refusal will do.
    /// </summary>
    static IResult Verify(HttpRequest request, IOptions<WhatsAppCloudOptions> options)
    {
        var query = request.Query;
        var challenge = query["hub.challenge"].ToString();
        return query["hub.mode"] == "subscribe" && !string.IsNullOrEmpty(challenge)
            && FixedTimeEquals(options.Value.VerifyToken!, query["hub.verify_token"].ToString())
            ? TypedResults.Text(challenge, "text/plain")
            : TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    static async Task<IResult> ReceiveAsync(HttpRequest request, IOptions<WhatsAppCloudOptions> options, MessageIntake intake, TimeProvider time, CancellationToken ct)
    {
        // Verify before parsing, and say nothing about why a request was refused.
        if (!request.Headers.TryGetValue("X-Hub-Signature-256", out var signature) || StringValues.IsNullOrEmpty(signature))
            return TypedResults.BadRequest();
        var (body, refusal) = await WebhookBody.ReadAsync(request, MaxBodyBytes, ct);
        if (body is null)
            return refusal!;
        if (!WhatsAppCloudSignature.IsValid(options.Value.AppSecret!, signature.ToString(), body))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);

        if (WhatsAppCloudInbound.Parse(body, Encoding.UTF8.GetString(body), time.GetUtcNow(), options.Value.PhoneNumberId) is not { } batch)
            return TypedResults.BadRequest();
        try
        {
            // A repeat of the same wamid — within this batch or a later delivery — is a duplicate in the inbox and skipped.
            foreach (var message in batch.Messages)
                await intake.AcceptAsync(message, ct);
            foreach (var report in batch.Statuses)
                await intake.AcceptDeliveryAsync(report, ct);
        }
        catch (InboxUnavailableException)
        {
            // Not (all) stored, so not acknowledged: Meta delivers the batch again, and what was stored is skipped then.
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return TypedResults.Ok();
    }


    /// <summary>Compares digests, so that not even the token's length shows in the timing.</summary>
    static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));
}
