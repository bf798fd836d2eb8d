using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace ReportBot.BotHost.ChatImport;

/// <summary>A file `import chat` cannot use; the message says what to send instead.</summary>
public sealed class ChatImportException(string message) : Exception(message);

/// <summary>
/// The file a member sends from WhatsApp → More → Export chat: the chat's .txt, or the .zip WhatsApp makes when media
/// are included (the .txt — "_chat.txt" on iOS, "WhatsApp Chat with ….txt" on Android — beside the photos and
/// documents, which are not imported but named in the report).
/// </summary>
public sealed record ChatExportFile(string ChatName, IReadOnlyList<string> Lines, IReadOnlyList<string> Media)
{
    public const string WhatToSend =
        "Send the .txt (or .zip) file WhatsApp makes: open the group, tap ⋮ → More → Export chat (on an iPhone: the group's name → Export Chat).";

    public static ChatExportFile Read(Stream content, string name)
    {
        var seekable = content.CanSeek ? content : Buffered(content);
        Span<byte> start = stackalloc byte[4];
        var read = seekable.Read(start);
        seekable.Position = 0;
        if (read == 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4)
            return FromZip(seekable, name);
        return new ChatExportFile(name, Text(seekable, name), []);
    }

    static ChatExportFile FromZip(Stream content, string name)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new ChatImportException($"{name} is a damaged .zip file. {WhatToSend}");
        }
        using (zip)
        {
            var files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            var texts = files.Where(e => e.Name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)).ToList();
            // The chat is "_chat.txt" (iOS) or "WhatsApp Chat with ….txt" (Android); a .txt sent in the group is media like any other.
            var chat = texts.FirstOrDefault(e => e.Name.Equals("_chat.txt", StringComparison.OrdinalIgnoreCase))
                ?? texts.FirstOrDefault(e => e.Name.StartsWith("WhatsApp Chat", StringComparison.OrdinalIgnoreCase))
                ?? texts.MaxBy(e => e.Length)
                ?? throw new ChatImportException($"{name} holds no chat (.txt file). {WhatToSend}");
            using var stream = chat.Open();
            var lines = Text(stream, name);
            return new ChatExportFile(chat.Name, lines, files.Where(e => e != chat).Select(e => e.FullName).Order(StringComparer.Ordinal).ToList());
        }
    }

    static List<string> Text(Stream content, string name)
    {
        // UTF-8 as WhatsApp writes it (a BOM, if any, is honoured); a NUL means a photo or a document, not a chat.
        using var reader = new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains('\0'))
                throw new ChatImportException($"{name} is not a text file. {WhatToSend}");
            lines.Add(line);
        }
        return lines;
    }

    static MemoryStream Buffered(Stream content)
    {
        var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>
    /// <c>--names FILE</c>: a CSV of <c>name,phone</c> for senders the district's members do not cover. Every bad line is
    /// listed, and nothing is imported while one is.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ReadNames(TextReader text, string fileName)
    {
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        });
        if (!csv.Read() || !csv.ReadHeader() || !csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToHashSet().IsSupersetOf(["name", "phone"]))
            throw new ChatImportException($"{fileName}: its first line must name the columns name,phone (the sender as the chat shows them, and their phone).");
        var names = new List<KeyValuePair<string, string>>();
        var problems = new List<string>();
        while (csv.Read())
        {
            var (sender, phone) = (csv.GetField("name")?.Trim() ?? "", csv.GetField("phone")?.Trim() ?? "");
            if (sender is "" && phone is "")
                continue;
            if (sender is "")
                problems.Add($"line {csv.Parser.RawRow}: the name is empty");
            else if (ReportBot.Reporting.People.PhoneNumber.ToE164Digits(phone) is null)
                problems.Add($"line {csv.Parser.RawRow}: '{phone}' is not a phone number (write it like 9876543210 or +91 98765 43210)");
            else
                names.Add(new(sender, phone));
        }
        if (problems.Count > 0)
            throw new ChatImportException($"{fileName} has problems, so nothing was imported:\n  " + string.Join("\n  ", problems));
        return names;
    }
}
