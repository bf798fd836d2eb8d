namespace ReportBot.BotHost.Channels.Twilio;

/// <summary>`Twilio` section. The channel is on when <see cref="AuthToken"/> is set.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }

    /// <summary>Signs webhooks and authenticates sends. Never logged.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The bot's own address, e.g. `whatsapp:+14155238886`.</summary>
    public string? From { get; set; }

    /// <summary>
    /// The secret of a webhook SharedKey, for webhooks Twilio signs with it (they carry
    /// `X-Twilio-Webhooks-Signature-Settings: key=…,algorithm=HMAC_SHA256`). Unset, such webhooks are refused. Never logged.
    /// </summary>
    public string? WebhookSharedKey { get; set; }

    /// <summary>
    /// The public base URL Twilio calls (e.g. `https://bot.example.org`). Behind a proxy the request's own URL is not
    /// the one Twilio signed, so signatures are checked against this base plus the request's path and query.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>
    /// Approved WhatsApp templates (Content API `HX…` sids) by our template name and language, e.g.
    /// `Twilio:Templates:daily_summary:hi = HX…`. Used for messages the business starts outside the 24-hour window.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Sends per second through the sending number: 80 is a WhatsApp sender's default (text may go to 400 on request).
    /// https://www.twilio.com/docs/whatsapp/best-practices-and-faqs
    /// </summary>
    public int MessagesPerSecond { get; set; } = 80;

    /// <summary>
    /// Requests in flight at once: 80/s at Twilio's ~200 ms from India needs 16; well below an account's REST
    /// concurrency limit (past it Twilio answers 429 with 20429, which the outbox retries).
    /// </summary>
    public int MaxConcurrentSends { get; set; } = 32;

    public bool Enabled => !string.IsNullOrEmpty(AuthToken);
}
