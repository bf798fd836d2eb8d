using System.Globalization;
using System.Text;

namespace ReportBot.Reporting.Rhythm;

/// <summary>
/// How many columns a text takes in WhatsApp's monospace block (```), so that a table pads and cuts by what the
/// reader sees, not by UTF-16 length: "जाले" is four chars but three columns.
/// <list type="bullet">
/// <item>A non-spacing or enclosing mark (Mn, Me: Devanagari's virama ्, nukta ़, anusvara ं, candrabindu ँ, the
/// vowel signs ु ू ृ े ै) and a format character (Cf: ZWJ, ZWNJ) sit on the letter before them: 0.</item>
/// <item>A spacing mark (Mc: ा ि ी ो ौ ः) advances the line by a letter's width of its own: 1 — as wcwidth and
/// terminals count it. The choice errs wide: a name cut a column early, never a column that runs past the screen.</item>
/// <item>An emoji in its own picture form (☀ followed by U+FE0F, or anything from U+1F000 up): 2.</item>
/// <item>Everything else — Latin, digits, a Devanagari letter or digit, ▲ —: 1.</item>
/// </list>
/// A conjunct (क्ष: क ् ष) counts its letters, 2; a phone's Devanagari font is proportional anyway, so alignment is
/// as close as monospace allows, and the numbers after the names still line up column for column.
/// </summary>
public static class DisplayWidth
{
    public static int Of(string text)
    {
        var width = 0;
        var runes = text.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
            width += Of(runes[i], i + 1 < runes.Count ? runes[i + 1] : null);
        return width;
    }

    static int Of(Rune rune, Rune? next)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format:
                return 0;
            case UnicodeCategory.SpacingCombiningMark:
                return 1;
        }
        if (rune.Value >= 0x1F000 || next?.Value == 0xFE0F)
            return 2;
        return 1;
    }

    /// <summary><paramref name="text"/> padded with spaces on the right to <paramref name="width"/> columns.</summary>
    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - Of(text)));

    /// <summary><paramref name="text"/> padded with spaces on the left to <paramref name="width"/> columns.</summary>
    public static string PadLeft(string text, int width) => new string(' ', Math.Max(0, width - Of(text))) + text;

    /// <summary>
    /// A name cut to at most <paramref name="width"/> columns, by one rule in every language: whole if it fits; else
    /// the first word and the initials of the rest ("Kusheshwar Asthan East" → "Kusheshwar AE"); else the first word
    /// cut with "." before those initials ("Kushes. AE", "Kushesh. A": "East" keeps two neighbours apart); else cut
    /// between letters (never between a letter and its vowel sign, never after a virama) and ended with "."
    /// ("Ghanshy.").
    /// </summary>
    public static string Fit(string name, int width)
    {
        if (Of(name) <= width)
            return name;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1)
        {
            var initials = string.Concat(words.Skip(1).Select(FirstLetter));
            if (Of(words[0]) + 1 + Of(initials) <= width)
                return words[0] + " " + initials;
            var room = width - 1 - Of(initials) - 1; // the first word's columns before its "."
            if (room >= MinimumWordStart && Cut(words[0], room) is { Length: > 0 } start)
                return start + ". " + initials;
        }
        return Cut(name, width - 1).TrimEnd() + ".";
    }

    /// <summary>Fewer letters than this of a first word say too little: the whole name is cut instead.</summary>
    const int MinimumWordStart = 3;

    /// <summary>The longest start of <paramref name="text"/> of at most <paramref name="width"/> columns, cut between graphemes.</summary>
    static string Cut(string text, int width)
    {
        var cut = new StringBuilder();
        var used = 0;
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext())
        {
            var grapheme = (string)graphemes.Current;
            var w = Of(grapheme);
            if (used + w > width)
                break;
            cut.Append(grapheme);
            used += w;
        }
        // A cut after a virama (श्) would join the "." that follows: end before that letter instead.
        while (cut.Length > 0 && cut[^1] == '\u094D')
            cut.Length = StringInfo.ParseCombiningCharacters(cut.ToString())[^1];
        return cut.ToString();
    }

    static string FirstLetter(string word)
    {
        var graphemes = StringInfo.GetTextElementEnumerator(word);
        return graphemes.MoveNext() ? (string)graphemes.Current : "";
    }
}
