using System.Text;
using System.Text.RegularExpressions;

namespace ReportBot.Reporting.ChatExport;

/// <summary>
/// Reads the text file WhatsApp's "Export chat" writes (no .NET library reads it; the npm package
/// <c>whatsapp-chat-parser</c>, github.com/Pustur/whatsapp-chat-parser, collects the formats phones write, and its tests
/// are where our fixtures' samples come from). Pure: lines in, a <see cref="ChatTranscript"/> out.
///
/// A message starts with a header and runs until the next header, so a message typed over several lines (a block
/// officer's table) stays one message:
/// <code>
/// Android: 12/03/2025, 4:05 pm - Ramesh Kumar: Benipur 1240
/// iOS:     [12/03/25, 4:05:12 PM] Ramesh Kumar: Benipur 1240
/// </code>
/// Phones write 12- or 24-hour clocks, 2- or 4-digit years, '/', '.' or '-' between date parts, a narrow no-break space
/// (U+202F) or no-break space (U+00A0) before "pm", and left-to-right marks (U+200E) before iOS's attachment and system
/// lines; all of these are accepted.
/// </summary>
public static partial class ChatExportParser
{
    // The header: an optional '[' (iOS), the date, the time with optional seconds and am/pm, then "] " (iOS) or " - "
    // (Android). \s covers U+202F and U+00A0, which newer phones put before am/pm.
    [GeneratedRegex("""
        ^(?<bracket>\[)?
        (?<a>\d{1,4})[/.\-](?<b>\d{1,2})[/.\-](?<c>\d{1,4}),?\s+
        (?<hour>\d{1,2})[:.](?<minute>\d{2})(?:[:.](?<second>\d{2}))?
        (?:\s*(?<ampm>[ap])\.?\s?m\.?)?
        (?(bracket)\]\s?|\s[-–]\s)
        (?<rest>.*)$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    // Android with media: "IMG-20250312-WA0001.jpg (file attached)"; iOS: "<attached: 00000042-PHOTO-2025-03-12-16-05-12.jpg>",
    // older iOS "2015-08-04-PHOTO-00004762.jpg <attached>". Marks are taken off before matching.
    [GeneratedRegex(@"^(?:<\s*attached:\s*(?<file>[^>]+?)\s*>|(?<file>\S+\.\w{2,5})\s+(?:\(file attached\)|<attached>))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttachmentLine();

    // iOS without media names what it left out: "image omitted", "video omitted", "‎Benipur.pdf • ‎2 pages document omitted".
    [GeneratedRegex(@"^(?:.*\s)?(?:image|video|audio|sticker|gif|document|contact card|media) omitted$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IosOmitted();

    /// <summary>Android's "without media" markers, English and Hindi (the Hindi one as in mlomb/chat-analytics' list).</summary>
    static readonly string[] MediaOmitted = ["<Media omitted>", "<मीडिया के बिना>"];

    /// <summary>What is left of a deleted message; the Hindi ones as collected by notification readers of WhatsApp.</summary>
    static readonly string[] Deleted =
        ["This message was deleted", "This message was deleted.", "You deleted this message", "You deleted this message.",
         "यह संदेश हटा दिया गया", "यह संदेश हटा दिया गया था"];

    const string EditedMarker = "<This message was edited>";

    /// <summary>Invisible direction marks and the byte-order mark; exports scatter them before lines, names and files.</summary>
    static readonly char[] Marks = ['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\uFEFF'];

    /// <summary>The marks and the spaces exports write around them, to trim off the ends of a name or text.</summary>
    static readonly char[] Blank = [.. Marks, ' ', '\t', '\u00A0', '\u202F'];

    public static ChatTranscript Parse(string text, DateOrder order = DateOrder.DayFirst) =>
        Parse(text.ReplaceLineEndings("\n").Split('\n'), order);

    public static ChatTranscript Parse(IEnumerable<string> lines, DateOrder order = DateOrder.DayFirst)
    {
        var messages = new List<ChatMessage>();
        var system = new List<ChatSystemLine>();
        var unreadable = new List<ChatUnreadableLine>();
        ChatPlatform? platform = null;

        // The message being gathered: its header's parts, and its text so far (continuation lines are appended).
        Pending? pending = null;
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimEnd('\r');
            var bare = line.TrimStart(Marks);
            var header = Header().Match(bare);
            if (!header.Success)
            {
                if (pending is not null)
                {
                    pending.Text.Append('\n').Append(line);
                    pending.Raw.Append('\n').Append(line);
                }
                else if (line.Trim(Marks).Trim().Length > 0)
                    unreadable.Add(new ChatUnreadableLine(number, line, "no date and time at its start, and no message before it to belong to"));
                continue;
            }

            if (pending is not null)
                Finish(pending, messages, system);
            pending = null;

            if (SentAt(header, order) is not { } sentAt)
            {
                unreadable.Add(new ChatUnreadableLine(number, line, order == DateOrder.DayFirst
                    ? "its date or time is not a real one read day first (if this export writes the month first, import it month first)"
                    : "its date or time is not a real one read month first"));
                continue;
            }
            var thisPlatform = header.Groups["bracket"].Success ? ChatPlatform.Ios : ChatPlatform.Android;
            platform ??= thisPlatform;
            pending = new Pending(number, sentAt, thisPlatform, new StringBuilder(header.Groups["rest"].Value), new StringBuilder(line));
        }
        if (pending is not null)
            Finish(pending, messages, system);
        return new ChatTranscript(platform, messages, system, unreadable);
    }

    sealed record Pending(int Line, DateTime SentAt, ChatPlatform Platform, StringBuilder Text, StringBuilder Raw);

    static void Finish(Pending pending, List<ChatMessage> messages, List<ChatSystemLine> system)
    {
        var rest = pending.Text.ToString().TrimEnd('\n', ' ');
        // "Name: text". A name holds no ": " (WhatsApp shows a contact's name or number); a system line has no sender.
        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 && rest.EndsWith(':'))
            colon = rest.Length - 1; // an empty message: "Ramesh Kumar:"
        var firstLineEnd = rest.IndexOf('\n');
        // A quote before the colon is a system line quoting a name: `X changed the subject from "Drive: day 1" to …`.
        if (colon < 0 || (firstLineEnd >= 0 && colon > firstLineEnd) || rest[..colon].IndexOfAny(['"', '“']) >= 0)
        {
            system.Add(new ChatSystemLine(pending.Line, pending.SentAt, rest.Trim(Marks), SystemKind(rest.Trim(Marks))));
            return;
        }
        var sender = rest[..colon].Trim(Blank);
        var text = colon + 2 <= rest.Length ? rest[(colon + 2)..] : "";

        // iOS writes its own events as messages "from" the group, their text led by a left-to-right mark.
        if (pending.Platform == ChatPlatform.Ios && text.StartsWith('\u200E'))
        {
            var unmarked = text.Trim(Marks).Trim();
            if (!AttachmentLine().IsMatch(StripMarks(FirstLine(unmarked))) && !IosOmitted().IsMatch(StripMarks(unmarked))
                && !Deleted.Contains(unmarked) && SystemKind(unmarked) != SystemLineKind.Other)
            {
                system.Add(new ChatSystemLine(pending.Line, pending.SentAt, unmarked, SystemKind(unmarked)));
                return;
            }
        }
        messages.Add(Message(pending, sender, text));
    }

    static ChatMessage Message(Pending pending, string sender, string text)
    {
        var edited = false;
        var body = text.TrimStart(Marks);
        var markerAt = body.LastIndexOf(EditedMarker, StringComparison.OrdinalIgnoreCase);
        if (markerAt >= 0 && body[(markerAt + EditedMarker.Length)..].Trim(Marks).Trim().Length == 0)
        {
            edited = true;
            body = body[..markerAt].TrimEnd(Blank);
        }

        var trimmed = body.Trim(Marks).Trim();
        if (Deleted.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            return new ChatMessage(pending.Line, pending.SentAt, sender, "", ChatMessageKind.Deleted, [], edited, pending.Raw.ToString());
        if (MediaOmitted.Contains(trimmed, StringComparer.OrdinalIgnoreCase) || IosOmitted().IsMatch(StripMarks(trimmed)))
            return new ChatMessage(pending.Line, pending.SentAt, sender, "", ChatMessageKind.MediaOmitted, [], edited, pending.Raw.ToString());

        // An attachment's line comes first; what follows it is the caption (a photo of the register, "Benipur 1240" under it).
        var attachment = AttachmentLine().Match(StripMarks(FirstLine(trimmed)));
        if (attachment.Success)
        {
            var caption = trimmed.Length > FirstLine(trimmed).Length ? trimmed[(FirstLine(trimmed).Length + 1)..].Trim() : "";
            return new ChatMessage(pending.Line, pending.SentAt, sender, caption, ChatMessageKind.Attachment,
                [attachment.Groups["file"].Value.Trim()], edited, pending.Raw.ToString());
        }
        return new ChatMessage(pending.Line, pending.SentAt, sender, body.Trim(), ChatMessageKind.Text, [], edited, pending.Raw.ToString());
    }

    static DateTime? SentAt(Match header, DateOrder order)
    {
        var a = int.Parse(header.Groups["a"].Value);
        var b = int.Parse(header.Groups["b"].Value);
        var c = int.Parse(header.Groups["c"].Value);
        int year, month, day;
        if (header.Groups["a"].Value.Length == 4)
            (year, month, day) = (a, b, c); // 2025/03/12, as a few locales write it
        else
        {
            (day, month) = order == DateOrder.DayFirst ? (a, b) : (b, a);
            year = header.Groups["c"].Value.Length == 2 ? 2000 + c : c;
        }
        var hour = int.Parse(header.Groups["hour"].Value);
        var minute = int.Parse(header.Groups["minute"].Value);
        var second = header.Groups["second"].Success ? int.Parse(header.Groups["second"].Value) : 0;
        if (header.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
                return null;
            // 12 am is just after midnight, 12 pm just after noon.
            hour = (hour % 12) + (char.ToLowerInvariant(header.Groups["ampm"].Value[0]) == 'p' ? 12 : 0);
        }
        if (year is < 2009 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return null;
        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
    }

    static SystemLineKind SystemKind(string text)
    {
        if (text.Contains("end-to-end encrypt", StringComparison.OrdinalIgnoreCase) || text.Contains("एंड-टू-एंड", StringComparison.Ordinal))
            return SystemLineKind.Encryption;
        if (text.Contains(" created group", StringComparison.OrdinalIgnoreCase) || text.Contains(" created this group", StringComparison.OrdinalIgnoreCase))
            return SystemLineKind.Created;
        if (text.Contains(" joined using", StringComparison.OrdinalIgnoreCase) || text.EndsWith(" joined", StringComparison.OrdinalIgnoreCase))
            return SystemLineKind.Joined;
        if (text.Contains(" added ", StringComparison.OrdinalIgnoreCase) || text.EndsWith(" added", StringComparison.OrdinalIgnoreCase))
            return SystemLineKind.Added;
        if (text.Contains(" removed ", StringComparison.OrdinalIgnoreCase))
            return SystemLineKind.Removed;
        if (text.EndsWith(" left", StringComparison.OrdinalIgnoreCase))
            return SystemLineKind.Left;
        if (text.Contains(" changed ", StringComparison.OrdinalIgnoreCase))
            return SystemLineKind.Changed;
        return SystemLineKind.Other;
    }

    static string FirstLine(string text) => text.IndexOf('\n') is var i and >= 0 ? text[..i] : text;

    static string StripMarks(string text) => text.IndexOfAny(Marks) < 0 ? text : string.Concat(text.Where(c => !Marks.Contains(c)));
}
