using System.Security.Cryptography;
using System.Text;

namespace ReportBot.BotHost.Channels.Waha;

/// <summary>
/// `X-Webhook-Hmac: &lt;hex&gt;` with `X-Webhook-Hmac-Algorithm: sha512`: lower-case hex HMAC-SHA512(key = the session
/// webhook's `hmac.key`, message = the raw body bytes). Computed over the bytes as received — re-serialized JSON would
/// not match. https://waha.devlike.pro/docs/how-to/events/#hmac-authentication
/// </summary>
public static class WahaSignature
{
    public const string Header = "X-Webhook-Hmac";
    public const string AlgorithmHeader = "X-Webhook-Hmac-Algorithm";

    /// <summary>Checks a header value against the raw body, in constant time. WAHA signs only with sha512.</summary>
    public static bool IsValid(string key, string? header, string? algorithm, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(header) || !(string.IsNullOrEmpty(algorithm) || string.Equals(algorithm, "sha512", StringComparison.OrdinalIgnoreCase)))
            return false;
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Mac(key, body), claimed);
    }

    /// <summary>The header WAHA would send for this body.</summary>
    public static string Compute(string key, ReadOnlySpan<byte> body) => Convert.ToHexStringLower(Mac(key, body));

    static byte[] Mac(string key, ReadOnlySpan<byte> body) => HMACSHA512.HashData(Encoding.UTF8.GetBytes(key), body);
}
