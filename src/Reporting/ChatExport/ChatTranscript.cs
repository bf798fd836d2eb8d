namespace ReportBot.Reporting.ChatExport;

/// <summary>Which phone wrote the export: the two write the header of a message differently.</summary>
public enum ChatPlatform
{
    /// <summary><c>12/03/2025, 4:05 pm - Name: text</c></summary>
    Android,
    /// <summary><c>[12/03/25, 4:05:12 PM] Name: text</c></summary>
    Ios,
}

/// <summary>How the export writes a date: Indian phones write the day first; <c>--month-first</c> is for the rare one that does not.</summary>
public enum DateOrder { DayFirst, MonthFirst }

/// <summary>What a message of the export is, beyond its words.</summary>
public enum ChatMessageKind
{
    /// <summary>Something typed (possibly a caption under an attachment, see <see cref="ChatMessage.Attachments"/>).</summary>
    Text,
    /// <summary>A photo, video, sticker… the export left out ("&lt;Media omitted&gt;", "image omitted").</summary>
    MediaOmitted,
    /// <summary>A file that came with the export ("IMG-….jpg (file attached)", "&lt;attached: …&gt;"); its caption, if any, is the text.</summary>
    Attachment,
    /// <summary>"This message was deleted": nothing is left to read.</summary>
    Deleted,
}

/// <summary>What a line WhatsApp wrote itself (no sender) says happened.</summary>
public enum SystemLineKind { Encryption, Created, Added, Removed, Left, Joined, Changed, Other }

/// <summary>
/// One message as the export shows it: the line it starts on, when it was sent (the phone's local clock, as written:
/// no zone), who sent it (a saved contact's name, or an unsaved number such as "+91 98765 43210"), and its text
/// (several lines joined by '\n', WhatsApp's own markers taken off).
/// </summary>
/// <param name="Edited">The export marked it "&lt;This message was edited&gt;": it corrects what the sender wrote before.</param>
/// <param name="Raw">Its lines exactly as the export wrote them, to keep.</param>
public sealed record ChatMessage(
    int Line,
    DateTime SentAt,
    string Sender,
    string Text,
    ChatMessageKind Kind,
    IReadOnlyList<string> Attachments,
    bool Edited,
    string Raw);

/// <summary>A line WhatsApp wrote itself: "Messages and calls are end-to-end encrypted…", "Ramesh added Kavita", "Anil left".</summary>
public sealed record ChatSystemLine(int Line, DateTime SentAt, string Text, SystemLineKind Kind);

/// <summary>A line that is no message and belongs to none: said back to the admin with its number and why.</summary>
public sealed record ChatUnreadableLine(int Line, string Text, string Why);

/// <summary>An export read: its messages in the order written, the lines WhatsApp wrote itself, and what could not be read.</summary>
public sealed record ChatTranscript(
    ChatPlatform? Platform,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<ChatSystemLine> SystemLines,
    IReadOnlyList<ChatUnreadableLine> Unreadable);
