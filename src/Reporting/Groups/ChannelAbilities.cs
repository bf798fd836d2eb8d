namespace ReportBot.Reporting.Groups;

/// <summary>How a recorded report is acknowledged in a group: a reaction on the message itself, not a text.</summary>
public enum Acknowledgement
{
    /// <summary>A new figure (WhatsApp ✅; Telegram 👍, since its bots may react only with a fixed set of emoji).</summary>
    Recorded,
    /// <summary>A figure changed by this message (WhatsApp ✏️; Telegram ✍).</summary>
    Changed,
}

public static class Acknowledgements
{
    /// <summary>The text `outbox.reaction` holds (`recorded`, `changed`).</summary>
    public static string ToText(this Acknowledgement acknowledgement) => acknowledgement.ToString().ToLowerInvariant();
}

/// <summary>
/// What a channel can do in a group, stated by the channel itself (each folder knows its provider) and handed to the
/// group manners as plain data.
/// </summary>
/// <param name="Groups">Messages can be read from and posted into group chats.</param>
/// <param name="Reactions">A message can be reacted to with an emoji.</param>
/// <param name="Mentions">A member can be mentioned so that their phone notifies them.</param>
/// <param name="WritesFirst">
/// The bot may write privately to someone who has never written to it privately (WhatsApp through WAHA: yes; a Telegram
/// bot: no, until the person presses Start).
/// </param>
/// <param name="LinkAccount">
/// Where someone the channel knows by no phone links their account to it (Telegram: the bot's deep link
/// `https://t.me/{bot}?start=link`, then the contact button); null: the channel gives phone numbers.
/// </param>
/// <param name="ImageCaption">
/// The longest caption a picture can carry on the channel (Telegram and WhatsApp 1,024 characters, Twilio's body 1,600);
/// null: the channel sends no pictures, and a message meant to carry one goes as its text alone.
/// </param>
public sealed record ChannelAbilities(bool Groups, bool Reactions, bool Mentions, bool WritesFirst, string? LinkAccount = null, int? ImageCaption = null)
{
    /// <summary>A one-to-one channel: Twilio's WhatsApp and SMS.</summary>
    public static ChannelAbilities DirectOnly { get; } = new(false, false, false, true);
}
