namespace ReportBot.BotHost.Channels.Waha;

/// <summary>
/// `Waha` section: WhatsApp through WAHA (https://waha.devlike.pro), a self-hosted HTTP API that drives a linked
/// phone as WhatsApp Web does. The channel is on when <see cref="BaseUrl"/> is set.
/// </summary>
public sealed class WahaOptions
{
    public const string Section = "Waha";

    /// <summary>Where WAHA's API listens, e.g. `http://127.0.0.1:3000`. Setting it turns the channel on.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>WAHA's `WHATSAPP_API_KEY`, sent as `X-Api-Key` with every call. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The session webhook's `hmac.key`: WAHA signs each webhook with it (`X-Webhook-Hmac`). Never logged.</summary>
    public string? WebhookHmacKey { get; set; }

    /// <summary>The WAHA session (one linked phone) this bot speaks through; webhooks of other sessions are set aside.</summary>
    public string Session { get; set; } = "default";

    /// <summary>
    /// Sends per second. A linked phone is not a business number: WhatsApp bans numbers that send like bots (bursts,
    /// many messages to many chats at once), so we keep to a person's pace — about one message a second.
    /// https://waha.devlike.pro/docs/overview/how-to-avoid-blocking/
    /// </summary>
    public int MessagesPerSecond { get; set; } = 1;

    /// <summary>Requests in flight at once: a few, so that one slow answer does not stall the queue.</summary>
    public int MaxConcurrentSends { get; set; } = 2;

    /// <summary>How long a webhook waits for WAHA to map a `…@lid` sender to a phone before storing the message without one.</summary>
    public TimeSpan LidLookupTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public bool Enabled => !string.IsNullOrEmpty(BaseUrl);

    /// <summary>What is wrong with an enabled configuration (never its values), or null.</summary>
    public string? Problem()
    {
        if (!Enabled)
            return null;
        if (string.IsNullOrWhiteSpace(WebhookHmacKey))
            return $"{Section}:{nameof(WebhookHmacKey)} required when {Section}:{nameof(BaseUrl)} is set.";
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            return $"{Section}:{nameof(BaseUrl)} must be an absolute http(s) URL.";
        if (string.IsNullOrWhiteSpace(Session))
            return $"{Section}:{nameof(Session)} must not be empty.";
        if (MessagesPerSecond < 1 || MaxConcurrentSends < 1)
            return $"{Section}:{nameof(MessagesPerSecond)} and {Section}:{nameof(MaxConcurrentSends)} must be at least 1.";
        return null;
    }

    /// <summary>The API's base without a trailing slash.</summary>
    public string Api => BaseUrl!.TrimEnd('/');
}
