namespace ReportBot.Reporting.Reading;

/// <summary>The ways a report names its day: "yesterday", "कल", "02/12", "2.12.2025", "1 Dec", "02 दिसंबर".</summary>
internal static class DateWords
{
    /// <summary>Words for a day relative to the message's arrival, as days back. In a report कल/kal is yesterday: a figure is never for tomorrow.</summary>
    public static readonly IReadOnlyDictionary<string, int> RelativeDays = NumberWords.Keyed(new Dictionary<string, int>
    {
        ["today"] = 0, ["aaj"] = 0, ["aj"] = 0, ["आज"] = 0, ["todays"] = 0, ["tday"] = 0,
        ["yesterday"] = 1, ["yesterdays"] = 1, ["kal"] = 1, ["कल"] = 1, ["ystd"] = 1,
        ["parso"] = 2, ["parson"] = 2, ["परसों"] = 2,
    });

    public static readonly IReadOnlyDictionary<string, int> Months = NumberWords.Keyed(new Dictionary<string, int>
    {
        ["jan"] = 1, ["january"] = 1, ["जनवरी"] = 1,
        ["feb"] = 2, ["february"] = 2, ["फरवरी"] = 2, ["फ़रवरी"] = 2,
        ["mar"] = 3, ["march"] = 3, ["मार्च"] = 3,
        ["apr"] = 4, ["april"] = 4, ["अप्रैल"] = 4, ["अप्रेल"] = 4,
        ["may"] = 5, ["मई"] = 5,
        ["jun"] = 6, ["june"] = 6, ["जून"] = 6,
        ["jul"] = 7, ["july"] = 7, ["जुलाई"] = 7,
        ["aug"] = 8, ["august"] = 8, ["अगस्त"] = 8,
        ["sep"] = 9, ["sept"] = 9, ["september"] = 9, ["सितंबर"] = 9, ["सितम्बर"] = 9,
        ["oct"] = 10, ["october"] = 10, ["अक्टूबर"] = 10, ["अक्तूबर"] = 10,
        ["nov"] = 11, ["november"] = 11, ["नवंबर"] = 11, ["नवम्बर"] = 11,
        ["dec"] = 12, ["december"] = 12, ["दिसंबर"] = 12, ["दिसम्बर"] = 12,
    });

    /// <summary>"1st Dec": the suffix is read with the day.</summary>
    public static readonly IReadOnlySet<string> OrdinalSuffixes = NumberWords.KeyedSet("st", "nd", "rd", "th");

    /// <summary>
    /// The date a day and month (and perhaps a year) stand for, or null if there is no such day.
    /// Without a year it is the nearest such date to today, a year either way ("31/12" sent on 2 Jan is last year's).
    /// A date a few days ahead stays in the future and is reported as such.
    /// </summary>
    public static DateOnly? Resolve(int day, int month, int? year, DateOnly today)
    {
        if (month is < 1 or > 12 || day < 1) return null;
        int y = year switch
        {
            null => today.Year,
            < 100 => 2000 + year.Value,
            _ => year.Value,
        };
        if (year is not null)
            return y is < 2000 or > 2100 || day > DateTime.DaysInMonth(y, month) ? null : new DateOnly(y, month, day);
        // Rule 3: without a year, the nearest such date to today, before or after ("31/12" on 2 Jan is last year's,
        // "02/01" on 30 Dec next year's, which is a future date).
        DateOnly? nearest = null;
        for (int candidate = y - 1; candidate <= y + 1; candidate++)
        {
            if (candidate is < 2000 or > 2100 || day > DateTime.DaysInMonth(candidate, month)) continue;
            var date = new DateOnly(candidate, month, day);
            if (nearest is null || Math.Abs(date.DayNumber - today.DayNumber) < Math.Abs(nearest.Value.DayNumber - today.DayNumber))
                nearest = date;
        }
        return nearest;
    }
}
