using ReportBot.Reporting.Catalog;

namespace ReportBot.Reporting.Reading;

/// <summary>
/// Reads what an official typed into figures, errors, a command, or nothing (chatter). Pure and thread-safe: build one
/// per district catalogue (all indexes are built here, once) and call <see cref="Read"/> from anywhere.
/// </summary>
/// <remarks>
/// The rules are those of the corpus README ("How reports posted in a group are read"); each has one home:
/// <list type="bullet">
/// <item>rule 1, labels: <see cref="Labels"/>, tables: <see cref="ColumnHeader"/>, and indicators: <see cref="LineIndicators"/>;</item>
/// <item>rule 2, a label line names the unit for what follows: <see cref="MessageState.LabelUnit"/> here;</item>
/// <item>rule 3, headers apply downwards: <see cref="ReadHeader"/> here;</item>
/// <item>rule 4, numbers that are not figures: <see cref="ListMarkers"/>, <see cref="NotFigures"/>, and sums: <see cref="MarkSums"/>;</item>
/// <item>rule 5, corrections: <see cref="Corrections"/>; rules 6 and 13, additions and comparisons: <see cref="Additions"/>;</item>
/// <item>rule 7, number words: <see cref="SpokenNumbers"/>, <see cref="NumberWords"/>; rule 8, two days: <see cref="LineDates"/>;</item>
/// <item>rule 9, names: <see cref="UnitMatcher"/>, <see cref="NameKeys"/>, <see cref="DevanagariText"/>, and the district: <see cref="IsDistrictName"/>;</item>
/// <item>rule 10, reports or talk: <see cref="ReadLine"/>, <see cref="ReadUnnamedLine"/>;</item>
/// <item>rules 11 and 12, one error per report, in the order unit, number, date, and the ceiling: <see cref="Evaluate"/>.</item>
/// </list>
/// A message is read line by line. Within a line every unit name starts a part, and the counts that follow it (or,
/// in "1240 Benipur", precede it) belong to that part.
/// </remarks>
public sealed class MessageReader
{
    private readonly ReaderSettings settings;
    private readonly UnitMatcher units;
    private readonly LineLexer lexer;
    private readonly string defaultIndicator;
    private readonly string district;
    private readonly Dictionary<string, string> canonicalNames;
    // Units with the district's own name among theirs (Darbhanga Sadar's alias "Darbhanga", the block Rajnandgaon).
    private readonly HashSet<int> districtNamed = [];
    private readonly HashSet<string> districtKeys;

    public MessageReader(DistrictCatalog catalog, ReaderSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Indicators.Count == 0) throw new ArgumentException("A catalogue needs at least one indicator.", nameof(catalog));
        this.settings = settings ?? ReaderSettings.Default;
        units = new UnitMatcher(catalog.Units, catalog.District);
        lexer = new LineLexer(units, catalog.Indicators);
        defaultIndicator = catalog.DefaultIndicator.Key;
        district = catalog.District;
        canonicalNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var unit in catalog.Units) canonicalNames.TryAdd(unit.Name, unit.Name);
        districtKeys = DistrictNameKeys(catalog);
        for (int u = 0; u < catalog.Units.Count; u++)
            if (new[] { catalog.Units[u].Name, catalog.Units[u].NameHi ?? "" }.Concat(catalog.Units[u].Aliases)
                .Any(n => districtKeys.Contains(string.Concat(UnitMatcher.Words(n)))))
                districtNamed.Add(u);
    }

    /// <summary>
    /// The district's name in both scripts, as exact keys. The catalogue gives it in Latin only; its Devanagari form
    /// is read off a unit named after it ("Darbhanga Sadar" / "दरभंगा सदर": दरभंगा; "Rajnandgaon" / "राजनांदगांव").
    /// </summary>
    private static HashSet<string> DistrictNameKeys(DistrictCatalog catalog)
    {
        var districtWords = UnitMatcher.Words(catalog.District);
        var keys = new HashSet<string>(StringComparer.Ordinal) { string.Concat(districtWords) };
        foreach (var unit in catalog.Units)
        {
            var name = UnitMatcher.Words(unit.Name);
            var hindi = UnitMatcher.Words(unit.NameHi ?? "");
            if (hindi.Length == name.Length && name.Length >= districtWords.Length && name.AsSpan(0, districtWords.Length).SequenceEqual(districtWords))
                keys.Add(string.Concat(hindi.Take(districtWords.Length)));
        }
        return keys;
    }

    public Reading Read(string text, IReadOnlyCollection<string> senderUnits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Commands.Match(text) is { } command) return new Reading([], [], command);

        var message = new MessageState(today, senderUnits ?? []);
        foreach (var line in text.Split('\n'))
            ReadLine(line, message);
        message.CloseLabelUnit(this);
        return message.Reports.Count == 0 && message.Errors.Count == 0
            ? Reading.Chatter
            : new Reading(message.Reports, message.Errors);
    }

    /// <summary>One unit's stretch of a line (or, for a label line, of several lines): the unit and its counts.</summary>
    private sealed class Part
    {
        /// <summary>Unit, AmbiguousUnit, Word (a name the reader does not know), or null for the stretch before any name.</summary>
        public ItemKind? Mention;
        public int[] Units = [];
        public string? UnitName;
        public string NameKey = "";
        public readonly List<Item> Counts = [];
        /// <summary>The line's date, for an error about a part with no figure.</summary>
        public DateOnly? Date;
        public int Start = -1, End;
        public string Line = "";
        /// <summary>A label line's fragment: its own line and the figure lines gathered under it.</summary>
        public string? Gathered;

        public void Cover(in Item item)
        {
            if (Start < 0 || item.Start < Start) Start = item.Start;
            End = Math.Max(End, item.End);
        }

        public string Fragment =>
            Gathered ?? (Start < 0 || End > Line.Length || Start >= End ? Line.Trim() : Line[Start..End].Trim());

        /// <summary>The unit's name as typed ("Xyzpur", "Kusheshwar"), which a reply quotes back.</summary>
        public string? NameText;
    }

    private sealed class MessageState(DateOnly today, IReadOnlyCollection<string> senderUnits)
    {
        public readonly DateOnly Today = today;
        public readonly IReadOnlyCollection<string> SenderUnits = senderUnits;
        public readonly List<ReadReport> Reports = [];
        public readonly List<ReadError> Errors = [];
        /// <summary>Rule 3: a date on a line of its own ("Date- 03/12/2025"), for the lines below it.</summary>
        public DateOnly? HeaderDate;
        /// <summary>Rule 3: an indicator on a line of its own ("*Vay Vandana card report*"), for the lines below it.</summary>
        public string? HeaderIndicator;
        /// <summary>Rule 1: the table whose header row is in force.</summary>
        public ColumnHeader? Table;
        /// <summary>
        /// Rule 2: a unit named on a line of its own ("Block- Benipur", "प्रखंड : बेनीपुर", "*Jale*"), gathering the figure
        /// lines below it ("Today- 1240", "Total- 15600") until another unit is named.
        /// </summary>
        public Part? LabelUnit;
        /// <summary>Rule 4: the units the message has reported for so far, which decide whose a bare "Total" line is.</summary>
        public readonly HashSet<string> NamedUnits = new(StringComparer.Ordinal);
        /// <summary>The message's share of tolerant matching (bounded work on hostile text).</summary>
        public readonly LineLexer.Budget Budget = new();

        public void CloseLabelUnit(MessageReader reader)
        {
            if (LabelUnit is null) return;
            reader.Evaluate(LabelUnit, this);
            LabelUnit = null;
        }
    }

    private void ReadLine(string raw, MessageState message)
    {
        string line = ListMarkers.Blank(Corrections.BlankStruck(raw));
        if (message.Table is { } table)
        {
            if (table.Rewrite(line) is { } row) line = row;
            else message.Table = null;
        }
        var items = lexer.Lex(line, message.Today, message.Budget);
        if (items.Count == 0) return;
        if (message.Table is null && ColumnHeader.TryParse(line, items, cell => lexer.Lex(cell, message.Today, message.Budget)) is { } header)
        {
            message.Table = header;
            return;
        }
        NotFigures.Mark(items, line);
        Additions.Mark(items);
        Labels.Assign(items);
        Corrections.Apply(items);
        LineIndicators.Assign(items, message.HeaderIndicator);
        DateOnly? lineDate = LineDates.Assign(items, message.HeaderDate);

        var leading = new Part { Line = line, Date = lineDate };
        var parts = new List<Part>();
        var current = leading;
        int unknownWords = 0;
        bool districtWide = false, headerWords = false;

        for (int x = 0; x < items.Count; x++)
        {
            var item = items[x];
            switch (item.Kind)
            {
                // Rule 9: "Darbhanga district", "मधुबनी जिले", "Darbhanga total": the district, not the unit named after it.
                case ItemKind.Unit or ItemKind.AmbiguousUnit when IsDistrictMention(items, x, line):
                    districtWide = true;
                    break;
                case ItemKind.Unit or ItemKind.AmbiguousUnit:
                    current = new Part { Line = line, Date = lineDate, Mention = item.Kind, Units = item.Units!, NameText = line[item.Start..item.End].Trim() };
                    if (item.Kind == ItemKind.Unit) current.UnitName = units.NameOf(item.Units![0]);
                    current.Cover(item);
                    parts.Add(current);
                    break;
                case ItemKind.Word:
                    // A name the reader does not know, written where a unit's name goes ("Xyzpur 40"), starts a part
                    // of its own, so that it is answered as an unknown unit instead of lending its count to the last one.
                    int countAt = NameRunEnd(items, x);
                    if (countAt > 0 && (current.Mention is null || current.Counts.Count > 0))
                    {
                        current = new Part { Line = line, Date = lineDate, Mention = ItemKind.Word };
                        for (int y = x; y < countAt; y++)
                        {
                            current.NameKey += items[y].Key;
                            current.Cover(items[y]);
                        }
                        current.NameText = line[current.Start..current.End].Trim();
                        parts.Add(current);
                        x = countAt - 1;
                    }
                    else unknownWords++;
                    break;
                case ItemKind.District:
                    districtWide = true;
                    unknownWords++;
                    break;
                case ItemKind.Chatter:
                    unknownWords++;
                    break;
                case ItemKind.ReportWord or ItemKind.Indicator:
                    headerWords = true;
                    break;
                case ItemKind.Count:
                    current.Counts.Add(item);
                    current.Cover(item);
                    break;
            }
        }

        if (parts.Count == 0)
        {
            ReadUnnamedLine(items, leading, lineDate, unknownWords, districtWide, message);
            return;
        }
        bool anyKnown = parts.Exists(p => p.Mention is ItemKind.Unit or ItemKind.AmbiguousUnit);
        // "Xyzpur 40" is a report from an unknown place only if the line is shaped like a report; prose is chatter.
        if (!anyKnown && (unknownWords > 0 || districtWide))
        {
            message.CloseLabelUnit(this);
            return;
        }

        if (leading.Counts.Count > 0)
        {
            if (parts[^1].Counts.Count == 0)
            {
                // "1240 Benipur", "1240 Benipur 980 Biraul": each count stands before its unit.
                for (int p = parts.Count - 1; p > 0; p--)
                {
                    parts[p].Counts.Clear();
                    parts[p].Counts.AddRange(parts[p - 1].Counts);
                }
                parts[0].Counts.Clear();
            }
            parts[0].Counts.InsertRange(0, leading.Counts);
            foreach (var count in leading.Counts) parts[0].Cover(count);
        }
        MarkSums(parts);

        message.CloseLabelUnit(this);
        // Rule 10: a unit is a report missing its figure only on a line shaped as a report: the unit alone, or with
        // labels ("Block- Benipur", "*Jale*", "Biraul -", "Today-"). "Jale me kal camp" is a notice.
        bool reportShaped = items.TrueForAll(i => i.Kind is ItemKind.Unit or ItemKind.AmbiguousUnit or ItemKind.Filler
            or ItemKind.Separator or ItemKind.Label or ItemKind.Indicator or ItemKind.ReportWord or ItemKind.Count
            // "Kanti 95%": a unit with a percentage where its figure should be is still a report missing its figure.
            or ItemKind.Neutral or ItemKind.Counted);
        bool anyFigure = parts.Exists(p => p.Counts.Count > 0);
        // Rule 2: a unit alone on its line names the unit for the figure lines below.
        if (parts.Count == 1 && parts[0] is { Mention: ItemKind.Unit, Counts.Count: 0 } && unknownWords == 0 && reportShaped)
        {
            var named = parts[0];
            named.Gathered = named.Fragment;
            message.LabelUnit = named;
            message.NamedUnits.Add(named.UnitName!);
            return;
        }
        foreach (var part in parts)
        {
            // Rule 10: prose that mentions a unit without a figure ("Benipur ko bolo report bheje") is not a failed report.
            if (part.Counts.Count == 0 && (unknownWords > 0 || headerWords || !anyFigure && !reportShaped)) continue;
            Evaluate(part, message);
        }
    }

    /// <summary>
    /// Rule 9: a unit's name that here means the district: with "jila"/"जिला"/"district" beside it, or, when the name
    /// is the district's own, followed by "total" or standing in a header line with a report word ("Darbhanga AB card update").
    /// </summary>
    private bool IsDistrictMention(List<Item> items, int x, string line)
    {
        if (x + 1 < items.Count && items[x + 1].Kind == ItemKind.District) return true;
        if (x > 0 && items[x - 1].Kind == ItemKind.District) return true;
        if (!IsDistrictName(items[x], line)) return false;
        int next = x + 1;
        while (next < items.Count && items[next].Kind is ItemKind.Separator) next++;
        if (next < items.Count && items[next] is { Kind: ItemKind.Label, Label: Label.Total } or { Kind: ItemKind.Sum }) return true;
        bool counts = false, reportWord = false;
        foreach (var item in items)
        {
            counts |= item.Kind == ItemKind.Count;
            reportWord |= item.Kind == ItemKind.ReportWord;
        }
        return reportWord && !counts;
    }

    /// <summary>Whether the name as typed is the district's own ("Darbhanga", "Rajnandgaon"), though it also names a unit.</summary>
    private bool IsDistrictName(in Item item, string line)
    {
        // Only a unit that has the district's name among its own can be written as the district's name.
        if (!Array.Exists(item.Units!, u => districtNamed.Contains(u))) return false;
        return item is { Kind: ItemKind.Unit } && string.Equals(units.NameOf(item.Units![0]), district, StringComparison.OrdinalIgnoreCase)
            || districtKeys.Contains(NameKeys.Exact(line.AsSpan(item.Start, item.End - item.Start)));
    }

    /// <summary>
    /// Rule 4: a total on a line that adds up the figures just before it ("AB 1240 | VV 35 | Total 1275"), or that comes
    /// after several units ("Musahari 720, Kurhani 980 - kul 1700"), is the message's own sum, never a running total.
    /// </summary>
    private static void MarkSums(List<Part> parts)
    {
        decimal before = 0;
        int figuresBefore = 0, unitsWithFigures = 0;
        foreach (var part in parts)
        {
            bool counted = false;
            for (int c = 0; c < part.Counts.Count; c++)
            {
                var count = part.Counts[c];
                if (count.Dropped || count.Relative || count.Label == Label.Target) continue;
                // "Benipur 1240, Biraul total 12450": Biraul's total follows one unit's figures, so it is Biraul's.
                if (count.Label == Label.Total && (unitsWithFigures > 1 || figuresBefore > 1 && count.Value == before))
                {
                    part.Counts[c] = count with { Dropped = true };
                    continue;
                }
                if (count.Label == Label.Total) continue;
                if (!counted) { unitsWithFigures++; counted = true; }
                before += count.Value;
                figuresBefore++;
            }
        }
    }

    /// <summary>A line that names no unit: a header (rule 3), a label line's figures (rule 2), a footer (rule 4), the sender's own figure, or chatter.</summary>
    private void ReadUnnamedLine(List<Item> items, Part leading, DateOnly? lineDate, int unknownWords, bool districtWide, MessageState message)
    {
        bool anyFigure = leading.Counts.Exists(c => !c.Dropped);
        if (!anyFigure)
        {
            ReadHeader(items, lineDate, unknownWords, message);
            return;
        }
        bool reportShaped = unknownWords == 0 && !districtWide;
        if (message.LabelUnit is { } labelled && reportShaped)
        {
            // "Block- Benipur" on one line, "Today- 1240" and "Total- 15600" below it.
            labelled.Counts.AddRange(leading.Counts);
            labelled.Gathered += "\n" + leading.Line.Trim();
            return;
        }
        message.CloseLabelUnit(this);
        if (districtWide) return;

        if (!reportShaped)
        {
            // "40 Xyzpur": a count, then a name the reader does not know, and nothing else.
            if (CountThenName(items) is { } nameKey)
            {
                leading.Mention = ItemKind.Word;
                leading.NameKey = nameKey;
                foreach (var item in items) leading.Cover(item);
                Evaluate(leading, message);
            }
            return;
        }
        // Rule 4: a "Total" line under a message about one unit is that unit's running total; after several, the sum.
        if (leading.Counts.TrueForAll(c => c.Dropped || c.Relative || c.Label is Label.Total or Label.Target) && message.NamedUnits.Count > 0)
        {
            if (message.NamedUnits.Count > 1) return;
            leading.Mention = ItemKind.Unit;
            leading.UnitName = message.NamedUnits.First();
            Evaluate(leading, message);
            return;
        }
        switch (message.SenderUnits.Count)
        {
            case 0:
                // Rule 10: a district official's figure with no unit is a remark about the district, not a report.
                return;
            case 1:
                string own = message.SenderUnits.First();
                leading.Mention = ItemKind.Unit;
                leading.UnitName = canonicalNames.GetValueOrDefault(own, own);
                Evaluate(leading, message);
                return;
            default:
                leading.Mention = ItemKind.AmbiguousUnit;
                Evaluate(leading, message, message.SenderUnits.ToArray());
                return;
        }
    }

    /// <summary>
    /// Rule 3: a line without a figure that gives a date ("Date- 03/12/2025", "दिनांक 03.12.2025") or an indicator
    /// ("*Vay Vandana card report*", "वय वंदना कार्ड") sets it for the lines below, until another header says otherwise.
    /// </summary>
    private static void ReadHeader(List<Item> items, DateOnly? lineDate, int unknownWords, MessageState message)
    {
        // Only a plain date line sets the date: "Kal se special camp" is a notice, and a wrong date is a wrong figure.
        if (lineDate is not null && unknownWords == 0) message.HeaderDate = lineDate;
        foreach (var item in items)
            if (item.Kind == ItemKind.Indicator)
            {
                message.HeaderIndicator = item.Key;
                break;
            }
        // A target with no unit (rule 1) is neither a figure nor a header; the label line above, if any, stays open.
    }

    /// <summary>
    /// A minus sign stuck to the number and standing free of what is before it ("Benipur -5", "Benipur: −120"); not a
    /// separator ("Benipur - 1240", "Benipur-1240") nor a range or date ("5-6", "02-12").
    /// </summary>
    private static bool IsSigned(string line, int start) =>
        start >= 1 && start <= line.Length && line[start - 1] is '-' or '−' or '–'
        && (start == 1 || char.IsWhiteSpace(line[start - 2]) || line[start - 2] is ':' or '=' or '(');

    /// <summary>Turns a part into reports, or into the one error per report that says what is wrong with it (rules 11, 12).</summary>
    private void Evaluate(Part part, MessageState message, string[]? candidates = null)
    {
        var fallbackDate = part.Date ?? message.HeaderDate ?? message.Today;
        var figures = part.Counts.TrueForAll(IsFigure) ? part.Counts : part.Counts.FindAll(IsFigure);
        long? soleValue = figures.Count == 1 ? WholeValue(figures[0].Value) : null;
        switch (part.Mention)
        {
            case ItemKind.Word:
                message.Errors.Add(new ReadError(ReadErrorKind.UnknownUnit, part.NameText ?? part.Fragment, units.Suggest(part.NameKey), null, soleValue, fallbackDate));
                return;
            case ItemKind.AmbiguousUnit:
                message.Errors.Add(new ReadError(ReadErrorKind.AmbiguousUnit, part.NameText ?? part.Fragment,
                    candidates ?? units.NamesOf(part.Units), null, soleValue, fallbackDate));
                return;
        }
        string unit = part.UnitName!;
        message.NamedUnits.Add(unit);
        if (figures.Count == 0)
        {
            // Rule 13: a figure given only relative to another day. Rule 1: only a target, or (rule 5) only a withdrawn
            // figure, is nothing to record and nothing to ask.
            if (part.Counts.Exists(c => c.Relative))
                message.Errors.Add(new ReadError(ReadErrorKind.AmbiguousNumber, part.Fragment, [], unit, null, fallbackDate, RelativeToAnotherDay: true));
            // No figure at all, or only withdrawn ones ("Benipur 1240 nahi"): ask for it. Only a target is chatter.
            else if (!part.Counts.Exists(c => c.Label == Label.Target))
                message.Errors.Add(new ReadError(ReadErrorKind.MissingNumber, part.Fragment, [], unit, null, fallbackDate));
            return;
        }
        // One figure per indicator, kind and day: two bare counts for the same one cannot both be it.
        HashSet<(string, ReportOp, DateOnly)>? ambiguous = null, answered = null;
        if (figures.Count > 1)
        {
            var seen = new HashSet<(string, ReportOp, DateOnly)>();
            foreach (var count in figures)
                if (!seen.Add((count.Key ?? defaultIndicator, OpOf(count), count.CountDate ?? fallbackDate)))
                    (ambiguous ??= []).Add((count.Key ?? defaultIndicator, OpOf(count), count.CountDate ?? fallbackDate));
        }
        foreach (var count in figures)
        {
            var (indicator, op, date) = (count.Key ?? defaultIndicator, OpOf(count), count.CountDate ?? fallbackDate);
            if (ambiguous is not null && ambiguous.Contains((indicator, op, date)))
            {
                // One error for the lot, however many counts share the key.
                if ((answered ??= []).Add((indicator, op, date)))
                    message.Errors.Add(new ReadError(ReadErrorKind.AmbiguousNumber, part.Fragment, [], unit, null, date));
                continue;
            }
            // A count below zero is no day's figure; read without its sign it would be a wrong one ("-5" is not 5).
            if (IsSigned(part.Line, count.Start))
                message.Errors.Add(new ReadError(ReadErrorKind.NegativeNumber, part.Fragment, [], unit, null, date));
            // Rule 11: the number's problem comes before the date's.
            else if (count.Value != decimal.Truncate(count.Value))
                message.Errors.Add(new ReadError(ReadErrorKind.InvalidNumber, part.Fragment, [], unit, null, date));
            // Rule 12: the ceiling is for a day's figure and an addition, as written; never for a running total.
            else if (op != ReportOp.Total && count.Value > settings.PlausibilityCeiling)
                message.Errors.Add(new ReadError(ReadErrorKind.ImplausibleNumber, part.Fragment, [], unit, WholeValue(count.Value), date));
            else if (date > message.Today || message.Today.DayNumber - date.DayNumber > settings.MaxDaysBack)
                message.Errors.Add(new ReadError(date > message.Today ? ReadErrorKind.FutureDate : ReadErrorKind.StaleDate,
                    part.Fragment, [], unit, WholeValue(count.Value), date));
            else if (WholeValue(count.Value) is { } value)
                message.Reports.Add(new ReadReport(unit, indicator, value, date, op,
                    Withdrawn: count.Withdrawn is { } withdrawn ? WholeValue(withdrawn) : null));
            else
                message.Errors.Add(new ReadError(ReadErrorKind.ImplausibleNumber, part.Fragment, [], unit, null, date));
        }
    }

    private static bool IsFigure(Item count) => !count.Dropped && !count.Relative && count.Label != Label.Target;

    private static ReportOp OpOf(in Item count) =>
        count.Label == Label.Total ? ReportOp.Total : count.Add ? ReportOp.Add : ReportOp.Set;

    private static long? WholeValue(decimal value) =>
        value == decimal.Truncate(value) && value <= long.MaxValue ? (long)value : null;

    /// <summary>Longest a name the reader does not know may be, in words.</summary>
    private const int MaxUnknownNameWords = 3;

    /// <summary>If the unknown words from <paramref name="x"/> are directly followed by a count, the index of that count; else -1.</summary>
    private static int NameRunEnd(List<Item> items, int x)
    {
        int y = x;
        while (y < items.Count && items[y].Kind == ItemKind.Word && y - x < MaxUnknownNameWords) y++;
        return y < items.Count && items[y].Kind == ItemKind.Count && IsNameLike(items, x, y) ? y : -1;
    }

    /// <summary>"40 Xyzpur": the name key, if the line is one count followed by unknown words and nothing else of note.</summary>
    private static string? CountThenName(List<Item> items)
    {
        int first = items.FindIndex(i => i.Kind is not (ItemKind.Filler or ItemKind.Separator or ItemKind.Date or ItemKind.Indicator));
        if (first < 0 || items[first].Kind != ItemKind.Count) return null;
        int end = first + 1;
        while (end < items.Count && items[end].Kind == ItemKind.Word && end - first <= MaxUnknownNameWords) end++;
        if (end == first + 1 || !IsNameLike(items, first + 1, end)) return null;
        for (int rest = end; rest < items.Count; rest++)
            if (items[rest].Kind is not (ItemKind.Filler or ItemKind.Separator or ItemKind.Date or ItemKind.Indicator)) return null;
        return string.Concat(items.Skip(first + 1).Take(end - first - 1).Select(i => i.Key));
    }

    /// <summary>Place names are at least three letters; shorter unknown words are more likely typos of little words.</summary>
    private static bool IsNameLike(List<Item> items, int from, int to)
    {
        int letters = 0;
        for (int i = from; i < to; i++) letters += items[i].Key?.Length ?? 0;
        return to > from && letters >= 3;
    }
}
