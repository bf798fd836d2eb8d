namespace ReportBot.Reporting.Reading;

/// <summary>
/// Rule 4, "numbers that are not figures": a number that counts something other than the indicator ("15 operator",
/// "12 camp me", "22 केंद्रों पर", "18 CSC, 22 VLE", "6 school", "staff 9", "32 PDS shops", "2 operator absent"), the
/// day of the drive ("Day-2", "(Day-9)"), and money ("₹5 lakh"). Percentages, times and phone numbers are already
/// neutral when lexed; list markers go before lexing (<see cref="ListMarkers"/>); sums are the message reader's.
/// </summary>
internal static class NotFigures
{
    public static readonly string[] CountedWords =
    [
        "operator", "operators", "oprator", "opretor", "ऑपरेटर", "आपरेटर", "camp", "camps", "shivir", "शिविर", "कैंप", "कैम्प",
        "centre", "centres", "center", "centers", "kendra", "kendron", "kendro", "केंद्र", "केंद्रों", "केन्द्र", "केन्द्रों",
        "csc", "cscs", "vle", "vles", "staff", "karmi", "कर्मी", "school", "schools", "स्कूल", "विद्यालय", "pds", "shop",
        "shops", "dukan", "दुकान", "दुकानों", "absent", "anupasthit", "अनुपस्थित", "day", "din", "दिन", "team", "teams", "टीम",
        "counter", "counters", "kiosk", "kiosks", "laptop", "laptops", "machine", "machines",
        "volunteer", "volunteers", "member", "members", "sadasya", "सदस्य",
        // Not here: "panchayat", "village", "block": a drive may report per panchayat, and "Rampur panchayat 120" is a figure.
    ];

    private static readonly HashSet<string> MoneyWords = NumberWords.KeyedSet("rs", "inr", "rupees", "rupaye", "rupay", "रुपये", "रुपए", "रु");

    /// <summary>"₹5", "Rs 500", "Rs. 5 lakh": the number at <paramref name="i"/> is money.</summary>
    public static bool IsMoneyBefore(string line, List<Token> tokens, int i)
    {
        int at = tokens[i].Start - 1;
        while (at >= 0 && char.IsWhiteSpace(line[at])) at--;
        if (at >= 0 && line[at] == '₹') return true;
        int prev = i - 1;
        if (prev >= 0 && tokens[prev] is { Kind: TokenKind.Punct, Punct: '.' }) prev--;
        return prev >= 0 && tokens[prev].Kind == TokenKind.Word
            && MoneyWords.Contains(NameKeys.Exact(line.AsSpan(tokens[prev].Start, tokens[prev].Length)));
    }

    /// <summary>
    /// A count bound to a counted thing right after it ("15 operator") is not a figure, nor one bound to a counted
    /// thing right before it ("staff 9", "Day-2"). Bound means nothing but spaces or a dash between them: in
    /// "880 (Day-5)" the bracket parts 880 from "Day", so 880 stays the figure and 5 is the drive's day. A thing with a
    /// count bound on both sides ("880 Day-5") leaves both in doubt, and neither is taken as a figure: a question
    /// beats a wrong figure.
    /// </summary>
    public static void Mark(List<Item> items, string line)
    {
        for (int x = 0; x < items.Count; x++)
        {
            if (items[x].Kind != ItemKind.Counted) continue;
            bool before = x > 0 && items[x - 1].Kind == ItemKind.Count && Bound(line, items[x - 1], items[x]);
            bool after = x + 1 < items.Count && items[x + 1].Kind == ItemKind.Count && Bound(line, items[x], items[x + 1]);
            if (before) items[x - 1] = items[x - 1] with { Kind = ItemKind.Neutral };
            if (after) items[x + 1] = items[x + 1] with { Kind = ItemKind.Neutral };
        }
    }

    private static bool Bound(string line, in Item first, in Item second)
    {
        if (first.End > second.Start || second.Start > line.Length) return true;
        foreach (char c in line.AsSpan(first.End, second.Start - first.End))
            if (!(char.IsWhiteSpace(c) || c is '-' or ':' or '=' or '\u2013' or '\u2014' or '*' or '_')) return false;
        return true;
    }
}
