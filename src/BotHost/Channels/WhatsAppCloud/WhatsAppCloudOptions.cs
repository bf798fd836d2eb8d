namespace ReportBot.BotHost.Channels.WhatsAppCloud;

/// <summary>`WhatsAppCloud` section: Meta's WhatsApp Cloud API. The channel is on when <see cref="AppSecret"/> is set.</summary>
public sealed class WhatsAppCloudOptions
{
    public const string Section = "WhatsAppCloud";

    /// <summary>A system user's access token; authenticates sends (`Authorization: Bearer …`). Never logged.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Meta app's secret; signs webhooks (`X-Hub-Signature-256`). Never logged.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The token we chose and typed into Meta's webhook settings; Meta echoes it when verifying the callback URL.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The business number's id in the Graph API (not the phone number itself).</summary>
    public string? PhoneNumberId { get; set; }

    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com/v23.0";

    /// <summary>
    /// Our template name and language → Meta's approved template, e.g. `Templates:daily_summary:en` =
    /// `{ "Name": "daily_summary_v2", "Language": "en_US" }`. A colon cannot sit inside a configuration key, so the
    /// language is a nested key.
    /// </summary>
    public Dictionary<string, Dictionary<string, MetaTemplate>> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Sends per second through the business number: Meta's default throughput is 80 (inbound and outbound together;
    /// 20 for a coexistence number). https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput
    /// </summary>
    public int MessagesPerSecond { get; set; } = 80;

    /// <summary>Requests in flight at once: 80/s at ~200 ms needs 16.</summary>
    public int MaxConcurrentSends { get; set; } = 32;

    /// <summary>
    /// Meta's pair rate limit: about one message per 6 s to one user (past it 131056), with short bursts allowed (Meta
    /// speaks of up to 45 in 6 s, borrowed from later). We allow <see cref="PerRecipientBurst"/> at once, then one per interval.
    /// </summary>
    public TimeSpan PerRecipientInterval { get; set; } = TimeSpan.FromSeconds(6);

    public int PerRecipientBurst { get; set; } = 10;

    public bool Enabled => !string.IsNullOrEmpty(AppSecret);

    /// <summary>Meta's template for our name and language, or null if none is configured.</summary>
    public MetaTemplate? FindTemplate(string name, string language) =>
        Templates.FirstOrDefault(t => string.Equals(t.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } languages
            ? languages.FirstOrDefault(l => string.Equals(l.Key, language, StringComparison.OrdinalIgnoreCase)).Value
            : null;

    /// <summary>What is wrong with an enabled configuration (never its values), or null.</summary>
    public string? Problem()
    {
        if (!Enabled)
            return null;
        var missing = new[] { (nameof(AccessToken), AccessToken), (nameof(VerifyToken), VerifyToken), (nameof(PhoneNumberId), PhoneNumberId) }
            .Where(k => string.IsNullOrWhiteSpace(k.Item2)).Select(k => $"{Section}:{k.Item1}").ToList();
        if (missing.Count > 0)
            return $"{string.Join(", ", missing)} required when {Section}:AppSecret is set.";
        if (!Uri.TryCreate(GraphBaseUrl, UriKind.Absolute, out var graph) || graph.Scheme is not ("https" or "http"))
            return $"{Section}:GraphBaseUrl must be an absolute http(s) URL.";
        var incomplete = Templates.SelectMany(t => t.Value.Select(l => (Key: $"{t.Key}:{l.Key}", l.Value)))
            .Where(t => t.Value is null || string.IsNullOrWhiteSpace(t.Value.Name) || string.IsNullOrWhiteSpace(t.Value.Language))
            .Select(t => t.Key).ToList();
        return incomplete.Count > 0
            ? $"{Section}:Templates {string.Join(", ", incomplete)} each need a Name and a Language."
            : null;
    }
}

/// <summary>An approved template as Meta knows it: its name and language code (`en_US`, `hi`).</summary>
public sealed class MetaTemplate
{
    public string Name { get; set; } = "";

    public string Language { get; set; } = "";
}
