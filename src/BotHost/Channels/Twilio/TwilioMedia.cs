// Twilio sends a picture by fetching it: `MediaUrl` on the Messages API must be a public URL
// (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource, "MediaUrl"), fetched with a
// plain GET and no credentials. So ReportBot serves the outbox message's stored PNG at
//   GET {Twilio:PublicBaseUrl}/media/{outboxId}.png?exp=1765200000&sig=3q2-7w…
// where sig = base64url(HMAC-SHA256(key, "{outboxId}.{exp}")) and exp is unix seconds. A wrong or missing signature,
// or an expired URL, is 403 — compared in constant time; nothing about the key is ever logged.
//
// The key is derived from Twilio:AuthToken with HKDF-SHA256 (info "ReportBot media URL v1"): every instance computes
// the same key, it survives restarts, and it needs no table of its own. The URL never reveals the token (HMAC output
// of a derived key). Rotating the auth token invalidates outstanding URLs, which live a day at most anyway.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Channels.Twilio;

public static class TwilioMedia
{
    /// <summary>Twilio fetches a message's media within seconds; a day leaves room for its queue (at most 4 h) and retries.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    static readonly byte[] Info = "ReportBot media URL v1"u8.ToArray();

    /// <summary>The signing key, derived from the auth token (never the token itself).</summary>
    public static byte[] KeyFrom(string authToken) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(authToken), 32, salt: null, info: Info);

    public static string Signature(byte[] key, long outboxId, long expires) =>
        Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{outboxId}.{expires}"))));

    /// <summary>The signed URL of an outbox message's picture, valid until <paramref name="expires"/>.</summary>
    public static string Url(string publicBaseUrl, byte[] key, long outboxId, DateTimeOffset expires)
    {
        var exp = expires.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"{publicBaseUrl.TrimEnd('/')}/media/{outboxId}.png?exp={exp}&sig={Signature(key, outboxId, exp)}");
    }

    /// <summary>Whether <paramref name="sig"/> signs (<paramref name="outboxId"/>, <paramref name="exp"/>) and <paramref name="exp"/> has not passed.</summary>
    public static bool IsValid(byte[] key, long outboxId, string? exp, string? sig, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(sig) || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
            return false;
        var expected = Encoding.ASCII.GetBytes(Signature(key, outboxId, expires));
        var given = Encoding.UTF8.GetBytes(sig);
        // Constant time over the whole signature, then the clock: a forged URL learns nothing from how long a refusal takes.
        return CryptographicOperations.FixedTimeEquals(expected, given) && now.ToUnixTimeSeconds() <= expires;
    }

    /// <summary>`GET /media/{id}.png`: the stored picture of a Twilio outbox message, to a URL signed by <see cref="Url"/>.</summary>
    public static IEndpointRouteBuilder MapTwilioMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{id:long}.png", async Task<IResult> (long id, string? exp, string? sig, IOptions<TwilioOptions> options,
            OutboxStore outbox, TimeProvider time, CancellationToken ct) =>
        {
            if (!IsValid(KeyFrom(options.Value.AuthToken!), id, exp, sig, time.GetUtcNow()))
                return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
            return await outbox.ImageOfMessageAsync(id, TwilioWebhook.Channel, ct) is { } image
                ? TypedResults.File(image.Png, "image/png")
                : TypedResults.NotFound();
        });
        return app;
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
