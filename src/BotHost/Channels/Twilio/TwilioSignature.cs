using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace ReportBot.BotHost.Channels.Twilio;

/// <summary>
/// `X-Twilio-Signature`, exactly as Twilio's helper libraries check it
/// (twilio-node src/webhooks/webhooks.ts, twilio-csharp Security/RequestValidator.cs):
/// Base64(HMAC-SHA1(authToken, url + each name and value, names sorted ordinally, each name's distinct values sorted)).
/// The URL is tried with and without its port, since Twilio's own signing is inconsistent about default ports.
/// https://www.twilio.com/docs/usage/webhooks/webhooks-security
/// </summary>
public static class TwilioSignature
{
    /// <summary>How a webhook is signed: the account's Auth Token with HMAC-SHA1, or a webhook SharedKey with either.</summary>
    public enum Algorithm { HmacSha1, HmacSha256 }

    /// <summary>
    /// The header Twilio adds to webhooks signed with a SharedKey: `key=&lt;sharedKeyId&gt;,algorithm=HMAC_SHA256`
    /// (twilio-csharp 8.2.0 `RequestValidator.SignatureSettingsHeader`; its absence means the Auth Token and HMAC-SHA1).
    /// </summary>
    public const string SettingsHeader = "X-Twilio-Webhooks-Signature-Settings";

    /// <summary>
    /// The algorithm a settings header names, as twilio-csharp reads it: none, or none named, is HMAC-SHA1; an
    /// unknown one is null, and fails validation.
    /// </summary>
    public static Algorithm? AlgorithmOf(string? settingsHeader)
    {
        if (string.IsNullOrWhiteSpace(settingsHeader))
            return Algorithm.HmacSha1;
        foreach (var part in settingsHeader.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim().Equals("algorithm", StringComparison.OrdinalIgnoreCase))
                return pair[1].Trim() switch
                {
                    "HMAC_SHA1" or "" => Algorithm.HmacSha1,
                    "HMAC_SHA256" => Algorithm.HmacSha256,
                    _ => null,
                };
        }
        return Algorithm.HmacSha1;
    }

    /// <summary>Checks a form-encoded request's signature.</summary>
    public static bool IsValid(string authToken, string? signature, string url, IEnumerable<KeyValuePair<string, StringValues>> form,
        Algorithm algorithm = Algorithm.HmacSha1)
    {
        if (string.IsNullOrEmpty(signature))
            return false;
        var fields = form.ToList();
        return UrlVariants(url).Any(candidate => FixedTimeEquals(Compute(authToken, candidate, fields, algorithm), signature));
    }

    /// <summary>
    /// Checks a JSON-bodied request: the URL carries `bodySHA256`, the signature covers the URL alone, and the body
    /// must hash to that value.
    /// </summary>
    public static bool IsValidJsonBody(string authToken, string? signature, string url, string body)
    {
        var query = url.IndexOf('?') is var q and >= 0 ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[q..]) : [];
        if (!query.TryGetValue("bodySHA256", out var expectedHash))
            return false;
        var actualHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        return IsValid(authToken, signature, url, []) && FixedTimeEquals(actualHash, expectedHash.ToString());
    }

    /// <summary>The signature Twilio would send for this URL and form.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> form,
        Algorithm algorithm = Algorithm.HmacSha1)
    {
        var data = new StringBuilder(url);
        foreach (var (name, values) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            foreach (var value in values.Select(v => v ?? "").Distinct().Order(StringComparer.Ordinal))
                data.Append(name).Append(value);
        var (key, message) = (Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(algorithm == Algorithm.HmacSha256 ? HMACSHA256.HashData(key, message) : HMACSHA1.HashData(key, message));
    }

    static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    /// <summary>
    /// The URL without its port, and with it (the scheme's default added when absent). Built on the string itself,
    /// because <see cref="Uri"/> would lower-case the host and drop default ports, and Twilio signs what it was given.
    /// </summary>
    static IEnumerable<string> UrlVariants(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
            return [url];
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
            authorityEnd = url.Length;
        var authority = url[authorityStart..authorityEnd];
        var hostStart = authority.LastIndexOf('@') + 1;
        var portColon = authority.IndexOf(':', hostStart);
        var withoutPort = portColon < 0 ? authority : authority[..portColon];
        var withPort = portColon >= 0
            ? authority
            : authority + (url[..schemeEnd].Equals("https", StringComparison.OrdinalIgnoreCase) ? ":443" : ":80");
        return [url[..authorityStart] + withoutPort + url[authorityEnd..], url[..authorityStart] + withPort + url[authorityEnd..]];
    }
}
