// Telegram signs nothing: a webhook proves it comes from Telegram by echoing the `secret_token` we gave `setWebhook`
// in the header `X-Telegram-Bot-Api-Secret-Token`. https://core.telegram.org/bots/api#setwebhook
using System.Security.Cryptography;
using System.Text;

namespace ReportBot.BotHost.Channels.Telegram;

public static class TelegramSecretToken
{
    public const string Header = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>
    /// Whether <paramref name="header"/> is our secret, compared in constant time: digests are compared, so that not even
    /// the secret's length shows in the timing. A missing or empty header is never valid.
    /// </summary>
    public static bool IsValid(string secret, string? header) =>
        !string.IsNullOrEmpty(secret) && !string.IsNullOrEmpty(header)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(header)));
}
