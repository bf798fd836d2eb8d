// Telegram Bot API: https://core.telegram.org/bots/api
// The bot's token comes from @BotFather (`123456789:AAH…`); the webhook secret is ours, given to `setWebhook` as
// `secret_token` and echoed by Telegram in every update as `X-Telegram-Bot-Api-Secret-Token`.
using System.Text.RegularExpressions;

namespace ReportBot.BotHost.Channels.Telegram;

/// <summary>`Telegram` section: a bot on Telegram's Bot API. The channel is on when <see cref="BotToken"/> is set.</summary>
public sealed partial class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The bot's token from @BotFather; authenticates every call (it is part of the URL). Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>
    /// Our secret for the webhook (`setWebhook`'s `secret_token`): 1–256 characters of `A-Z a-z 0-9 _ -`, as Telegram
    /// requires. Never logged.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The bot's username without `@` (`DarbhangaReportBot`): the deep link that links an account is built from it.</summary>
    public string? BotUsername { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    // Telegram's limits: about 30 messages a second in all, at most one a second into one chat, and 20 a minute into
    // one group. https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this

    /// <summary>Sends per second through the bot, all chats together (Telegram: about 30).</summary>
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>Requests in flight at once: 30/s at ~200 ms needs 6.</summary>
    public int MaxConcurrentSends { get; set; } = 8;

    /// <summary>
    /// The pace into one chat after a burst: one per 3 s keeps a group under Telegram's 20 a minute (a private chat
    /// could take one a second, but the outbox paces by recipient and cannot tell a group's id from a person's here).
    /// </summary>
    public TimeSpan PerRecipientInterval { get; set; } = TimeSpan.FromSeconds(3);

    public int PerRecipientBurst { get; set; } = 3;

    public bool Enabled => !string.IsNullOrEmpty(BotToken);

    /// <summary>The bot's own id: the token's part before its ':' (`7012345678:AAH…` → `7012345678`).</summary>
    public string? BotId => BotToken?.Split(':', 2)[0] is { Length: > 0 } id && id.All(char.IsAsciiDigit) ? id : null;

    /// <summary>The link that opens a private chat with the bot and sends it `/start link`.</summary>
    public string LinkAccountUrl => $"https://t.me/{BotUsername?.TrimStart('@')}?start=link";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretTokenPattern();

    [GeneratedRegex("^@?[A-Za-z0-9_]{5,32}$")]
    private static partial Regex UsernamePattern();

    /// <summary>What is wrong with an enabled configuration (never its values), or null.</summary>
    public string? Problem()
    {
        if (!Enabled)
            return null;
        var missing = new[] { (nameof(WebhookSecret), WebhookSecret), (nameof(BotUsername), BotUsername) }
            .Where(k => string.IsNullOrWhiteSpace(k.Item2)).Select(k => $"{Section}:{k.Item1}").ToList();
        if (missing.Count > 0)
            return $"{string.Join(", ", missing)} required when {Section}:BotToken is set.";
        if (!SecretTokenPattern().IsMatch(WebhookSecret!))
            return $"{Section}:WebhookSecret must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for secret_token).";
        if (!UsernamePattern().IsMatch(BotUsername!))
            return $"{Section}:BotUsername must be the bot's username as @BotFather gave it (5-32 letters, digits or _).";
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
            return $"{Section}:ApiBaseUrl must be an absolute http(s) URL.";
        return MessagesPerSecond <= 0 || MaxConcurrentSends <= 0 || PerRecipientBurst <= 0
            ? $"{Section}:MessagesPerSecond, {Section}:MaxConcurrentSends and {Section}:PerRecipientBurst must be positive."
            : null;
    }
}
