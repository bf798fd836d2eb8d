namespace ReportBot.Reporting.Groups;

/// <summary>What a stored message is (kept as lower-case text in `inbox.event`).</summary>
public enum MessageEvent
{
    /// <summary>Something said: a report, a command, chatter.</summary>
    Posted,
    /// <summary>An earlier message edited (Telegram `edited_message`, WAHA `message.edited`, Meta's edit): read again, it replaces what the original made.</summary>
    Edited,
    /// <summary>An earlier message deleted for everyone (WAHA `message.revoked`, Meta's revoke): what it made is taken back.</summary>
    Deleted,
    /// <summary>A member shared their own contact with the bot (Telegram's `request_contact` button): their account is linked to their phone.</summary>
    Contact,
}

public static class MessageEvents
{
    public static string ToText(this MessageEvent kind) => kind.ToString().ToLowerInvariant();

    public static MessageEvent Parse(string? text) => Enum.TryParse<MessageEvent>(text, ignoreCase: true, out var kind) ? kind : MessageEvent.Posted;
}
