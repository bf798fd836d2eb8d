namespace ReportBot.Reporting.Reading;

/// <summary>
/// The commands an official can send instead of a figure. A message is a command only when the whole message is one of
/// these words (markup, spacing, case and trailing punctuation aside), so "status" inside a report stays part of it.
/// To add a command or a spelling, add a row.
/// </summary>
internal static class Commands
{
    private static readonly (string Text, CommandKind Kind)[] Table =
    [
        ("help", CommandKind.Help), ("madad", CommandKind.Help), ("मदद", CommandKind.Help),
        ("सहायता", CommandKind.Help), ("sahayata", CommandKind.Help), ("हेल्प", CommandKind.Help), ("menu", CommandKind.Help),
        ("status", CommandKind.Status), ("स्थिति", CommandKind.Status),
        ("स्टेटस", CommandKind.Status), ("sthiti", CommandKind.Status),
        ("undo", CommandKind.Undo), ("अनडू", CommandKind.Undo), ("वापस", CommandKind.Undo), ("wapas", CommandKind.Undo),
        ("yes", CommandKind.Confirm), ("haan", CommandKind.Confirm), ("han", CommandKind.Confirm), ("हाँ", CommandKind.Confirm),
        ("हां", CommandKind.Confirm), ("हा", CommandKind.Confirm),
    ];

    // Keyed like names, so "/help", "*Help*" and "HELP!" all find the "help" row.
    private static readonly Dictionary<string, CommandKind> ByKey = BuildIndex();

    private static Dictionary<string, CommandKind> BuildIndex()
    {
        var index = new Dictionary<string, CommandKind>(StringComparer.Ordinal);
        foreach (var (text, kind) in Table) index[NameKeys.Exact(text)] = kind;
        return index;
    }

    /// <summary>Longer than any command, with room for markup and spaces; longer messages are not looked up at all.</summary>
    private const int MaxLength = 40;

    public static CommandKind? Match(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxLength) return null;
        // A lone question mark asks for help.
        if (!trimmed.ContainsAnyExcept('?')) return CommandKind.Help;
        // Only letters (and the markup/punctuation around them) may make up a command: "help 2" is not one.
        foreach (char c in trimmed)
            if (char.IsDigit(c) || DevanagariText.IsDigit(c)) return null;
        string key = NameKeys.Exact(trimmed);
        return key.Length > 0 && ByKey.TryGetValue(key, out var kind) ? kind : null;
    }
}
