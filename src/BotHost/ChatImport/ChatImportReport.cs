using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using ReportBot.Reporting.ChatExport;
using ReportBot.Reporting.Reading;

namespace ReportBot.BotHost.ChatImport;

/// <summary>One sender of the export and how many messages they sent; <see cref="Member"/> is null when nobody matched.</summary>
public sealed record SenderCount(string Sender, string? Member,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SenderMatch>))] SenderMatch? MatchedBy, int Messages);

/// <summary>A figure the reader finds in a message, on the day the message was sent (what the rules are then asked about).</summary>
public sealed record FigureRead(DateOnly Day, string Unit, string Indicator, long Value,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ReportOp>))] ReportOp Op, string Sender, DateTime SentAt, bool Permitted);

/// <summary>A unit's figure for a day after every message of the export, as the reader sees it (the latest report wins, +N adds).</summary>
public sealed record DayUnitFigure(DateOnly Day, string Unit, string Indicator, long Value);

/// <summary>A change the import made, from the figure history.</summary>
public sealed record FigureRecorded(DateOnly Day, string Unit, string Indicator, long? OldValue, long NewValue, string Sender, DateTime SentAt);

/// <summary>A message the reader could not (fully) read, or that handling did not record: who, when, what, and why.</summary>
public sealed record MessageProblem(int Line, string Sender, DateTime SentAt, string Text, string Why);

/// <summary>
/// What `import chat` found in an export and, unless it was a dry run, did with it. The CLI prints it; the admin API
/// answers it as JSON.
/// </summary>
public sealed record ChatImportReport
{
    public required string District { get; init; }
    public required bool DryRun { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<ChatPlatform>))]
    public ChatPlatform? Platform { get; init; }
    public required string ChatFile { get; init; }
    public required int Messages { get; init; }
    public required int SystemLines { get; init; }
    public required IReadOnlyList<SenderCount> Senders { get; init; }
    public required IReadOnlyList<SenderCount> Unmatched { get; init; }
    public required IReadOnlyList<FigureRead> FiguresRead { get; init; }
    public required IReadOnlyList<DayUnitFigure> FiguresByDay { get; init; }
    /// <summary>Files in the .zip besides the chat (photos, PDFs): not imported.</summary>
    public required IReadOnlyList<string> SkippedMedia { get; init; }
    /// <summary>Messages whose media the export left out ("&lt;Media omitted&gt;").</summary>
    public required int MediaOmitted { get; init; }
    public required IReadOnlyList<ChatUnreadableLine> UnreadableLines { get; init; }
    public required IReadOnlyList<MessageProblem> Problems { get; init; }
    /// <summary>Messages of matched members the inbox holds already (from an earlier import): skipped.</summary>
    public required int Duplicates { get; init; }
    /// <summary>Messages stored and handled in this run (0 in a dry run).</summary>
    public int Stored { get; init; }
    /// <summary>Each stored message's outcome as the handler wrote it (recorded, chatter, error, …), with counts.</summary>
    public IReadOnlyDictionary<string, int> Outcomes { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<FigureRecorded> Recorded { get; init; } = [];
    /// <summary>Messages the handler failed on (they stay in the inbox for the sweeper).</summary>
    public IReadOnlyList<MessageProblem> Errors { get; init; } = [];
    public TimeSpan Took { get; init; }

    /// <summary>The report for people: what the CLI prints.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"{(DryRun ? "Dry run (nothing changed)" : "Imported")}: {ChatFile} for {District} ({Platform?.ToString() ?? "unknown"} export)");
        text.AppendLine(culture, $"Messages: {Messages} (and {SystemLines} line(s) WhatsApp wrote itself)");
        text.AppendLine("Senders:");
        foreach (var s in Senders)
            text.AppendLine(culture, $"  {s.Sender,-28} {s.Messages,5}  {(s.Member is null ? "not matched" : $"= {s.Member} (by {s.MatchedBy?.ToString().ToLowerInvariant()})")}");
        if (Unmatched.Count > 0)
        {
            text.AppendLine("Unmatched senders (their messages are not imported; list them in people.csv's chat_names, or map them with --names FILE of name,phone):");
            foreach (var s in Unmatched)
                text.AppendLine(culture, $"  {s.Sender,-28} {s.Messages,5} message(s)");
        }
        text.AppendLine(DryRun ? "Figures it would record, per day and unit:" : "Figures read, per day and unit:");
        foreach (var day in FiguresByDay.GroupBy(f => f.Day))
        {
            text.AppendLine(culture, $"  {day.Key:yyyy-MM-dd}");
            foreach (var f in day)
                text.AppendLine(culture, $"    {f.Unit,-20} {f.Value,8:N0}{(f.Indicator == "ayushman" ? "" : " " + f.Indicator)}");
        }
        if (FiguresByDay.Count == 0)
            text.AppendLine("  none");
        if (!DryRun)
        {
            text.AppendLine(culture, $"Stored and handled: {Stored}; duplicates skipped (imported before): {Duplicates}");
            foreach (var (outcome, count) in Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
                text.AppendLine(culture, $"  {outcome,-22} {count,5}");
            text.AppendLine(culture, $"Recorded ({Recorded.Count} change(s)):");
            foreach (var r in Recorded)
                text.AppendLine(culture, $"  {r.Day:yyyy-MM-dd} {r.Unit,-20} {(r.OldValue is { } old ? old.ToString("N0", culture) : "—"),8} → {r.NewValue,8:N0}  {r.Sender}, {r.SentAt:dd/MM HH:mm}");
            if (Errors.Count > 0)
            {
                text.AppendLine("Errors (the messages stay in the inbox and are handled again by the sweeper):");
                foreach (var e in Errors)
                    text.AppendLine(culture, $"  line {e.Line}, {e.Sender}, {e.SentAt:dd/MM/yyyy HH:mm}: {e.Why}");
            }
        }
        else if (Duplicates > 0)
            text.AppendLine(culture, $"Imported before (a real run skips them): {Duplicates}");
        if (Problems.Count > 0)
        {
            text.AppendLine("Messages not fully read:");
            foreach (var p in Problems)
                text.AppendLine(culture, $"  line {p.Line}, {p.Sender}, {p.SentAt:dd/MM/yyyy HH:mm}: {OneLine(p.Text)} — {p.Why}");
        }
        if (SkippedMedia.Count > 0 || MediaOmitted > 0)
        {
            text.AppendLine(culture, $"Media skipped: {SkippedMedia.Count} file(s) in the zip, {MediaOmitted} left out of the export");
            foreach (var file in SkippedMedia)
                text.AppendLine("  " + file);
        }
        if (UnreadableLines.Count > 0)
        {
            text.AppendLine("Lines it could not read:");
            foreach (var line in UnreadableLines)
                text.AppendLine(culture, $"  line {line.Line}: {OneLine(line.Text)} — {line.Why}");
        }
        text.AppendLine(culture, $"Took {Took.TotalSeconds:0.0} s.");
        return text.ToString();
    }

    static string OneLine(string text)
    {
        var one = text.Replace('\n', ' ');
        return one.Length > 80 ? one[..77] + "…" : one;
    }
}
