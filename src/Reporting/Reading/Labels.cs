namespace ReportBot.Reporting.Reading;

/// <summary>
/// Rule 1, "labels say what a figure is". Beside a unit, a figure is the day's figure (unlabelled, or "Today- 1240",
/// "aaj 610", "achieved 720", "उपलब्धि: 640", "610 card bana"), a running total ("Total- 15600", "अब तक कुल - 15600",
/// "till date 5,300", "cumulative 11,300", "प्रगति 5,120"), or a target ("Target- 800", "tgt 900", "लक्ष्य: 1000"),
/// which is neither a report nor an error. A total joined to a day label is the day's figure ("aaj kul 980",
/// "आज कुल", "today total 455"). A label that opens a line ("Aaj: Rahika 610, Pandaul 470") labels every figure on it.
/// </summary>
internal static class Labels
{
    public static readonly string[] DayWords =
    [
        "achieved", "achievement", "achivement", "ach", "done", "completed", "उपलब्धि", "प्राप्ति", "प्राप्त", "uplabdhi", "prapti",
    ];

    public static readonly string[] TotalWords =
    [
        "total", "कुल", "kul", "till date", "tilldate", "till now", "upto date", "up to date", "uptodate", "upto now",
        "to date", "so far", "ab tak", "abhi tak", "abtak", "अब तक", "अभी तक", "ab tak kul", "अब तक कुल", "cumulative",
        "cumulatively", "progressive", "progress", "प्रगति", "pragati", "overall",
    ];

    public static readonly string[] TargetWords = ["target", "tgt", "trgt", "लक्ष्य", "lakshya", "lakshay", "daily target", "दैनिक लक्ष्य"];

    /// <summary>Rule 4: a footer that sums the message ("Grand total 2250", "कुल योग - २७५०"): never a report.</summary>
    public static readonly string[] SumWords = ["grand total", "grandtotal", "कुल योग", "कुलयोग", "योग", "yog", "kul yog", "sum"];

    /// <summary>Rule 9: words of a header line ("Darbhanga AB card update").</summary>
    public static readonly string[] ReportWords = ["report", "reports", "update", "updates", "रिपोर्ट", "अपडेट", "प्रखंडवार", "blockwise", "prakhandwar"];

    /// <summary>
    /// Gives each count the label written before it since the previous count (or the label that opens the line).
    /// "aaj" and "today" are date words (rule 8) that also label the day's figure.
    /// </summary>
    public static void Assign(List<Item> items)
    {
        Label pending = Label.None, opening = Label.None;
        bool opened = false;
        for (int x = 0; x < items.Count; x++)
        {
            var item = items[x];
            switch (item.Kind)
            {
                case ItemKind.Label:
                    pending = Combine(pending, item.Label);
                    break;
                case ItemKind.Date when item.IsToday:
                    pending = Combine(pending, Label.Day);
                    break;
                case ItemKind.Unit or ItemKind.AmbiguousUnit or ItemKind.Word when !opened:
                    opened = true;
                    opening = pending;
                    pending = Label.None;
                    break;
                case ItemKind.Unit or ItemKind.AmbiguousUnit:
                    pending = Label.None;
                    break;
                case ItemKind.Count:
                    opened = true;
                    if (item.Label == Label.None) items[x] = item with { Label = pending != Label.None ? pending : opening };
                    pending = Label.None;
                    break;
            }
        }
    }

    /// <summary>Two labels before one figure: a day label wins over a total ("aaj kul"), a total over a target.</summary>
    private static Label Combine(Label a, Label b)
    {
        if (a == Label.Day || b == Label.Day) return Label.Day;
        if (a == Label.Total || b == Label.Total) return Label.Total;
        return a == Label.Target || b == Label.Target ? Label.Target : Label.None;
    }
}
