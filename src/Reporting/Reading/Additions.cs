namespace ReportBot.Reporting.Reading;

/// <summary>
/// Rule 6, additions in words: "200 aur", "200 और", "aur 150 bane", "75 more", "40 additional", "90 jodiye",
/// "200 जोड़ें", "200 zyada" are additions, as "+200" is. "aur"/"और"/"and" followed by another unit, day or figure only
/// joins two reports ("Benipur 1240 aur Biraul 980", "kal 1100 aur aaj 1240").
/// Rule 13, a number relative to another day ("kal se 140 zyada", "कल से 200 ज्यादा", "140 more than yesterday",
/// "kal se 90 kam") is no figure at all: the day it names dates nothing, and a unit given only that is
/// <c>ambiguous_number</c>.
/// </summary>
internal static class Additions
{
    public static readonly string[] AndWords = ["aur", "और", "and", "evam", "एवं", "tatha", "तथा"];

    public static readonly string[] AddWords =
    [
        "additional", "addl", "extra", "add", "added", "plus", "jodiye", "jodie", "jodo", "jod", "jode", "jodein", "joden",
        "jodna", "jodna hai", "जोड़ें", "जोड़े", "जोड़िए", "जोड़िये", "जोड़ो", "जोड़", "जोडें", "जोडे", "जोडिए",
    ];

    public static readonly string[] MoreWords = ["more", "zyada", "jyada", "zyaada", "jyaada", "jada", "ज्यादा", "ज़्यादा", "अधिक", "adhik"];

    public static readonly string[] LessWords = ["less", "fewer", "kam", "कम"];

    public static readonly string[] FromWords = ["se", "से", "than", "since", "compared to"];

    /// <summary>Marks comparisons first (they take their day with them), then additions.</summary>
    public static void Mark(List<Item> items)
    {
        for (int x = 0; x < items.Count; x++)
        {
            if (items[x].Kind != ItemKind.Count) continue;
            int next = Next(items, x), prev = Previous(items, x);
            bool comparative = next >= 0 && items[next].Kind is ItemKind.More or ItemKind.Less;
            // "kal se 140 zyada": a day, "se", the number, a comparative.
            if (comparative && prev >= 1 && items[prev].Kind == ItemKind.From && Previous(items, prev) is int day and >= 0
                && items[day].Kind == ItemKind.Date)
            {
                items[x] = items[x] with { Relative = true };
                items[day] = items[day] with { Consumed = true };
                continue;
            }
            // "140 more than yesterday", "140 zyada kal se".
            if (comparative && Next(items, next) is int from and >= 0)
            {
                int dayAt = items[from].Kind == ItemKind.From ? Next(items, from) : items[from].Kind == ItemKind.Date ? from : -1;
                if (dayAt >= 0 && items[dayAt].Kind == ItemKind.Date && (items[from].Kind == ItemKind.From || Next(items, dayAt) is int f and >= 0 && items[f].Kind == ItemKind.From))
                {
                    items[x] = items[x] with { Relative = true };
                    items[dayAt] = items[dayAt] with { Consumed = true };
                    continue;
                }
            }
            if (next >= 0 && items[next].Kind is ItemKind.AddWord or ItemKind.More)
            {
                items[x] = items[x] with { Add = true };
                continue;
            }
            // "kam" with no day named says nothing we can record.
            if (next >= 0 && items[next].Kind == ItemKind.Less)
            {
                items[x] = items[x] with { Relative = true };
                continue;
            }
            // "200 aur" (and nothing after it but talk): an addition. "1240 aur Biraul 980": a join.
            if (next >= 0 && items[next].Kind == ItemKind.And)
            {
                int joined = Next(items, next);
                if (joined < 0 || items[joined].Kind is not (ItemKind.Unit or ItemKind.AmbiguousUnit or ItemKind.Date or ItemKind.Count
                    or ItemKind.Word or ItemKind.Indicator or ItemKind.Label or ItemKind.Neutral))
                {
                    items[x] = items[x] with { Add = true };
                    continue;
                }
            }
            // "Biraul me aur 150 bane": "aur" straight before the number, right after the unit (or a word of talk).
            // After a figure, an indicator or a day ("1240 card aur 85 VV") it joins two reports instead.
            if (prev >= 0 && items[prev].Kind == ItemKind.And)
            {
                int before = Previous(items, prev);
                if (before < 0 || items[before].Kind is ItemKind.Unit or ItemKind.AmbiguousUnit or ItemKind.Word)
                    items[x] = items[x] with { Add = true };
            }
        }
    }

    /// <summary>The next item that is not a filler (separators end a clause, so they count), or -1.</summary>
    private static int Next(List<Item> items, int x)
    {
        int y = x + 1;
        while (y < items.Count && items[y].Kind == ItemKind.Filler) y++;
        return y < items.Count ? y : -1;
    }

    private static int Previous(List<Item> items, int x)
    {
        int y = x - 1;
        while (y >= 0 && items[y].Kind == ItemKind.Filler) y--;
        return y;
    }
}
