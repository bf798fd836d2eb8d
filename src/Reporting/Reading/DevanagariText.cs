using System.Text;

namespace ReportBot.Reporting.Reading;

/// <summary>
/// Folds the ways one Hindi word is commonly typed into one spelling, so that exact lookups work across keyboards:
/// nukta letters lose their nukta (ड़ = ड, ढ़ = ढ), nasalisation is dropped whichever way it is written (बोचहाँ =
/// बोचहां = बोचहा, सितम्बर = सितंबर = सितबर), and Devanagari digits become ASCII digits (README rule 9: none of these
/// ever decides between units). Joiners (ZWJ/ZWNJ) and spacing are dropped by the callers, which build keys from letters only.
/// </summary>
internal static class DevanagariText
{
    private const char Nukta = '\u093C', Virama = '\u094D', Anusvara = '\u0902', Chandrabindu = '\u0901';
    private const char Dda = '\u0921';

    public static bool IsDevanagari(char c) => c is >= '\u0900' and <= '\u097F';

    public static bool IsDigit(char c) => c is >= '\u0966' and <= '\u096F';

    /// <summary>Sentence marks (। ॥) are punctuation, not part of a word.</summary>
    public static bool IsDanda(char c) => c is '\u0964' or '\u0965';

    private static bool IsConsonant(char c) => c is >= '\u0915' and <= '\u0939' or >= '\u0958' and <= '\u095F';

    private static bool IsNasalConsonant(char c) => c is '\u0919' or '\u091E' or '\u0923' or '\u0928' or '\u092E';

    /// <summary>
    /// Appends the folded form of the Devanagari character at <paramref name="i"/> and returns the index of the last
    /// character it consumed (a half nasal consumes its virama too).
    /// </summary>
    public static int AppendFolded(ReadOnlySpan<char> text, int i, StringBuilder into)
    {
        char c = text[i];
        switch (c)
        {
            case Nukta:
                // Rule 9: the nukta never decides between units (ड़ = ड, ढ़ = ढ).
                return i;
            case Chandrabindu or Anusvara:
                // Rule 9: nor does nasalisation: बोचहाँ = बोचहां = बोचहा, राजनांदगांव = राजनादगाव.
                return i;
            case '\u095C': // precomposed ड़
                into.Append(Dda);
                return i;
            case >= '\u0958' and <= '\u095F': // other precomposed nukta letters: क़ ख़ ग़ ज़ ढ़ फ़ य़
                into.Append(PrecomposedBase[c - '\u0958']);
                return i;
            case >= '\u0966' and <= '\u096F':
                into.Append((char)('0' + (c - '\u0966')));
                return i;
            case '\u0964' or '\u0965':
                return i;
        }
        // A half nasal before a consonant is the anusvara written out (सितम्बर = सितंबर), and goes the same way.
        if (IsNasalConsonant(c) && i + 2 < text.Length && text[i + 1] == Virama && IsConsonant(text[i + 2]))
            return i + 1;
        into.Append(c);
        return i;
    }

    private static readonly char[] PrecomposedBase =
        ['\u0915', '\u0916', '\u0917', '\u091C', Dda, '\u0922', '\u092B', '\u092F'];
}
