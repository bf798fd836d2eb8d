namespace ReportBot.Reporting.Reading;

/// <summary>
/// Rule 7, numbers in words: "ek hazar do sau" (1200), "dedh hazar"/"डेढ़ हजार" (1500), "ढाई सौ" (250),
/// "sawa sau" (125), "सवा हजार" (1250), "साढ़े तीन हजार" (3500), "sadhe chaar sau" (450), "पौने दो हजार" (1750),
/// "paune teen sau" (275). A fraction word with no sau, hazar or lakh after it ("dedh", "sadhe do") is read as a
/// number that is not whole, which the reader answers as <c>invalid_number</c>. Digits with multipliers ("2 hazar")
/// are the lexer's; zero words ("ek bhi nahi", "nil") are <see cref="NumberWords"/>'.
/// </summary>
internal static class SpokenNumbers
{
    private static readonly Dictionary<string, int> Units = NumberWords.Keyed(new Dictionary<string, int>
    {
        ["ek"] = 1, ["एक"] = 1, ["do"] = 2, ["दो"] = 2, ["teen"] = 3, ["tin"] = 3, ["तीन"] = 3,
        ["char"] = 4, ["chaar"] = 4, ["chār"] = 4, ["चार"] = 4, ["panch"] = 5, ["paanch"] = 5, ["pach"] = 5, ["पांच"] = 5, ["पाँच"] = 5,
        ["chhe"] = 6, ["chhah"] = 6, ["chah"] = 6, ["che"] = 6, ["छह"] = 6, ["छः"] = 6, ["छे"] = 6,
        ["saat"] = 7, ["sat"] = 7, ["सात"] = 7, ["aath"] = 8, ["ath"] = 8, ["आठ"] = 8, ["nau"] = 9, ["नौ"] = 9,
        ["das"] = 10, ["dus"] = 10, ["दस"] = 10, ["gyarah"] = 11, ["ग्यारह"] = 11, ["barah"] = 12, ["बारह"] = 12,
        ["terah"] = 13, ["तेरह"] = 13, ["chaudah"] = 14, ["चौदह"] = 14, ["pandrah"] = 15, ["पंद्रह"] = 15,
        ["solah"] = 16, ["सोलह"] = 16, ["satrah"] = 17, ["सत्रह"] = 17, ["atharah"] = 18, ["अठारह"] = 18,
        ["unnis"] = 19, ["उन्नीस"] = 19, ["bees"] = 20, ["bis"] = 20, ["बीस"] = 20,
    });

    /// <summary>What a fraction word with no multiplier reads as: a number that is not whole (<c>invalid_number</c>).</summary>
    private const decimal NotWhole = 0.5m;

    private enum Fraction : byte { Dedh, Dhai, Sawa, Sadhe, Paune }

    private static readonly Dictionary<string, Fraction> Fractions = NumberWords.Keyed(new Dictionary<string, Fraction>
    {
        ["dedh"] = Fraction.Dedh, ["derh"] = Fraction.Dedh, ["डेढ़"] = Fraction.Dedh, ["डेढ"] = Fraction.Dedh,
        ["dhai"] = Fraction.Dhai, ["dhaai"] = Fraction.Dhai, ["ढाई"] = Fraction.Dhai,
        ["sawa"] = Fraction.Sawa, ["sava"] = Fraction.Sawa, ["सवा"] = Fraction.Sawa,
        ["sadhe"] = Fraction.Sadhe, ["saadhe"] = Fraction.Sadhe, ["sarhe"] = Fraction.Sadhe, ["साढ़े"] = Fraction.Sadhe, ["साढे"] = Fraction.Sadhe,
        ["paune"] = Fraction.Paune, ["pone"] = Fraction.Paune, ["पौने"] = Fraction.Paune, ["पोने"] = Fraction.Paune,
    });

    /// <summary>
    /// Reads a spoken number at <paramref name="w"/>: terms of falling multipliers, each "[fraction] [number] multiplier",
    /// and perhaps a last number word. Returns the words taken (0: none here). A bare number word ("do", "ek") is not
    /// read: without a multiplier it is as likely an ordinary word.
    /// </summary>
    public static int Read(string[] keys, int w, out decimal value)
    {
        value = 0;
        int k = w;
        long last = long.MaxValue;
        bool any = false;
        while (k < keys.Length)
        {
            int termStart = k;
            Fraction? fraction = Fractions.TryGetValue(keys[k], out var f) ? f : null;
            if (fraction is not null) k++;
            int? number = k < keys.Length && Units.TryGetValue(keys[k], out int n) ? n : null;
            if (number is not null) k++;
            if (k < keys.Length && NumberWords.Multipliers.TryGetValue(keys[k], out long multiplier) && multiplier < last
                && (fraction is not null || number is not null))
            {
                // "sadhe do hazar" is not how anyone says 2,500: read it as no whole number.
                if (Scale(fraction, number) is not { } scale) { value = NotWhole; return k + 1 - w; }
                value += scale * multiplier;
                last = multiplier;
                k++;
                any = true;
                continue;
            }
            // A fraction word with no multiplier after it: not a whole number (rule 7).
            if (fraction is not null && !any)
            {
                value = NotWhole;
                return k - w;
            }
            // "ek hazar do sau pachas": a last number word after a multiplier ends the number.
            if (any && fraction is null && number is not null && number < last) { value += number.Value; return k - w; }
            k = termStart;
            break;
        }
        return any ? k - w : 0;
    }

    private static decimal? Scale(Fraction? fraction, int? number) => fraction switch
    {
        null => number,
        Fraction.Dedh when number is null => 1.5m,
        Fraction.Dhai when number is null => 2.5m,
        Fraction.Sawa => (number ?? 1) + 0.25m,
        Fraction.Sadhe when number >= 3 => number + 0.5m,
        Fraction.Paune when number >= 1 => number - 0.25m,
        _ => null,
    };
}
