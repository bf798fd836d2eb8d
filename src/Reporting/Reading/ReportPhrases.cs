namespace ReportBot.Reporting.Reading;

/// <summary>
/// One index of the words and phrases the reading rules give a meaning to, built from the word lists kept beside
/// each rule (<see cref="Labels"/>, <see cref="NotFigures"/>, <see cref="Corrections"/>, <see cref="Additions"/>), so
/// that the lexer looks each stretch of words up once, longest phrase first ("ab tak kul" before "ab tak").
/// </summary>
internal static class ReportPhrases
{
    internal readonly record struct Phrase(ItemKind Kind, Label Label);

    private static readonly int maxWords;
    private static readonly Dictionary<string, Phrase>.AlternateLookup<ReadOnlySpan<char>> ByKey =
        Build(out maxWords).GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, Phrase> Build(out int longest)
    {
        int most = 1;
        var index = new Dictionary<string, Phrase>(StringComparer.Ordinal);
        void Add(IEnumerable<string> texts, ItemKind kind, Label label = Label.None)
        {
            foreach (var text in texts)
            {
                var words = UnitMatcher.Words(text);
                if (words.Length == 0) continue;
                // A phrase listed under two rules keeps its first meaning; the lists are ordered surest first.
                if (index.TryAdd(string.Concat(words), new Phrase(kind, label)))
                    most = Math.Max(most, words.Length);
            }
        }
        Add(Labels.SumWords, ItemKind.Sum);
        Add(Labels.TotalWords, ItemKind.Label, Label.Total);
        Add(Labels.TargetWords, ItemKind.Label, Label.Target);
        Add(Labels.DayWords, ItemKind.Label, Label.Day);
        Add(NumberWords.ZeroPhrases, ItemKind.Count);
        Add(Corrections.Words, ItemKind.Correction);
        Add(Additions.AndWords, ItemKind.And);
        Add(Additions.AddWords, ItemKind.AddWord);
        Add(Additions.MoreWords, ItemKind.More);
        Add(Additions.LessWords, ItemKind.Less);
        Add(Additions.FromWords, ItemKind.From);
        Add(NotFigures.CountedWords, ItemKind.Counted);
        Add(Labels.ReportWords, ItemKind.ReportWord);
        longest = most;
        return index;
    }

    /// <summary>The number of words of the longest phrase starting at <paramref name="w"/>, or 0.</summary>
    public static int At(string[] keys, int w, out Phrase phrase)
    {
        Span<char> buffer = stackalloc char[128];
        for (int length = Math.Min(maxWords, keys.Length - w); length >= 1; length--)
            if (LineLexer.TryJoin(keys, w, length, buffer, out var joined) && ByKey.TryGetValue(joined, out phrase))
                return length;
        phrase = default;
        return 0;
    }
}
