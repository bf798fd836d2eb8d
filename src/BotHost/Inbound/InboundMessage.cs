using ReportBot.BotHost.Outbound;
using ReportBot.Reporting.Groups;
namespace ReportBot.BotHost.Inbound;

/// <summary>
/// A message as every channel hands it over, whatever its wire format: the channel's name, the provider's id for it
/// (the dedup key), the sender's address on the channel, the text, how many media it carried, and the raw payload to keep.
/// </summary>
/// <param name="Sender">
/// Where a reply goes on this channel: `whatsapp:+91…` (Twilio), `+91…` (Meta, from wa_id), or a business-scoped user
/// id (`IN.1349…`, `whatsapp:IN.1349…`) when WhatsApp gives no phone number.
/// </param>
/// <param name="SentAt">
/// When the provider says the member sent it (Meta's `timestamp`); null when the channel does not say (Twilio's
/// message webhook carries no time). Stored as `inbox.sent_at`.
/// </param>
/// <param name="UserId">
/// WhatsApp's business-scoped user id (BSUID: Meta `from_user_id`, Twilio `ExternalUserId`), when the provider gives one.
/// https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/
/// </param>
/// <param name="Phone">The sender's phone as E.164 digits when the channel knows it; null means "read it from the sender address".</param>
/// <param name="SetAside">
/// Not for handling: kept in the inbox with this outcome and answered with nothing (a reaction, a system event, an
/// unsupported type, a message to another business number, an SMS the channel cannot answer from its own number).
/// </param>
/// <param name="Chat">The group chat it was posted in (Telegram's chat id, WAHA's `…@g.us`, Meta's `group_id`); null: a direct chat with the bot.</param>
/// <param name="MessageRef">
/// The provider's id of the message within its chat, which reactions, quoted replies, edits and deletions point at
/// (Telegram's `message_id`; WAHA's and Meta's message id). Null: the same as <paramref name="ExternalId"/>.
/// </param>
/// <param name="Event">A post, an edit or deletion of an earlier message (<paramref name="Original"/>), or a shared contact.</param>
/// <param name="Original">For an edit or a deletion: the <paramref name="MessageRef"/> of the message it changes.</param>
/// <param name="SenderName">The name the channel shows for the sender (Telegram `first_name`, WAHA `notifyName`), if any.</param>
public sealed record InboundMessage(
    string Channel,
    string ExternalId,
    string Sender,
    string Text,
    int MediaCount,
    string Raw,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? SentAt = null,
    string? UserId = null,
    string? Phone = null,
    string? SetAside = null,
    string? Chat = null,
    string? MessageRef = null,
    MessageEvent Event = MessageEvent.Posted,
    string? Original = null,
    string? SenderName = null);

/// <summary>
/// WhatsApp's business-scoped user ids: a country code, a dot, and digits (`US.1234`, `IN.13491208655302741918`; a
/// portfolio's parent id `US.ENT.5678`), as Meta and Twilio (`whatsapp:US.1234`) send them.
/// https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/ (courier's
/// `urns.IsWhatsAppBSUID` reads them the same way).
/// </summary>
public static partial class BusinessScopedUserId
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^(whatsapp:)?[A-Z]{2}\.(ENT\.)?[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();

    public static bool IsOne(string? address) => address is not null && Pattern().IsMatch(address);

    /// <summary>The id without a channel prefix (`whatsapp:US.1234` → `US.1234`).</summary>
    public static string Bare(string address) => address.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? address[9..] : address;
}
