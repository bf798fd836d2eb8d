using System.Security.Cryptography;
using System.Text;

namespace ReportBot.BotHost.Channels.WhatsAppCloud;

/// <summary>
/// `X-Hub-Signature-256: sha256=&lt;hex&gt;`, as Meta's own SDK checks it (WhatsApp/WhatsApp-Nodejs-SDK
/// src/api/webhooks.ts, src/utils.ts): lower-case hex HMAC-SHA256(key = app secret, message = the raw body bytes).
/// Computed over the bytes as received — re-serialized JSON would not match.
/// https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
/// </summary>
public static class WhatsAppCloudSignature
{
    const string Prefix = "sha256=";

    /// <summary>Checks a header value against the raw body, in constant time.</summary>
    public static bool IsValid(string appSecret, string? header, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Mac(appSecret, body), claimed);
    }

    /// <summary>The header Meta would send for this body: `sha256=` and the lower-case hex digest.</summary>
    public static string Compute(string appSecret, ReadOnlySpan<byte> body) => Prefix + Convert.ToHexStringLower(Mac(appSecret, body));

    static byte[] Mac(string appSecret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
}
