using System.Text;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Security;

/// <summary>
/// PostgreSQL's `text` holds neither NUL nor (through Npgsql's strict UTF-8 encoder) a lone UTF-16 surrogate, yet both
/// arrive in signed payloads: `%00` in a form, `\u0000` or `\ud800` in JSON. Stored as they are, the insert fails, the
/// webhook answers 503 and the provider retries the same poison forever. So each becomes U+FFFD before storing; the
/// raw payload keeps the rest exactly.
/// </summary>
public static class StorableText
{
    /// <summary>Every text the inbox stores of a message: a field the channel copied from the payload can carry either.</summary>
    public static InboundMessage Of(InboundMessage message) =>
        new[] { message.Text, message.Raw, message.Sender, message.ExternalId, message.UserId, message.Phone, message.Chat, message.MessageRef,
                message.Original, message.SenderName, message.SetAside }.Any(NeedsCleaning)
            ? message with
            {
                Text = Clean(message.Text), Raw = Clean(message.Raw), Sender = Clean(message.Sender), ExternalId = Clean(message.ExternalId),
                UserId = CleanOrNull(message.UserId), Phone = CleanOrNull(message.Phone), Chat = CleanOrNull(message.Chat),
                MessageRef = CleanOrNull(message.MessageRef), Original = CleanOrNull(message.Original),
                SenderName = CleanOrNull(message.SenderName), SetAside = CleanOrNull(message.SetAside),
            }
            : message;

    static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    public static DeliveryReport Of(DeliveryReport report) =>
        NeedsCleaning(report.ProviderId) || NeedsCleaning(report.ErrorCode)
            ? report with { ProviderId = Clean(report.ProviderId), ErrorCode = report.ErrorCode is null ? null : Clean(report.ErrorCode) }
            : report;

    static bool NeedsCleaning(string? text) =>
        text is not null && (text.Contains('\0') || HasLoneSurrogate(text));

    static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
                continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else
                return true;
        }
        return false;
    }

    static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
                builder.Append('\uFFFD');
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                builder.Append(c).Append(text[++i]);
            else
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return builder.ToString();
    }
}
