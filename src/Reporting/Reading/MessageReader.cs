using ReportBot.Reporting.Catalog;

namespace ReportBot.Reporting.Reading;

/// <summary>
/// Reads what an official typed into figures, errors, a command, or nothing (chatter). Pure and thread-safe: build one
/// per district catalogue (all indexes are built here, once) and call <see cref="Read"/> from anywhere.
/// </summary>
/// <remarks>
/// A message is read line by line. Within a line every unit name starts a part, and the counts that follow it (or,
/// in "1240 Benipur", precede it) belong to that part, each to the indicator named beside it or to the default one.
/// A line that names no unit reports for the sender's own unit, but only when it is shaped like a report (a count and
/// nothing the reader does not understand): prose with a number in it is chatter, not a figure.
/// </remarks>
public sealed class MessageReader
{
    private readonly ReaderSettings settings;
    private readonly UnitMatcher units;
    private readonly LineLexer lexer;
    private readonly string defaultIndicator;
    private readonly Dictionary<string, string> canonicalNames;

    public MessageReader(DistrictCatalog catalog, ReaderSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Indicators.Count == 0) throw new ArgumentException("A catalogue needs at least one indicator.", nameof(catalog));
        this.settings = settings ?? ReaderSettings.Default;
        units = new UnitMatcher(catalog.Units, catalog.District);
        lexer = new LineLexer(units, catalog.Indicators);
        defaultIndicator = catalog.DefaultIndicator.Key;
        canonicalNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var unit in catalog.Units) canonicalNames.TryAdd(unit.Name, unit.Name);
    }

    public Reading Read(string text, IReadOnlyCollection<string> senderUnits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Commands.Match(text) is { } command) return new Reading([], [], command);

        var message = new MessageState(today, senderUnits ?? []);
        foreach (var line in text.Split('\n'))
            ReadLine(line, message);
        message.FlushPending(this);
        return message.Reports.Count == 0 && message.Errors.Count == 0
            ? Reading.Chatter
            : new Reading(message.Reports, message.Errors);
    }

    /// <summary>One unit's stretch of a line: the unit as written, and the counts and date that go with it.</summary>
    private sealed class Part
    {
        /// <summary>Unit, AmbiguousUnit, Word (a name the reader does not know), or null for the stretch before any name.</summary>
        public ItemKind? Mention;
        public int[] Units = [];
        public string? UnitName;
        public string NameKey = "";
        public readonly List<Item> Counts = [];
        public DateOnly? Date;
        public int Start = -1, End;
        public string Line = "";

        public void Cover(in Item item)
        {
            if (Start < 0 || item.Start < Start) Start = item.Start;
            End = Math.Max(End, item.End);
        }

        public string Fragment => Start < 0 ? Line.Trim() : Line[Start..End].Trim();

        /// <summary>The unit's name as typed ("Xyzpur", "Kusheshwar"), which a reply quotes back.</summary>
        public string? NameText;
    }

    private sealed class MessageState(DateOnly today, IReadOnlyCollection<string> senderUnits)
    {
        public readonly DateOnly Today = today;
        public readonly IReadOnlyCollection<string> SenderUnits = senderUnits;
        public readonly List<ReadReport> Reports = [];
        public readonly List<ReadError> Errors = [];
        /// <summary>A date on a line of its own ("Report dt 02/12"), for the lines below it.</summary>
        public DateOnly? HeaderDate;
        /// <summary>A unit on a line of its own, waiting for its figures on the next line.</summary>
        public Part? Pending;

        public void FlushPending(MessageReader reader)
        {
            if (Pending is null) return;
            reader.Evaluate(Pending, null, this);
            Pending = null;
        }
    }

    private void ReadLine(string line, MessageState message)
    {
        var items = lexer.Lex(line, message.Today);
        if (items.Count == 0) return;
        AssignIndicators(items);

        var leading = new Part { Line = line };
        var parts = new List<Part>();
        var current = leading;
        int unknownWords = 0;
        bool districtWide = false;
        DateOnly? soleDate = null;
        bool severalDates = false;

        for (int x = 0; x < items.Count; x++)
        {
            var item = items[x];
            switch (item.Kind)
            {
                // "Darbhanga district", "मधुबनी जिले": the district, not the unit named after it.
                case ItemKind.Unit or ItemKind.AmbiguousUnit when x + 1 < items.Count && items[x + 1].Kind == ItemKind.District:
                    districtWide = true;
                    break;
                case ItemKind.Unit or ItemKind.AmbiguousUnit:
                    current = new Part { Line = line, Mention = item.Kind, Units = item.Units!, NameText = line[item.Start..item.End].Trim() };
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
                        current = new Part { Line = line, Mention = ItemKind.Word };
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
                case ItemKind.Count:
                    current.Counts.Add(item);
                    current.Cover(item);
                    break;
                case ItemKind.Date:
                    current.Date ??= item.Date;
                    if (current.Mention is not null) current.Cover(item);
                    if (soleDate is null) soleDate = item.Date;
                    else if (soleDate != item.Date) severalDates = true;
                    break;
            }
        }
        // One date anywhere on the line ("23/11 Benipur 1240, Biraul 980") is the date of every part on it.
        DateOnly? lineDate = severalDates ? leading.Date : soleDate;

        if (parts.Count == 0)
        {
            ReadUnnamedLine(items, leading, lineDate, unknownWords, districtWide, message);
            return;
        }
        bool anyKnown = parts.Exists(p => p.Mention is ItemKind.Unit or ItemKind.AmbiguousUnit);
        // "Xyzpur 40" is a report from an unknown place only if the line is shaped like a report; prose is chatter.
        if (!anyKnown && (unknownWords > 0 || districtWide))
        {
            message.FlushPending(this);
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

        if (message.Pending is not null) message.FlushPending(this);
        // A unit alone on its line ("Benipur") may have its figures on the next line.
        if (parts.Count == 1 && parts[0] is { Mention: ItemKind.Unit, Counts.Count: 0 } && unknownWords == 0)
        {
            parts[0].Date ??= lineDate ?? message.HeaderDate;
            message.Pending = parts[0];
            return;
        }
        foreach (var part in parts)
        {
            // Prose that mentions a unit without a figure ("Benipur ko bolo report bheje") is not a failed report.
            if (part.Counts.Count == 0 && unknownWords > 0) continue;
            part.Date ??= lineDate;
            Evaluate(part, message.HeaderDate, message);
        }
    }

    /// <summary>A line that names no unit: a figure for the sender's own unit, a header date, or chatter.</summary>
    private void ReadUnnamedLine(List<Item> items, Part leading, DateOnly? lineDate, int unknownWords, bool districtWide, MessageState message)
    {
        if (leading.Counts.Count == 0)
        {
            if (lineDate is not null && unknownWords == 0 && message.Pending is null) message.HeaderDate = lineDate;
            return;
        }
        bool reportShaped = unknownWords == 0 && !districtWide;
        if (message.Pending is { } pending && reportShaped)
        {
            // "Benipur" on one line, "AB 1240" and "VV 85" below it.
            pending.Counts.AddRange(leading.Counts);
            foreach (var count in leading.Counts) pending.Cover(count);
            pending.Date = lineDate ?? pending.Date;
            return;
        }
        message.FlushPending(this);
        if (districtWide) return;
        leading.Date = lineDate;

        if (!reportShaped)
        {
            // "40 Xyzpur": a count, then a name the reader does not know, and nothing else.
            if (CountThenName(items) is { } nameKey)
            {
                leading.Mention = ItemKind.Word;
                leading.NameKey = nameKey;
                foreach (var item in items) leading.Cover(item);
                Evaluate(leading, message.HeaderDate, message);
            }
            return;
        }
        switch (message.SenderUnits.Count)
        {
            case 0:
                // A district official's figure with no unit is a remark about the district, not a report.
                return;
            case 1:
                string own = message.SenderUnits.First();
                leading.Mention = ItemKind.Unit;
                leading.UnitName = canonicalNames.GetValueOrDefault(own, own);
                Evaluate(leading, message.HeaderDate, message);
                return;
            default:
                leading.Mention = ItemKind.AmbiguousUnit;
                Evaluate(leading, message.HeaderDate, message, message.SenderUnits.ToArray());
                return;
        }
    }

    /// <summary>Turns a part into reports, or into the one error that says what is wrong with it.</summary>
    private void Evaluate(Part part, DateOnly? headerDate, MessageState message, string[]? candidates = null)
    {
        var date = part.Date ?? headerDate ?? message.Today;
        long? soleValue = part.Counts.Count == 1 ? WholeValue(part.Counts[0].Value) : null;
        switch (part.Mention)
        {
            case ItemKind.Word:
                message.Errors.Add(new ReadError(ReadErrorKind.UnknownUnit, part.NameText ?? part.Fragment, units.Suggest(part.NameKey), null, soleValue, date));
                return;
            case ItemKind.AmbiguousUnit:
                message.Errors.Add(new ReadError(ReadErrorKind.AmbiguousUnit, part.NameText ?? part.Fragment,
                    candidates ?? units.NamesOf(part.Units), null, soleValue, date));
                return;
        }
        string unit = part.UnitName!;
        if (part.Counts.Count == 0)
        {
            message.Errors.Add(new ReadError(ReadErrorKind.MissingNumber, part.Fragment, [], unit, null, date));
            return;
        }
        if (date > message.Today || message.Today.DayNumber - date.DayNumber > settings.MaxDaysBack)
        {
            var kind = date > message.Today ? ReadErrorKind.FutureDate : ReadErrorKind.StaleDate;
            message.Errors.Add(new ReadError(kind, part.Fragment, [], unit, soleValue, date));
            return;
        }
        // One figure per indicator: two bare counts for the same indicator cannot both be the day's figure.
        foreach (var group in part.Counts.GroupBy(c => c.Key ?? defaultIndicator))
        {
            if (group.Count() > 1)
            {
                message.Errors.Add(new ReadError(ReadErrorKind.AmbiguousNumber, part.Fragment, [], unit, null, date));
                continue;
            }
            var count = group.First();
            if (count.Value != decimal.Truncate(count.Value))
                message.Errors.Add(new ReadError(ReadErrorKind.InvalidNumber, part.Fragment, [], unit, null, date));
            else if (count.Value > settings.PlausibilityCeiling)
                message.Errors.Add(new ReadError(ReadErrorKind.ImplausibleNumber, part.Fragment, [], unit, WholeValue(count.Value), date));
            else
                message.Reports.Add(new ReadReport(unit, group.Key, (long)count.Value, date, count.Add ? ReportOp.Add : ReportOp.Set));
        }
    }

    private static long? WholeValue(decimal value) =>
        value == decimal.Truncate(value) && value <= long.MaxValue ? (long)value : null;

    /// <summary>
    /// Gives each count its indicator: the indicator word just before it ("VV 85"), or one just after it when no count
    /// follows that word ("1240 cards", "85 VV,"). Counts left without one go to the default indicator.
    /// </summary>
    private static void AssignIndicators(List<Item> items)
    {
        string? pending = null;
        for (int x = 0; x < items.Count; x++)
        {
            var item = items[x];
            if (item.Kind == ItemKind.Indicator)
            {
                int prev = x - 1, next = x + 1;
                while (prev >= 0 && items[prev].Kind is ItemKind.Filler or ItemKind.Date) prev--;
                while (next < items.Count && items[next].Kind is ItemKind.Filler or ItemKind.Date) next++;
                // "1240 Ayushman card aur 85 VV card": a count that has its own word after it does not take this one.
                bool countFollows = next < items.Count && items[next].Kind == ItemKind.Count
                    && !(After(items, next) is int beyond && items[beyond].Kind == ItemKind.Indicator);
                if (prev >= 0 && items[prev] is { Kind: ItemKind.Count, Key: null } && !countFollows)
                    items[prev] = items[prev] with { Key = item.Key };
                else
                    pending = item.Key;
            }
            else if (item.Kind == ItemKind.Count && pending is not null)
            {
                items[x] = item with { Key = pending };
                pending = null;
            }
        }
    }

    /// <summary>The index of the first item after <paramref name="x"/> that is not a filler or a date, if any.</summary>
    private static int? After(List<Item> items, int x)
    {
        int next = x + 1;
        while (next < items.Count && items[next].Kind is ItemKind.Filler or ItemKind.Date) next++;
        return next < items.Count ? next : null;
    }

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
