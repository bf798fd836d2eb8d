using ReportBot.Reporting.Catalog;

namespace ReportBot.Reporting.Reading;

internal enum ItemKind : byte
{
    /// <summary>A unit name (one or more words), resolved to one unit.</summary>
    Unit,
    /// <summary>A name that fits several units equally ("Kusheshwar").</summary>
    AmbiguousUnit,
    /// <summary>A word the reader does not know: maybe an unknown place, maybe just prose.</summary>
    Word,
    /// <summary>A word that carries nothing ("block", "में", "sir").</summary>
    Filler,
    /// <summary>A conversational word ("will", "ok", "send"): not a name, and a sign the line is talk rather than a report.</summary>
    Chatter,
    /// <summary>A word that makes the sentence district-wide ("जिले").</summary>
    District,
    /// <summary>An indicator word ("VV", "आयुष्मान कार्ड").</summary>
    Indicator,
    /// <summary>A count, with its multipliers ("1 लाख 96 हजार 810", "+300", "nil").</summary>
    Count,
    /// <summary>A day ("02/12", "कल", "1 Dec").</summary>
    Date,
    /// <summary>A number that is not a count: a time, a percentage, a phone number.</summary>
    Neutral,
    /// <summary>A mark that separates clauses: comma, semicolon, full stop.</summary>
    Separator,
    /// <summary>A word that says what the next figure is (rule 1): "today", "total", "ab tak", "target"; see <see cref="Labels"/>.</summary>
    Label,
    /// <summary>"Grand total", "कुल योग": the message's own sum follows (rule 4), never a report.</summary>
    Sum,
    /// <summary>"nahi", "की जगह", "galat": the figure before it is withdrawn for the one after it (rule 5).</summary>
    Correction,
    /// <summary>"aur", "और", "and": joins two reports, or makes the figure beside it an addition (rule 6).</summary>
    And,
    /// <summary>"jodiye", "additional", "जोड़ें": the figure before it is an addition (rule 6).</summary>
    AddWord,
    /// <summary>"zyada", "more", "ज्यादा": an addition, or with a day named ("kal se"), a comparison (rules 6, 13).</summary>
    More,
    /// <summary>"kam", "less", "कम": with a day named, a comparison (rule 13).</summary>
    Less,
    /// <summary>"se", "से", "than": links a comparison to its day (rule 13).</summary>
    From,
    /// <summary>A thing counted that is not the indicator: "operator", "camp", "केंद्र", "staff", "Day" (rule 4).</summary>
    Counted,
    /// <summary>"report", "update", "रिपोर्ट": a header line's word (rule 9).</summary>
    ReportWord,
}

/// <summary>What a label says the figure beside it is (rule 1).</summary>
internal enum Label : byte
{
    /// <summary>No label: the day's figure.</summary>
    None,
    /// <summary>The day's figure, said so: "today", "aaj", "achieved", "उपलब्धि".</summary>
    Day,
    /// <summary>The drive's running total: "total", "ab tak", "cumulative", "प्रगति".</summary>
    Total,
    /// <summary>A target: "target", "tgt", "लक्ष्य": not a report.</summary>
    Target,
}

/// <summary>One meaningful piece of a line, with its place in the line so that the reply can quote what was typed.</summary>
internal struct Item
{
    public ItemKind Kind;
    public int Start, End;
    /// <summary>Unit / AmbiguousUnit: the unit(s), as catalogue indexes.</summary>
    public int[]? Units;
    /// <summary>Word: its exact key. Indicator: the indicator's key. Count: the indicator it counts toward, once assigned.</summary>
    public string? Key;
    public decimal Value;
    public bool Add;
    public DateOnly Date;
    /// <summary>Label: what it says. Count: what its labels made it (rule 1).</summary>
    public Label Label;
    /// <summary>Date: a word for today ("aaj", "आज"), which labels the day's figure and yields to a date header (rule 3).</summary>
    public bool IsToday;
    /// <summary>Date: taken by a comparison ("kal se"), so it dates no figure (rule 13).</summary>
    public bool Consumed;
    /// <summary>Count: withdrawn by a correction (rule 5) or the message's own sum (rule 4): not a figure.</summary>
    public bool Dropped;
    /// <summary>Count: the figure it corrects ("1240 nahi 1420": 1240 on the 1420), for the reply (rule 5).</summary>
    public decimal? Withdrawn;
    /// <summary>Count: relative to another day ("kal se 140 zyada", rule 13): not a figure.</summary>
    public bool Relative;
    /// <summary>Count: the date written nearest before it on its line (rule 8), and whether that was a word for today.</summary>
    public DateOnly? CountDate;
    public bool CountDateIsToday;
}

/// <summary>
/// Turns a line into <see cref="Item"/>s: numbers with whatever follows them (multiplier, month, "pm", "%"), and runs
/// of words resolved, longest name first, to units, indicators, date words and fillers. Words left over are tried
/// tolerantly against the unit names; what still matches nothing stays an unknown <see cref="ItemKind.Word"/>.
/// </summary>
internal sealed class LineLexer
{
    private readonly UnitMatcher units;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> indicatorByKey;
    private readonly int maxIndicatorWords;

    public LineLexer(UnitMatcher units, IReadOnlyList<Indicator> indicators)
    {
        this.units = units;
        indicatorByKey = BuildIndicatorIndex(indicators, out maxIndicatorWords).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static Dictionary<string, string> BuildIndicatorIndex(IReadOnlyList<Indicator> indicators, out int maxWords)
    {
        maxWords = 1;
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var indicator in indicators)
            foreach (var text in indicator.Aliases.Append(indicator.Name).Append(indicator.NameHi).Append(indicator.Key))
            {
                if (string.IsNullOrWhiteSpace(text)) continue;
                var words = UnitMatcher.Words(text);
                if (words.Length == 0) continue;
                maxWords = Math.Max(maxWords, words.Length);
                index.TryAdd(string.Concat(words), indicator.Key);
            }
        return index;
    }

    /// <summary>
    /// How many unknown words one message may have tried tolerantly against the unit names. Tolerant matching is the
    /// reader's dearest step; a real message has a few unknown words, a hostile one (100 KB of made-up names) thousands,
    /// and beyond this budget they stay unknown words, so the work on any text stays bounded.
    /// </summary>
    public sealed class Budget
    {
        public const int TolerantWordsPerMessage = 200;
        public int TolerantWordsLeft = TolerantWordsPerMessage;
    }

    public List<Item> Lex(string line, DateOnly today, Budget? budget = null)
    {
        budget ??= new Budget();
        var tokens = Tokenizer.Tokenize(line);
        var items = new List<Item>(tokens.Count);
        int i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Number:
                    i = LexNumber(line, tokens, i, add: false, items, today);
                    break;
                case TokenKind.Punct when token.Punct == '+' && i + 1 < tokens.Count
                    && tokens[i + 1].Kind == TokenKind.Number && tokens[i + 1].Start == token.End:
                    i = LexNumber(line, tokens, i + 1, add: true, items, today);
                    break;
                case TokenKind.Punct:
                    if (IsSeparator(token.Punct))
                        items.Add(new Item { Kind = ItemKind.Separator, Start = token.Start, End = token.End });
                    i++;
                    break;
                default:
                    i = LexWords(line, tokens, i, items, today, budget);
                    break;
            }
        }
        return items;
    }

    private static bool IsSeparator(char c) => c is ',' or ';' or '|' or '&' or '/' or '.' or '?' or '!' or '\u0964' or '\u0965';

    private static string WordKey(string line, Token token) => NameKeys.Exact(line.AsSpan(token.Start, token.Length));

    private static bool IsWord(List<Token> tokens, int k) => k < tokens.Count && tokens[k].Kind == TokenKind.Word;

    // ---- numbers ------------------------------------------------------------------------------------------------

    private static int LexNumber(string line, List<Token> tokens, int i, bool add, List<Item> items, DateOnly today)
    {
        var token = tokens[i];
        int start = add ? token.Start - 1 : token.Start;
        var cluster = CountParser.Read(line.AsSpan(token.Start, token.Length));
        int k = i + 1;
        // Rule 4: money ("₹5 lakh", "Rs 500") is not a figure, multiplier and all.
        if (NotFigures.IsMoneyBefore(line, tokens, i))
        {
            while (IsWord(tokens, k) && NumberWords.Multipliers.ContainsKey(WordKey(line, tokens[k]))) k++;
            return Neutral(items, start, tokens[k - 1].End, k);
        }
        switch (cluster.Shape)
        {
            case NumberShape.Time:
                if (IsWord(tokens, k) && Vocabulary.TryClassify(WordKey(line, tokens[k]), out var c) && c == WordClass.Clock) k++;
                return Neutral(items, start, tokens[k - 1].End, k);
            case NumberShape.TooLong:
                return Neutral(items, start, token.End, k);
            case NumberShape.Date:
                var date = DateWords.Resolve(cluster.Day, cluster.Month, cluster.Year, today);
                if (date is null) return Neutral(items, start, token.End, k);
                items.Add(new Item { Kind = ItemKind.Date, Start = start, End = token.End, Date = date.Value });
                return k;
            case NumberShape.Pieces when cluster.Separator == '/' && cluster.Pieces!.Length == 2 && cluster.Pieces[0] <= cluster.Pieces[1]:
                // Rule 1: "540/600" is achieved over target; 540 is the day's figure, 600 a target.
                items.Add(new Item { Kind = ItemKind.Count, Start = start, End = token.End, Value = cluster.Pieces[0], Add = add });
                items.Add(new Item { Kind = ItemKind.Count, Start = start, End = token.End, Value = cluster.Pieces[1], Label = Label.Target });
                return k;
            case NumberShape.Pieces:
                foreach (var piece in cluster.Pieces!)
                    items.Add(new Item { Kind = ItemKind.Count, Start = start, End = token.End, Value = piece, Add = add });
                return k;
        }

        // "+91 98765 43210": a phone number written with its country code.
        if (add && cluster.Digits == 2 && cluster.Value == 91 && k < tokens.Count && tokens[k].Kind == TokenKind.Number)
        {
            while (k < tokens.Count && tokens[k].Kind == TokenKind.Number) k++;
            return Neutral(items, start, tokens[k - 1].End, k);
        }
        if (k < tokens.Count && tokens[k].Kind == TokenKind.Punct && tokens[k].Punct == '%')
            return Neutral(items, start, tokens[k].End, k + 1);

        if (IsWord(tokens, k))
        {
            string key = WordKey(line, tokens[k]);
            if (Vocabulary.TryClassify(key, out var wordClass))
            {
                if (wordClass == WordClass.Clock && cluster.Value <= 24) return Neutral(items, start, tokens[k].End, k + 1);
                if (wordClass == WordClass.Percent) return Neutral(items, start, tokens[k].End, k + 1);
            }
            if (cluster.Shape == NumberShape.Whole && cluster.Value is >= 1 and <= 31)
            {
                int monthAt = DateWords.OrdinalSuffixes.Contains(key) && IsWord(tokens, k + 1) ? k + 1 : k;
                if (DateWords.Months.TryGetValue(monthAt == k ? key : WordKey(line, tokens[monthAt]), out int month))
                    return LexDayMonth(line, tokens, (int)cluster.Value, month, start, monthAt + 1, items, today);
            }
            if (NumberWords.Multipliers.ContainsKey(key))
                return LexScaled(line, tokens, i, cluster.Value, add, start, items);
            // "2nd day", "3rd camp": an ordinal counts nothing.
            if (DateWords.OrdinalSuffixes.Contains(key) && tokens[k].Start == token.End)
                return Neutral(items, start, tokens[k].End, k + 1);
        }

        items.Add(new Item { Kind = ItemKind.Count, Start = start, End = token.End, Value = cluster.Value, Add = add });
        return k;
    }

    private static int Neutral(List<Item> items, int start, int end, int next)
    {
        items.Add(new Item { Kind = ItemKind.Neutral, Start = start, End = end });
        return next;
    }

    /// <summary>"1 Dec", "02 दिसंबर", "1st Dec 2025".</summary>
    private static int LexDayMonth(string line, List<Token> tokens, int day, int month, int start, int k, List<Item> items, DateOnly today)
    {
        int? year = null;
        if (k < tokens.Count && tokens[k].Kind == TokenKind.Number)
        {
            var next = CountParser.Read(line.AsSpan(tokens[k].Start, tokens[k].Length));
            if (next is { Shape: NumberShape.Whole, Digits: 4, Value: >= 2000 and <= 2100 })
            {
                year = (int)next.Value;
                k++;
            }
        }
        var date = DateWords.Resolve(day, month, year, today);
        if (date is null) return Neutral(items, start, tokens[k - 1].End, k);
        items.Add(new Item { Kind = ItemKind.Date, Start = start, End = tokens[k - 1].End, Date = date.Value });
        return k;
    }

    /// <summary>
    /// "2 hazar", "1.2k", "1 लाख 96 हजार 810", "2 हजार 5 सौ": terms with strictly falling multipliers, and perhaps a
    /// last plain number smaller than the last multiplier.
    /// </summary>
    private static int LexScaled(string line, List<Token> tokens, int i, decimal first, bool add, int start, List<Item> items)
    {
        decimal total = 0, term = first;
        long last = long.MaxValue;
        int k = i + 1;
        while (IsWord(tokens, k) && NumberWords.Multipliers.TryGetValue(WordKey(line, tokens[k]), out long multiplier) && multiplier < last)
        {
            total += term * multiplier;
            last = multiplier;
            k++;
            if (k >= tokens.Count || tokens[k].Kind != TokenKind.Number) break;
            var next = CountParser.Read(line.AsSpan(tokens[k].Start, tokens[k].Length));
            if (next.Shape is not (NumberShape.Whole or NumberShape.Fraction)) break;
            if (IsWord(tokens, k + 1) && NumberWords.Multipliers.TryGetValue(WordKey(line, tokens[k + 1]), out long following) && following < last)
            {
                term = next.Value;
                k++;
                continue;
            }
            if (next.Shape == NumberShape.Whole && next.Value < last)
            {
                total += next.Value;
                k++;
            }
            break;
        }
        items.Add(new Item { Kind = ItemKind.Count, Start = start, End = tokens[k - 1].End, Value = total, Add = add });
        return k;
    }

    // ---- words --------------------------------------------------------------------------------------------------

    /// <summary>Reads a run of words (brackets and hyphens may stand between the words of one name).</summary>
    private int LexWords(string line, List<Token> tokens, int i, List<Item> items, DateOnly today, Budget budget)
    {
        var run = new List<Token>();
        int k = i;
        while (k < tokens.Count)
        {
            if (tokens[k].Kind == TokenKind.Word) { run.Add(tokens[k]); k++; continue; }
            if (tokens[k].Kind == TokenKind.Punct && tokens[k].Punct is '(' or ')' or '[' or ']' or '-' && IsWordAhead(tokens, k)) { k++; continue; }
            break;
        }
        int n = run.Count;
        var keys = new string[n];
        for (int w = 0; w < n; w++) keys[w] = WordKey(line, run[w]);

        // Pass 1: sure things. Exact unit names (longest first), indicator words, date and filler words.
        var slots = new Item?[n];
        var spans = new int[n];
        for (int w = 0; w < n;)
        {
            int taken = SpokenNumbers.Read(keys, w, out decimal spoken);
            if (taken > 0)
            {
                slots[w] = new Item { Kind = ItemKind.Count, Start = run[w].Start, End = run[w + taken - 1].End, Value = spoken };
                spans[w] = taken;
                w += taken;
                continue;
            }
            taken = ExactUnit(keys, w, out var match);
            if (taken > 0)
            {
                slots[w] = UnitItem(match, run[w].Start, run[w + taken - 1].End);
            }
            // An indicator and a phrase may start on one word ("AB" and "ab tak"): the longer reading wins.
            else if ((taken = IndicatorAt(keys, w, out string? indicator)) > 0 && taken >= ReportPhrases.At(keys, w, out var phrase))
            {
                slots[w] = new Item { Kind = ItemKind.Indicator, Start = run[w].Start, End = run[w + taken - 1].End, Key = indicator };
            }
            else if ((taken = ReportPhrases.At(keys, w, out phrase)) > 0)
            {
                slots[w] = new Item
                {
                    Kind = phrase.Kind, Label = phrase.Label, Start = run[w].Start, End = run[w + taken - 1].End,
                    // A count's key is its indicator; a zero phrase ("ek bhi nahi") has none of its own.
                    Key = phrase.Kind == ItemKind.Count ? null : keys[w],
                };
            }
            else
            {
                taken = 1;
                slots[w] = SingleWord(keys[w], run[w], today);
            }
            spans[w] = taken;
            w += taken;
        }

        // Pass 2: what is left, tolerantly, a stretch of unknown words at a time.
        for (int w = 0; w < n;)
        {
            if (slots[w] is { Kind: ItemKind.Unit } && w + spans[w] < n && slots[w + spans[w]] is null)
            {
                ExtendUnit(keys, run, w, slots, spans);
                w += spans[w];
                continue;
            }
            if (slots[w] is not null) { w += spans[w]; continue; }
            int end = w;
            while (end < n && slots[end] is null) end++;
            ResolveUnknown(keys, run, w, end, slots, spans, budget);
            w = end;
        }

        for (int w = 0; w < n; w += spans[w]) items.Add(slots[w]!.Value);
        return k;
    }

    private static bool IsWordAhead(List<Token> tokens, int k)
    {
        while (k < tokens.Count && tokens[k].Kind == TokenKind.Punct && tokens[k].Punct is '(' or ')' or '[' or ']' or '-') k++;
        return k < tokens.Count && tokens[k].Kind == TokenKind.Word;
    }

    private int ExactUnit(string[] keys, int w, out UnitMatch match)
    {
        Span<char> buffer = stackalloc char[128];
        for (int length = Math.Min(units.MaxWords, keys.Length - w); length >= 1; length--)
        {
            if (!TryJoin(keys, w, length, buffer, out var joined)) continue;
            match = units.Exact(joined);
            if (match.Kind != MatchKind.None) return length;
        }
        match = UnitMatch.None;
        return 0;
    }

    private int IndicatorAt(string[] keys, int w, out string? indicator)
    {
        Span<char> buffer = stackalloc char[128];
        for (int length = Math.Min(maxIndicatorWords, keys.Length - w); length >= 1; length--)
            if (TryJoin(keys, w, length, buffer, out var joined) && indicatorByKey.TryGetValue(joined, out indicator))
                return length;
        indicator = null;
        return 0;
    }

    internal static bool TryJoin(string[] keys, int from, int count, Span<char> buffer, out ReadOnlySpan<char> joined)
    {
        int n = 0;
        for (int i = from; i < from + count; i++)
        {
            if (n + keys[i].Length > buffer.Length) { joined = default; return false; }
            keys[i].CopyTo(buffer[n..]);
            n += keys[i].Length;
        }
        joined = buffer[..n];
        return true;
    }

    private static Item? SingleWord(string key, Token token, DateOnly today)
    {
        var item = new Item { Start = token.Start, End = token.End, Key = key };
        if (NumberWords.Zero.Contains(key)) return item with { Kind = ItemKind.Count, Value = 0, Key = null };
        if (DateWords.RelativeDays.TryGetValue(key, out int back))
            return item with { Kind = ItemKind.Date, Date = today.AddDays(-back), IsToday = back == 0 };
        if (Vocabulary.TryClassify(key, out var wordClass))
            return item with
            {
                Kind = wordClass switch
                {
                    WordClass.District => ItemKind.District,
                    WordClass.Chatter => ItemKind.Chatter,
                    _ => ItemKind.Filler,
                },
            };
        // A month, multiplier or ordinal suffix without its number carries nothing.
        if (DateWords.Months.ContainsKey(key) || NumberWords.Multipliers.ContainsKey(key) || DateWords.OrdinalSuffixes.Contains(key))
            return item with { Kind = ItemKind.Filler };
        return null;
    }

    /// <summary>
    /// Unknown words [from, to): at each word, the longest stretch that matches a unit tolerantly, or failing that a
    /// unit name's leading words; a word that matches neither stays unknown.
    /// </summary>
    private void ResolveUnknown(string[] keys, List<Token> run, int from, int to, Item?[] slots, int[] spans, Budget budget)
    {
        for (int w = from; w < to;)
        {
            if (budget.TolerantWordsLeft <= 0)
            {
                slots[w] = new Item { Kind = ItemKind.Word, Start = run[w].Start, End = run[w].End, Key = keys[w] };
                spans[w] = 1;
                w++;
                continue;
            }
            budget.TolerantWordsLeft--;
            int longest = Math.Min(units.MaxWords, to - w), taken = 0;
            UnitMatch match = UnitMatch.None;
            // Rule 9: a shortened name that starts several units' names ("Dongar": Dongargaon, Dongargarh) is a question, not a guess.
            var shared = units.SharedStart(keys[w]);
            if (shared.Kind == MatchKind.Ambiguous) { match = shared; taken = 1; }
            for (int length = longest; length >= 1 && taken == 0; length--)
            {
                match = units.Tolerant(string.Concat(keys.AsSpan(w, length)));
                if (match.Kind != MatchKind.None) taken = length;
            }
            for (int length = longest; length >= 1 && taken == 0; length--)
            {
                match = units.Prefix(string.Concat(keys.AsSpan(w, length)));
                if (match.Kind != MatchKind.None) taken = length;
            }
            if (taken > 0)
            {
                slots[w] = UnitItem(match, run[w].Start, run[w + taken - 1].End);
            }
            else
            {
                taken = 1;
                slots[w] = new Item { Kind = ItemKind.Word, Start = run[w].Start, End = run[w].End, Key = keys[w] };
            }
            spans[w] = taken;
            w += taken;
        }
    }

    /// <summary>
    /// "Kusheshwar Asthan Est": an exact name followed by unknown words may be a longer name with a slip in its last
    /// words. The longer name wins if it matches tolerantly and unambiguously.
    /// </summary>
    private void ExtendUnit(string[] keys, List<Token> run, int w, Item?[] slots, int[] spans)
    {
        int exact = spans[w], unknown = 0;
        while (w + exact + unknown < keys.Length && slots[w + exact + unknown] is null) unknown++;
        for (int extra = Math.Min(unknown, units.MaxWords - exact); extra >= 1; extra--)
        {
            var match = units.Tolerant(string.Concat(keys.AsSpan(w, exact + extra)));
            if (match.Kind != MatchKind.Unit || match.Units[0] == slots[w]!.Value.Units![0]) continue;
            slots[w] = UnitItem(match, run[w].Start, run[w + exact + extra - 1].End);
            spans[w] = exact + extra;
            return;
        }
    }

    private static Item UnitItem(UnitMatch match, int start, int end) => new()
    {
        Kind = match.Kind == MatchKind.Unit ? ItemKind.Unit : ItemKind.AmbiguousUnit,
        Start = start,
        End = end,
        Units = match.Units,
    };
}
