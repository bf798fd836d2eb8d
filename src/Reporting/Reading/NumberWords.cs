namespace ReportBot.Reporting.Reading;

/// <summary>The words that are, or scale, a count: "2 hazar", "1 लाख 96 हजार 810", "1.2k", "nil".</summary>
internal static class NumberWords
{
    /// <summary>Multipliers by exact key. Both spellings of हजार/हज़ार fold to one key.</summary>
    public static readonly IReadOnlyDictionary<string, long> Multipliers = Keyed(new Dictionary<string, long>
    {
        ["k"] = 1_000, ["K"] = 1_000, ["thousand"] = 1_000, ["thousands"] = 1_000,
        ["hazar"] = 1_000, ["hazaar"] = 1_000, ["hajar"] = 1_000, ["hajaar"] = 1_000, ["hazzar"] = 1_000,
        ["हजार"] = 1_000, ["हज़ार"] = 1_000, ["हज़ार"] = 1_000,
        ["hundred"] = 100, ["sau"] = 100, ["सौ"] = 100,
        ["lakh"] = 100_000, ["lakhs"] = 100_000, ["lac"] = 100_000, ["lacs"] = 100_000, ["lakh"] = 100_000,
        ["लाख"] = 100_000,
        ["crore"] = 10_000_000, ["crores"] = 10_000_000, ["करोड़"] = 10_000_000, ["करोड"] = 10_000_000,
    });

    /// <summary>Words that mean a count of zero: "Benipur nil".</summary>
    public static readonly IReadOnlySet<string> Zero = KeyedSet("nil", "zero", "none", "शून्य", "निल", "जीरो");

    /// <summary>Rule 7: phrases that mean none at all ("Kiratpur aaj ek bhi nahi", "घनश्यामपुर - एक भी नहीं").</summary>
    public static readonly string[] ZeroPhrases =
        ["ek bhi nahi", "ek bhi nahin", "ek bhi nhi", "एक भी नहीं", "एक भी नही", "ek bhi nai"];

    internal static Dictionary<string, T> Keyed<T>(Dictionary<string, T> byText)
    {
        var keyed = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (text, value) in byText) keyed[NameKeys.Exact(text)] = value;
        return keyed;
    }

    internal static HashSet<string> KeyedSet(params string[] texts) =>
        texts.Select(t => NameKeys.Exact(t)).ToHashSet(StringComparer.Ordinal);
}
