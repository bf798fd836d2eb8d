namespace ReportBot.Reporting.Reading;

/// <summary>What a single word is, when it is not a unit or an indicator.</summary>
internal enum WordClass : byte
{
    /// <summary>Carries no figure or place: "block", "में", "sir", "made". Never mistaken for a unit name.</summary>
    Filler,
    /// <summary>
    /// Conversation, not report: "will", "send", "ok", "good morning". Never a unit name either, but a line with these
    /// and a unit and no figure ("Will send Benipur figure by 5 pm") is talk about a report, not a report missing its figure.
    /// </summary>
    Chatter,
    /// <summary>Says the sentence is about the whole district ("जिले में कुल ..."), so a count in it is no unit's.</summary>
    District,
    /// <summary>Follows a number that is a clock time ("4 pm", "4 बजे").</summary>
    Clock,
    /// <summary>Follows a number that is a percentage ("85 percent").</summary>
    Percent,
}

/// <summary>
/// The words around a figure that are not part of a unit's name. Keeping them out of tolerant matching is what stops
/// "me", "sir" or "bane" from being read as a misspelt unit; keeping them out of the "unknown word" tally is what lets a
/// sentence like "Benipur me aaj 1240 card bane" read as a report while "Meeting at 4 pm in collectorate" stays chatter.
/// </summary>
internal static class Vocabulary
{
    private static readonly string[] Fillers =
    [
        // Latin: the report's own words
        "block", "blk", "prakhand", "prakhand", "bdo", "mo", "moic", "phc", "chc", "unit",
        "made", "make", "making", "generated", "created", "done", "completed", "complete", "issued", "printed", "approved",
        "bane", "bana", "bani", "banaya", "banaye", "banae", "banai", "hue", "hua", "hui", "huye", "gaya", "gaye", "gayi",
        "total", "till", "upto", "now", "so", "far", "count", "no", "nos", "number", "numbers", "report", "reported",
        "reporting", "progress", "achievement", "ach", "achieved", "target", "daily", "day", "days", "data", "figure",
        "figures", "update", "updated", "status", "new", "sent", "send", "sending", "submitted", "dt", "date", "dated",
        "on", "of", "for", "in", "at", "to", "by", "from", "is", "are", "was", "were", "has", "have", "had", "been", "be",
        "the", "a", "an", "and", "or", "with", "as", "it", "this", "that", "these", "our", "my", "we", "i", "here", "there",
        "me", "mein", "main", "mai", "men", "mei", "ka", "ki", "ke", "ko", "se", "tak", "par", "pe", "hai", "hain", "he",
        "tha", "thi", "bhi", "aur", "kul", "tk", "ne", "hi", "ye", "yeh", "wo", "woh",
        "sir", "sirji", "madam", "mam", "maam", "ji", "all", "be", "hrs", "only", "approx", "about", "around", "near", "nearly", "more", "than", "less", "not", "yet",
        "beneficiary", "beneficiaries", "labharthi", "labhuk", "person", "persons", "people", "log", "logon",
        // Devanagari
        "प्रखंड", "प्रखण्ड", "ब्लॉक", "ब्लाक", "में", "मे", "मैं", "का", "की", "के", "को", "से", "तक", "पर", "ने", "भी", "और",
        "बने", "बना", "बनी", "बनाए", "बनाये", "बनाया", "बनाई", "हुए", "हुआ", "हुई", "गए", "गये", "गया", "गई", "कुल", "द्वारा",
        "है", "हैं", "था", "थे", "थी", "दिनांक", "तिथि", "संख्या", "रिपोर्ट", "प्रगति", "लक्ष्य", "उपलब्धि", "अब", "अभी",
        "सर", "श्रीमान", "महोदय", "जी",
        // Rule 2: the label of a unit line in Chhattisgarh's and Bihar's templates; rule 5: "sahi" before a corrected figure.
        "विकासखंड", "विकासखण्ड", "विकास", "खंड", "vikaskhand", "vikas", "khand", "dainik", "दैनिक",
        "sahi", "सही", "correct", "corrected",
        "लाभार्थी", "लाभुक", "व्यक्ति", "लोगों", "लोग", "दिन", "प्रतिदिन", "नया", "नए", "केवल", "लगभग", "करीब",
    ];

    private static readonly string[] ChatterWords =
    [
        "will", "shall", "send", "sending", "do", "please", "pls", "plz", "kindly", "dear", "respected", "resp",
        "ok", "okay", "okk", "yes", "noted", "thanks", "thank", "you", "thankyou", "ty", "good", "morning", "evening",
        "afternoon", "night", "gm", "sorry", "maaf", "माफ", "क्षमा", "namaste", "namaskar", "pranam", "jai", "hind", "by", "meeting", "call", "called",
        "कृपया", "धन्यवाद", "नमस्ते", "नमस्कार", "प्रणाम", "सुप्रभात", "ठीक", "हाँ", "जय", "हिंद", "बैठक", "भेजेंगे", "भेज",
    ];

    private static readonly string[] DistrictWords =
        ["district", "districts", "dist", "zila", "jila", "jile", "zile", "जिला", "जिले", "ज़िला", "ज़िले", "जनपद"];

    private static readonly string[] ClockWords =
        ["am", "pm", "baje", "bje", "baj", "oclock", "बजे", "बज", "hrs", "hours", "hour", "min", "mins", "minute", "minutes", "ghante", "घंटे"];

    private static readonly string[] PercentWords = ["percent", "pc", "pct", "prcnt", "प्रतिशत", "फीसदी"];

    private static readonly Dictionary<string, WordClass> Classes = Build();

    private static Dictionary<string, WordClass> Build()
    {
        var classes = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        foreach (var w in Fillers) classes[NameKeys.Exact(w)] = WordClass.Filler;
        foreach (var w in ChatterWords) classes[NameKeys.Exact(w)] = WordClass.Chatter;
        foreach (var w in DistrictWords) classes[NameKeys.Exact(w)] = WordClass.District;
        foreach (var w in PercentWords) classes[NameKeys.Exact(w)] = WordClass.Percent;
        // Clock words win over fillers ("hrs"): after a number they make it a time; alone they are harmless.
        foreach (var w in ClockWords) classes[NameKeys.Exact(w)] = WordClass.Clock;
        return classes;
    }

    public static bool TryClassify(string key, out WordClass wordClass) => Classes.TryGetValue(key, out wordClass);
}
