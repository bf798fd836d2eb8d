using System.Text;
using AnyAscii;

namespace ReportBot.Reporting.Reading;

/// <summary>
/// The two keys a name is looked up under.
/// The <em>exact</em> key keeps only letters and digits (Latin lower-cased, Devanagari folded by
/// <see cref="DevanagariText"/>), so "Hanuman Nagar", "HanumanNagar" and "hanuman-nagar" are one key.
/// The <em>typo</em> key is a rough sound-alike in ASCII, used only for tolerant matching: Devanagari is transliterated
/// (AnyAscii), then the spelling variations officials produce without meaning a different place are folded away
/// (sh/s, w/v, ph/f, z/j, ee/i, oo/u, aspirated h, doubled letters).
/// </summary>
internal static class NameKeys
{
    public static string Exact(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        AppendExact(text, sb);
        return sb.ToString();
    }

    public static void AppendExact(ReadOnlySpan<char> text, StringBuilder into)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is >= 'A' and <= 'Z') into.Append((char)(c + 32));
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9') into.Append(c);
            else if (DevanagariText.IsDevanagari(c)) i = DevanagariText.AppendFolded(text, i, into);
            else if (c > 127 && char.IsLetter(c)) into.Append(char.ToLowerInvariant(c));
        }
    }

    /// <summary>The exact key in lower-case ASCII letters: Devanagari transliterated, nothing folded.</summary>
    public static string Ascii(string exactKey)
    {
        if (IsAscii(exactKey)) return exactKey;
        var translit = exactKey.Transliterate();
        var sb = new StringBuilder(translit.Length);
        foreach (char c in translit)
            if (char.IsAsciiLetter(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    public static string Typo(string exactKey)
    {
        string ascii = IsAscii(exactKey) ? exactKey : exactKey.Transliterate().ToLowerInvariant();
        Span<char> buffer = ascii.Length <= 256 ? stackalloc char[ascii.Length] : new char[ascii.Length];
        int n = 0;
        for (int i = 0; i < ascii.Length; i++)
        {
            char c = ascii[i];
            if (c is < 'a' or > 'z') continue;
            char next = i + 1 < ascii.Length ? ascii[i + 1] : '\0';
            if (c == 'e' && next == 'e') { c = 'i'; i++; }
            else if (c == 'o' && next == 'o') { c = 'u'; i++; }
            // Rule 9: "oa" is typed for "ao" (Rajnandgoan, Dongargoan).
            else if (c == 'o' && next == 'a')
            {
                if (n == 0 || buffer[n - 1] != 'a') buffer[n++] = 'a';
                i++;
            }
            c = c switch { 'w' => 'v', 'f' => 'p', 'z' => 'j', 'q' => 'k', 'y' => 'i', _ => c };
            // Rule 9: ड़ and ढ़ between vowels are written r, rh, d or dh (Baheri/Bahedi, Kurhani/Kudhani, Marwan/Madwan):
            // after a vowel, d sounds as r. (The h of dh and rh goes with the other aspirates just below.)
            if (c == 'd' && n > 0 && IsVowel(buffer[n - 1])) c = 'r';
            // Aspiration is the commonest variation (Jhanjharpur/Janjharpur, ph/f, sh/s): drop an h after a consonant.
            if (c == 'h' && n > 0 && !IsVowel(buffer[n - 1])) continue;
            if (n > 0 && buffer[n - 1] == c) continue; // doubled letters: Benipatti/Benipati, Paroo/Paru
            buffer[n++] = c;
        }
        // AnyAscii writes anusvara as m; before a consonant other than p/b it sounds, and is typed, as n (पंडौल = Pandaul).
        for (int i = 0; i + 1 < n; i++)
            if (buffer[i] == 'm' && !IsVowel(buffer[i + 1]) && buffer[i + 1] is not ('p' or 'b' or 'm'))
                buffer[i] = 'n';
        return new string(buffer[..n]);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool IsAscii(string s)
    {
        foreach (char c in s)
            if (c > 127) return false;
        return true;
    }
}
