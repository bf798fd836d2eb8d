using Microsoft.Extensions.Primitives;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.Twilio;

/// <summary>Translates Twilio's webhook form into the project's <see cref="InboundMessage"/>.</summary>
public static class TwilioInbound
{
    /// <summary>
    /// The message, or null if the form is not a message (no MessageSid or no From). <paramref name="botAddress"/> is
    /// our own `Twilio:From`: an SMS reaching a WhatsApp sender's webhook (same Twilio number, another channel) is kept
    /// but set aside, since a reply would leave from the WhatsApp number and move the member's channel.
    /// </summary>
    public static InboundMessage? Parse(IReadOnlyDictionary<string, StringValues> form, string raw, DateTimeOffset receivedAt, string? botAddress = null)
    {
        var sid = Field(form, "MessageSid");
        var from = Field(form, "From");
        if (string.IsNullOrEmpty(sid) || string.IsNullOrEmpty(from))
            return null;
        var mediaCount = int.TryParse(Field(form, "NumMedia"), out var n) && n > 0 ? n : 0;
        // ExternalUserId is the sender's BSUID (`whatsapp:US.1234`); From is their phone, or that same BSUID when
        // WhatsApp gives none (courier handlers/twiml: waReceiveBSUIDValid, waReceiveFromBSUID).
        var externalUserId = Field(form, "ExternalUserId") is { } e && BusinessScopedUserId.IsOne(e) ? BusinessScopedUserId.Bare(e) : null;
        var fromBsuid = BusinessScopedUserId.IsOne(from);
        var userId = externalUserId ?? (fromBsuid ? BusinessScopedUserId.Bare(from) : null);
        var isWhatsApp = from.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase);
        var weAreWhatsApp = botAddress?.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) == true;
        return new InboundMessage(TwilioWebhook.Channel, sid, from, Field(form, "Body") ?? "", mediaCount, raw, receivedAt,
            SentAt: null, // Twilio's message webhook carries no time of sending
            UserId: userId,
            Phone: fromBsuid ? null : ReportBot.Reporting.People.PhoneNumber.ToE164Digits(from),
            SetAside: weAreWhatsApp && !isWhatsApp ? "sms-not-answered" : null);
    }

    /// <summary>
    /// A delivery report, or null for a status we do not track (queued, accepted, sending, scheduled, …).
    /// <paramref name="outboxId"/> is ours, from the StatusCallback URL we gave with the send.
    /// </summary>
    public static DeliveryReport? ParseStatus(IReadOnlyDictionary<string, StringValues> form, DateTimeOffset at, long? outboxId = null)
    {
        var sid = Field(form, "MessageSid");
        DeliveryState? state = Field(form, "MessageStatus") switch
        {
            "sent" => DeliveryState.Sent,
            "delivered" => DeliveryState.Delivered,
            "read" => DeliveryState.Read,
            "failed" or "undelivered" => DeliveryState.Failed,
            _ => null,
        };
        return string.IsNullOrEmpty(sid) || state is null
            ? null
            : new DeliveryReport(TwilioWebhook.Channel, sid, state.Value, Field(form, "ErrorCode") is { Length: > 0 } code ? code : null, at, outboxId);
    }

    static string? Field(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var value) ? value.ToString() : null;
}
