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
    /// A count with a counted thing right after it ("15 operator") is not a figure; failing that, a counted thing right
    /// before a count ("staff 9", "Day-2") makes it none.
    /// </summary>
    public static void Mark(List<Item> items)
    {
        for (int x = 0; x < items.Count; x++)
        {
            if (items[x].Kind != ItemKind.Counted) continue;
            if (x > 0 && items[x - 1].Kind == ItemKind.Count)
                items[x - 1] = items[x - 1] with { Kind = ItemKind.Neutral };
            else if (x + 1 < items.Count && items[x + 1].Kind == ItemKind.Count)
                items[x + 1] = items[x + 1] with { Kind = ItemKind.Neutral };
        }
    }
}
