namespace ReportBot.BotHost.Messaging;

/// <summary>
/// A message as every channel hands it over, whatever its wire format: the channel's name, the provider's id for it
/// (the dedup key), the sender's address on the channel, the text, how many media it carried, and the whole raw
/// payload to keep.
/// </summary>
public sealed record InboundMessage(
    string Channel,
    string ExternalId,
    string Sender,
    string Text,
    int MediaCount,
    string Raw,
    DateTimeOffset ReceivedAt);
