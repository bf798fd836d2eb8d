namespace ReportBot.Reporting.Reading;

/// <summary>
/// Rule 5, corrections inside a message: "1240 nahi 1420", "1240 नहीं 1420", "980 ki jagah 890", "410 की जगह 401",
/// "950 galat, sahi 1,050", and a struck-through "~980~ 890". The figure is the second; the withdrawn one is not
/// recorded and no ceiling applies to it. The correction keeps the kind of its line: "Total- ~15600~ 16500" is a
/// total, "200 nahi 300 aur" an addition. ("sorry" and the like around it are talk.)
/// </summary>
internal static class Corrections
{
    public static readonly string[] Words =
    [
        "nahi", "nahin", "nhi", "nai", "नहीं", "नही", "not", "ki jagah", "ke jagah", "ki jagha", "jagah", "की जगह", "के जगह",
        "जगह", "galat", "glt", "गलत", "wrong", "instead of", "replace", "badle", "बदले",
    ];

    /// <summary>Words that may stand between the withdrawn figure and its replacement ("galat, sahi 1,050").</summary>
    private static readonly HashSet<string> Bridge = NumberWords.KeyedSet("sahi", "सही", "correct", "corrected", "hai", "है", "padhe", "padha", "read", "as", "please", "pls", "ko", "को");

    /// <summary>
    /// WhatsApp's strike-through ("~980~"): blanked, like a list marker, so the label before it passes to the figure
    /// after it. Only a struck number is taken out; struck words stay.
    /// </summary>
    public static string BlankStruck(string line)
    {
        int open = line.IndexOf('~');
        if (open < 0) return line;
        char[]? copy = null;
        while (open >= 0 && open + 1 < line.Length)
        {
            int close = line.IndexOf('~', open + 1);
            if (close < 0) break;
            var inside = line.AsSpan(open + 1, close - open - 1);
            bool number = inside.Length > 0;
            foreach (char c in inside)
                if (!(Tokenizer.IsDigit(c) || c is ',' or '.' || char.IsWhiteSpace(c))) { number = false; break; }
            if (number)
            {
                copy ??= line.ToCharArray();
                copy.AsSpan(open, close - open + 1).Fill(' ');
                open = line.IndexOf('~', close + 1);
            }
            else open = close;
        }
        return copy is null ? line : new string(copy);
    }

    /// <summary>"X nahi Y": X is withdrawn; Y takes X's label and addition when it has none of its own.</summary>
    public static void Apply(List<Item> items)
    {
        for (int x = 0; x < items.Count; x++)
        {
            if (items[x].Kind != ItemKind.Correction) continue;
            int before = x - 1;
            while (before >= 0 && items[before].Kind is ItemKind.Separator or ItemKind.Filler) before--;
            if (before < 0 || items[before].Kind != ItemKind.Count) continue;
            int after = x + 1;
            while (after < items.Count && (items[after].Kind is ItemKind.Separator or ItemKind.Correction
                || items[after].Kind == ItemKind.Filler && items[after].Key is { } k && Bridge.Contains(k)
                || items[after].Kind == ItemKind.Word && items[after].Key is { } w && Bridge.Contains(w))) after++;
            var withdrawn = items[before];
            items[before] = withdrawn with { Dropped = true };
            if (after >= items.Count || items[after].Kind != ItemKind.Count) continue;
            var replacement = items[after];
            items[after] = replacement with
            {
                Label = replacement.Label == Label.None ? withdrawn.Label : replacement.Label,
                Add = replacement.Add || withdrawn.Add,
                Key = replacement.Key ?? withdrawn.Key,
                Withdrawn = withdrawn.Value,
            };
        }
    }
}
