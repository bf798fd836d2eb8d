using System.Globalization;

namespace ReportBot.Reporting.Reading;

internal enum TokenKind : byte { Word, Number, Punct }

/// <summary>
/// A run of letters (either script, with Devanagari vowel signs), a number cluster ("1,96,810", "2.12.2025", "4:30",
/// Devanagari digits included) or one punctuation mark, by its place in the text.
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, char Punct = '\0')
{
    public int End => Start + Length;
}

/// <summary>
/// Splits a line into tokens. Everything that is neither letter, digit nor meaningful punctuation (spaces, emoji, ✅,
/// WhatsApp's *bold* and _italic_ markers) only separates tokens. Letters and digits written together ("1.2k", "4pm",
/// "Benipur1240") become separate tokens: the number reader looks at the word that follows it.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        Tokenize(text, tokens);
        return tokens;
    }

    public static void Tokenize(ReadOnlySpan<char> text, List<Token> into)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            if (IsDigit(c))
            {
                i++;
                while (i < text.Length)
                {
                    if (IsDigit(text[i])) i++;
                    // Separators inside a number only when a digit follows: "1,240" is one cluster, "1240, 980" two.
                    else if (text[i] is ',' or '.' or '/' or ':' or '-' && i + 1 < text.Length && IsDigit(text[i + 1])) i += 2;
                    else break;
                }
                into.Add(new Token(TokenKind.Number, start, i - start));
            }
            else if (IsWordStart(c))
            {
                i++;
                while (i < text.Length && IsWordPart(text[i])) i++;
                into.Add(new Token(TokenKind.Word, start, i - start));
            }
            else
            {
                if (IsPunct(c)) into.Add(new Token(TokenKind.Punct, start, 1, c));
                i++;
            }
        }
    }

    public static bool IsDigit(char c) => c is >= '0' and <= '9' || DevanagariText.IsDigit(c);

    public static int DigitValue(char c) => c <= '9' ? c - '0' : c - '\u0966';

    private static bool IsWordStart(char c)
    {
        if (c < 128) return c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
        if (DevanagariText.IsDevanagari(c)) return !DevanagariText.IsDanda(c) && !DevanagariText.IsDigit(c);
        return char.IsLetter(c);
    }

    private static bool IsWordPart(char c)
    {
        if (IsWordStart(c)) return true;
        if (c < 128) return false;
        // Zero-width joiners shape Devanagari conjuncts inside a word.
        if (c is '\u200C' or '\u200D') return true;
        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    private static bool IsPunct(char c) => c switch
    {
        ',' or ';' or ':' or '=' or '-' or '(' or ')' or '[' or ']' or '{' or '}' or '/' or '.' or '+' or '%' or '|'
            or '&' or '?' or '!' or '\u2013' or '\u2014' or '\u0964' or '\u0965' => true,
        _ => false,
    };
}
