using Microsoft.Extensions.Primitives;
using ReportBot.BotHost.Messaging;

namespace ReportBot.BotHost.Channels.Twilio;

/// <summary>Translates Twilio's webhook form into the project's <see cref="InboundMessage"/>.</summary>
public static class TwilioInbound
{
    /// <summary>The message, or null if the form is not a message (no MessageSid or no From).</summary>
    public static InboundMessage? Parse(IReadOnlyDictionary<string, StringValues> form, string raw, DateTimeOffset receivedAt)
    {
        var sid = Field(form, "MessageSid");
        var from = Field(form, "From");
        if (string.IsNullOrEmpty(sid) || string.IsNullOrEmpty(from))
            return null;
        var mediaCount = int.TryParse(Field(form, "NumMedia"), out var n) && n > 0 ? n : 0;
        return new InboundMessage(TwilioWebhook.Channel, sid, from, Field(form, "Body") ?? "", mediaCount, raw, receivedAt);
    }

    /// <summary>A delivery report, or null for a status we do not track (queued, accepted, sending, scheduled, …).</summary>
    public static DeliveryReport? ParseStatus(IReadOnlyDictionary<string, StringValues> form, DateTimeOffset at)
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
            : new DeliveryReport(TwilioWebhook.Channel, sid, state.Value, Field(form, "ErrorCode") is { Length: > 0 } code ? code : null, at);
    }

    static string? Field(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var value) ? value.ToString() : null;
}
