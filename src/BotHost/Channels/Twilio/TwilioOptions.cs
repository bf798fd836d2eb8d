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

    public bool Enabled => !string.IsNullOrEmpty(AuthToken);
}
