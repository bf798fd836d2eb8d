namespace ReportBot.Reporting.Reading;

/// <summary>Rules 1 and 3 for indicators: which indicator each figure on a line counts toward.</summary>
internal static class LineIndicators
{
    /// <summary>
    /// Gives each count its indicator: the indicator word just before it ("VV 85"), or one just after it when no count
    /// follows that word ("1240 cards", "85 VV,"). Rule 1: an indicator that opens the line ("Vay Vandana: Rahika 45,
    /// Pandaul 30") is every figure's on it; rule 3: failing all that, the indicator header above.
    /// </summary>
    public static void Assign(List<Item> items, string? headerIndicator)
    {
        string? pending = null, opening = null;
        bool opened = false;
        for (int x = 0; x < items.Count; x++)
        {
            var item = items[x];
            if (item.Kind == ItemKind.Indicator)
            {
                if (!opened) opening ??= item.Key;
                int prev = x - 1, next = x + 1;
                while (prev >= 0 && items[prev].Kind is ItemKind.Filler or ItemKind.Date) prev--;
                while (next < items.Count && items[next].Kind is ItemKind.Filler or ItemKind.Date) next++;
                // "1240 Ayushman card aur 85 VV card": a count that has its own word after it does not take this one.
                bool countFollows = next < items.Count && items[next].Kind == ItemKind.Count
                    && !(After(items, next) is int beyond && items[beyond].Kind == ItemKind.Indicator);
                if (prev >= 0 && items[prev] is { Kind: ItemKind.Count, Key: null } && !countFollows)
                    items[prev] = items[prev] with { Key = item.Key };
                else
                    pending = item.Key;
            }
            else if (item.Kind is ItemKind.Unit or ItemKind.AmbiguousUnit or ItemKind.Word)
            {
                opened = true;
            }
            else if (item.Kind == ItemKind.Count)
            {
                opened = true;
                if (pending is not null)
                {
                    items[x] = item with { Key = pending };
                    pending = null;
                }
            }
        }
        string? fallback = opening ?? headerIndicator;
        if (fallback is null) return;
        for (int x = 0; x < items.Count; x++)
            if (items[x] is { Kind: ItemKind.Count, Key: null })
                items[x] = items[x] with { Key = fallback };
    }

    /// <summary>The index of the first item after <paramref name="x"/> that is not a filler or a date, if any.</summary>
    private static int? After(List<Item> items, int x)
    {
        int next = x + 1;
        while (next < items.Count && items[next].Kind is ItemKind.Filler or ItemKind.Date) next++;
        return next < items.Count ? next : null;
    }
}
