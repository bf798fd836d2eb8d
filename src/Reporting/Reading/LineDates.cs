namespace ReportBot.Reporting.Reading;

/// <summary>Rule 8, two days in one message: which day each figure on a line is for.</summary>
internal static class LineDates
{
    /// <summary>
    /// Rule 8: each count takes the nearest date written before it on its line ("kal 1100 aur aaj 1240"); a count with
    /// none takes the line's one date wherever it stands ("Jale 420 (02/12)"). Rule 3: a word for today labels the day's
    /// figure but does not override a date header. Returns the line's date, if it has one.
    /// </summary>
    public static DateOnly? Assign(List<Item> items, DateOnly? headerDate)
    {
        DateOnly? sole = null;
        bool several = false;
        foreach (var item in items)
            if (item is { Kind: ItemKind.Date, Consumed: false })
            {
                var date = item.IsToday && headerDate is { } h ? h : item.Date;
                if (sole is null) sole = date;
                else if (sole != date) several = true;
            }
        DateOnly? nearest = null;
        for (int x = 0; x < items.Count; x++)
        {
            var item = items[x];
            if (item is { Kind: ItemKind.Date, Consumed: false })
                nearest = item.IsToday && headerDate is { } h ? h : item.Date;
            else if (item.Kind == ItemKind.Count)
                items[x] = item with { CountDate = nearest ?? (several ? null : sole) };
        }
        return several ? null : sole;
    }
}
