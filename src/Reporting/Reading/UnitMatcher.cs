using ReportBot.Reporting.Catalog;

namespace ReportBot.Reporting.Reading;

internal enum MatchKind : byte { None, Unit, Ambiguous }

/// <summary>What a name matched: nothing, one unit, or several units it could equally be (indexes into the catalogue).</summary>
internal readonly record struct UnitMatch(MatchKind Kind, int[] Units)
{
    public static readonly UnitMatch None = new(MatchKind.None, []);

    public static UnitMatch Of(int[] units) =>
        units.Length == 1 ? new(MatchKind.Unit, units) : new(MatchKind.Ambiguous, units);
}

/// <summary>
/// Finds the unit a name (one or more words, already joined into a <see cref="NameKeys.Exact"/> key) stands for.
/// Every index is built once, in the constructor; matching allocates little and never scans the catalogue for an
/// exact name. Three ways of matching, from sure to less sure, each used only when the surer ones found nothing:
/// <list type="number">
/// <item>exact, on any name or alias (script-folded, spacing ignored);</item>
/// <item>tolerant: the same sound-alike key, or a few typing slips away, provided no other unit is about as close;</item>
/// <item>prefix: the leading word(s) of a longer name ("Kusheshwar"), which is ambiguous when two units share them.</item>
/// </list>
/// </summary>
internal sealed class UnitMatcher
{
    private readonly string[] names;
    private readonly Dictionary<string, int[]> exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> typo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> prefixes = new(StringComparer.Ordinal);
    // Every proper start (4 letters or more) of a sound-alike key that begins several units' names ("dongar").
    private readonly Dictionary<string, int[]> sharedStarts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> exactBySpan;
    // Typo keys bucketed by length: a key can only be within d edits of keys whose length is within d of its own.
    private readonly (string Key, int Unit)[][] typoByLength;
    private readonly string districtTypo;
    // Each unit's names in plain ASCII (transliterated, not folded): the second opinion on how close a rival is.
    private readonly string[][] asciiNames;

    /// <summary>The most words any name or alias has: how far ahead a reader needs to look for a name.</summary>
    public int MaxWords { get; }

    public UnitMatcher(IReadOnlyList<Unit> units, string district)
    {
        names = units.Select(u => u.Name).ToArray();
        districtTypo = NameKeys.Typo(NameKeys.Exact(district));
        var exactSets = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var typoSets = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var prefixSets = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        asciiNames = new string[units.Count][];
        for (int u = 0; u < units.Count; u++)
        {
            asciiNames[u] = NamesOf(units[u]).Select(n => NameKeys.Ascii(string.Concat(Words(n)))).Distinct().ToArray();
            foreach (var name in NamesOf(units[u]))
            {
                var words = Words(name);
                if (words.Length == 0) continue;
                MaxWords = Math.Max(MaxWords, words.Length);
                string key = string.Concat(words);
                Add(exactSets, key, u);
                Add(typoSets, NameKeys.Typo(key), u);
                for (int k = 1; k < words.Length; k++)
                {
                    string prefix = NameKeys.Typo(string.Concat(words.Take(k)));
                    if (prefix.Length >= 4) Add(prefixSets, prefix, u);
                }
            }
        }
        foreach (var (k, v) in exactSets) exact[k] = [.. v];
        foreach (var (k, v) in typoSets) typo[k] = [.. v];
        foreach (var (k, v) in prefixSets) prefixes[k] = [.. v];
        var startSets = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var (k, us) in typo)
            for (int length = MinSharedStart; length < k.Length; length++)
                foreach (int u in us) Add(startSets, k[..length], u);
        foreach (var (k, v) in startSets)
            if (v.Count > 1) sharedStarts[k] = [.. v];
        exactBySpan = exact.GetAlternateLookup<ReadOnlySpan<char>>();

        int longest = typo.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
        var buckets = new List<(string, int)>[longest + 1];
        for (int i = 0; i <= longest; i++) buckets[i] = [];
        foreach (var (k, us) in typo)
            foreach (int u in us) buckets[k.Length].Add((k, u));
        typoByLength = buckets.Select(b => b.ToArray()).ToArray();
    }

    public string NameOf(int unit) => names[unit];

    public UnitMatch Exact(ReadOnlySpan<char> exactKey) =>
        exactBySpan.TryGetValue(exactKey, out var units) ? UnitMatch.Of(units) : UnitMatch.None;

    /// <summary>
    /// A unit whose name is a few slips from <paramref name="exactKey"/>, never a guess: if another unit is about as
    /// close (within one more edit), the answer is <see cref="MatchKind.Ambiguous"/> with the close ones.
    /// </summary>
    public UnitMatch Tolerant(string exactKey)
    {
        string key = NameKeys.Typo(exactKey);
        if (key.Length < 3) return UnitMatch.None;
        int threshold = Threshold(key.Length);
        var hits = Near(key, threshold + 1);
        if (hits.Count == 0) return UnitMatch.None;
        int best = hits[0].Distance;
        if (best > threshold) return UnitMatch.None;
        // A sound-alike (distance 0) must simply be unique. A typo must be two edits closer than any rival, judged on
        // the folded key and, as a second opinion, on the plain spelling (so "Kurhni" is Kurhani, not Aurai, though
        // folding brings Aurai near); a rival as close on both is a real doubt (Laukah: Laukaha or Laukahi?).
        if (best == 0)
            return UnitMatch.Of(hits.Where(h => h.Distance == 0).Select(h => h.Unit).ToArray());
        string ascii = NameKeys.Ascii(exactKey);
        int bestAscii = AsciiDistance(ascii, hits[0].Unit, int.MaxValue / 2);
        var close = new List<int> { hits[0].Unit };
        foreach (var (unit, distance) in hits.Skip(1))
            if (distance <= best + 1 && AsciiDistance(ascii, unit, bestAscii + 1) <= bestAscii + 1)
                close.Add(unit);
        // A doubt between names several slips away is not worth a question: the writer meant neither, as far as we know.
        if (close.Count > 1 && best > 1) return UnitMatch.None;
        return UnitMatch.Of([.. close]);
    }

    private int AsciiDistance(string ascii, int unit, int bound)
    {
        int best = bound + 1;
        foreach (var name in asciiNames[unit])
            best = Math.Min(best, EditDistance.Bounded(ascii, name, Math.Min(bound, Math.Max(ascii.Length, name.Length))));
        return best;
    }

    /// <summary>The units whose name starts with these whole words ("Kusheshwar" → both Kusheshwar Asthans).</summary>
    public UnitMatch Prefix(string exactKey)
    {
        string key = NameKeys.Typo(exactKey);
        // The district's own name alone means the district ("Madhubani"), not the unit named after it ("Madhubani Sadar").
        if (key.Length < 4 || key == districtTypo) return UnitMatch.None;
        return prefixes.TryGetValue(key, out var units) ? UnitMatch.Of(units) : UnitMatch.None;
    }

    /// <summary>Fewest letters a shortened name must have before it is taken as the start of longer names.</summary>
    private const int MinSharedStart = 4;

    /// <summary>
    /// The units whose names (sound-alike keys) start with this one word's key, when there are several: "Dongar" is
    /// the start of both Dongargaon and Dongargarh. One unit, or none, is <see cref="UnitMatch.None"/>: tolerant
    /// matching decides those.
    /// </summary>
    public UnitMatch SharedStart(string exactKey)
    {
        if (exactKey.Length < MinSharedStart) return UnitMatch.None;
        string key = NameKeys.Typo(exactKey);
        if (key.Length < MinSharedStart || key == districtTypo) return UnitMatch.None;
        return sharedStarts.TryGetValue(key, out var found) ? UnitMatch.Of(found) : UnitMatch.None;
    }

    /// <summary>Up to <paramref name="max"/> units the writer may have meant, for a "did you mean" reply; empty when nothing is reasonably close.</summary>
    public IReadOnlyList<string> Suggest(string exactKey, int max = 2)
    {
        string key = NameKeys.Typo(exactKey);
        if (key.Length < 3) return [];
        var hits = Near(key, Math.Max(2, Threshold(key.Length) + 1));
        return hits.Take(max).Select(h => names[h.Unit]).ToArray();
    }

    public IReadOnlyList<string> NamesOf(int[] units) => units.Select(u => names[u]).ToArray();

    /// <summary>Each unit's closest name within <paramref name="bound"/> edits, closest first.</summary>
    private List<(int Unit, int Distance)> Near(string key, int bound)
    {
        var hits = new List<(int Unit, int Distance)>();
        if (typo.TryGetValue(key, out var same))
            foreach (int u in same) hits.Add((u, 0));
        int from = Math.Max(0, key.Length - bound), to = Math.Min(typoByLength.Length - 1, key.Length + bound);
        for (int len = from; len <= to; len++)
        {
            foreach (var (candidate, unit) in typoByLength[len])
            {
                int d = EditDistance.Bounded(key, candidate, bound);
                if (d > bound) continue;
                int at = hits.FindIndex(h => h.Unit == unit);
                if (at < 0) hits.Add((unit, d));
                else if (d < hits[at].Distance) hits[at] = (unit, d);
            }
        }
        hits.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Unit.CompareTo(b.Unit));
        return hits;
    }

    /// <summary>How many slips a name of this length may carry: none below five letters, where every slip makes another word.</summary>
    private static int Threshold(int length) => length switch
    {
        < 5 => 0,
        < 10 => 1,
        < 15 => 2,
        _ => 3,
    };

    private static IEnumerable<string> NamesOf(Unit unit)
    {
        yield return unit.Name;
        if (!string.IsNullOrWhiteSpace(unit.NameHi)) yield return unit.NameHi;
        foreach (var alias in unit.Aliases)
            if (!string.IsNullOrWhiteSpace(alias)) yield return alias;
    }

    /// <summary>A name's words as exact keys: "Baruraj (Motipur)" is two words, "baruraj" and "motipur".</summary>
    internal static string[] Words(string name)
    {
        var words = new List<string>();
        foreach (var token in Tokenizer.Tokenize(name))
            if (token.Kind == TokenKind.Word || token.Kind == TokenKind.Number)
            {
                string key = NameKeys.Exact(name.AsSpan(token.Start, token.Length));
                if (key.Length > 0) words.Add(key);
            }
        return [.. words];
    }

    private static void Add(Dictionary<string, SortedSet<int>> sets, string key, int unit)
    {
        if (key.Length == 0) return;
        if (!sets.TryGetValue(key, out var set)) sets[key] = set = [];
        set.Add(unit);
    }
}
