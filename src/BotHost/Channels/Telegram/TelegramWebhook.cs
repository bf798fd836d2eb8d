// Telegram's webhook: https://core.telegram.org/bots/api#setwebhook — set once by the IT manager (README, "Connecting Telegram"):
//   POST /webhooks/telegram   X-Telegram-Bot-Api-Secret-Token: <Telegram:WebhookSecret>   Content-Type: application/json
//   {"update_id":174114370,"message":{"message_id":41,"from":{"id":5512345678,"is_bot":false,"first_name":"Ramesh"},
//    "chat":{"id":5512345678,"first_name":"Ramesh","type":"private"},"date":1764740400,"text":"Benipur 1240"}}
// Telegram delivers one update per request and retries it until answered 2xx; we answer 200 once it is stored, and
// replies go out through the outbox and the Bot API (TelegramSender).
using System.Text;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Inbound;

namespace ReportBot.BotHost.Channels.Telegram;

public static class TelegramWebhook
{
    public const string Channel = "telegram";

    /// <summary>An update is a few kilobytes; files arrive as ids, never inline.</summary>
    const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapTelegramWebhooks(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>().Value;
        if (!options.Enabled)
            return app;
        app.MapPost("/webhooks/telegram", ReceiveAsync).DisableAntiforgery();
        return app;
    }

    static async Task<IResult> ReceiveAsync(HttpRequest request, IOptions<TelegramOptions> options, MessageIntake intake, TimeProvider time, CancellationToken ct)
    {
        // Verify before reading: without our secret (missing or wrong alike) nothing is parsed or stored, and the answer
        // says nothing about why.
        if (!TelegramSecretToken.IsValid(options.Value.WebhookSecret!, request.Headers[TelegramSecretToken.Header].ToString()))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        var (body, refusal) = await WebhookBody.ReadAsync(request, MaxBodyBytes, ct);
        if (body is null)
            return refusal!;

        if (TelegramInbound.Parse(body, Encoding.UTF8.GetString(body), time.GetUtcNow(), options.Value.BotUsername, options.Value.BotId) is not { } message)
            return TypedResults.BadRequest();
        try
        {
            // A repeat of the same update_id (Telegram's retry) is a duplicate in the inbox: answered alike, handled once.
            await intake.AcceptAsync(message, ct);
        }
        catch (InboxUnavailableException)
        {
            // Not stored, so not acknowledged: Telegram delivers the update again.
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return TypedResults.Ok();
    }
}
