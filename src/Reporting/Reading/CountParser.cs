namespace ReportBot.Reporting.Reading;

/// <summary>What a cluster of digits and separators is.</summary>
internal enum NumberShape : byte
{
    /// <summary>An integer: "1240", "1,240", "1,96,810", "196,810".</summary>
    Whole,
    /// <summary>A decimal: "12.5", "1.2" (of "1.2k").</summary>
    Fraction,
    /// <summary>"02/12", "2.12.2025", "23-11-25", "2025-12-02".</summary>
    Date,
    /// <summary>"4:30", "16:00".</summary>
    Time,
    /// <summary>Digits joined by separators that make no number, date or time ("1240/1300", "12,40"): each group is a number.</summary>
    Pieces,
    /// <summary>Too many digits to be a count: a phone number or an id.</summary>
    TooLong,
}

/// <summary>A number cluster read: its shape and, depending on the shape, its value, its date parts or its pieces.</summary>
internal readonly record struct NumberCluster(
    NumberShape Shape, decimal Value, int Digits, int Day = 0, int Month = 0, int? Year = null, decimal[]? Pieces = null,
    char Separator = '\0');

/// <summary>
/// Reads a number cluster as the tokenizer cut it, digits in either script. Commas group digits the Indian way
/// (1,96,810) or the Western way (196,810); a comma that fits neither separates two numbers. Only a cluster of ten or
/// more digits is refused outright: officials' phone numbers are ten digits, and no count is that large.
/// </summary>
internal static class CountParser
{
    /// <summary>Digits beyond which a cluster is not a count (a phone number is ten).</summary>
    public const int MaxCountDigits = 9;

    private const int MaxGroups = 8;

    public static NumberCluster Read(ReadOnlySpan<char> cluster)
    {
        Span<int> starts = stackalloc int[MaxGroups];
        Span<int> lengths = stackalloc int[MaxGroups];
        Span<char> seps = stackalloc char[MaxGroups];
        int groups = 0, digits = 0;
        for (int i = 0; i < cluster.Length;)
        {
            int start = i;
            while (i < cluster.Length && Tokenizer.IsDigit(cluster[i])) i++;
            if (groups == MaxGroups) return new(NumberShape.TooLong, 0, cluster.Length);
            starts[groups] = start;
            lengths[groups] = i - start;
            digits += i - start;
            if (i < cluster.Length) seps[groups] = cluster[i++];
            groups++;
        }
        if (groups == 1)
            return digits > MaxCountDigits ? new(NumberShape.TooLong, 0, digits) : new(NumberShape.Whole, Digits(cluster), digits);

        char sep = seps[0];
        bool sameSeps = !seps[..(groups - 1)].ContainsAnyExcept(sep);
        if (sameSeps)
        {
            switch (sep)
            {
                case ',' when IsGrouped(lengths[..groups]):
                    return digits > MaxCountDigits ? new(NumberShape.TooLong, 0, digits) : new(NumberShape.Whole, Digits(cluster), digits);
                case ':' when groups <= 3 && lengths[0] <= 2 && lengths[1] == 2:
                    int h = (int)Digits(Group(cluster, starts, lengths, 0)), m = (int)Digits(Group(cluster, starts, lengths, 1));
                    if (h <= 24 && m < 60) return new(NumberShape.Time, 0, digits);
                    break;
                case '.' when groups == 2:
                    if (lengths[0] > MaxCountDigits || lengths[1] > 6) return new(NumberShape.TooLong, 0, digits);
                    var fraction = Group(cluster, starts, lengths, 1);
                    decimal value = Digits(Group(cluster, starts, lengths, 0)) + Digits(fraction) / Pow10(fraction.Length);
                    return new(NumberShape.Fraction, value, digits);
                case '/' or '-' or '.' when groups is 2 or 3:
                    if (TryDate(cluster, starts, lengths, groups, out var date)) return date with { Digits = digits };
                    break;
            }
        }
        var pieces = new decimal[groups];
        for (int g = 0; g < groups; g++)
        {
            if (lengths[g] > MaxCountDigits) return new(NumberShape.TooLong, 0, digits);
            pieces[g] = Digits(Group(cluster, starts, lengths, g));
        }
        return new(NumberShape.Pieces, 0, digits, Pieces: pieces, Separator: sameSeps ? sep : '\0');
    }

    /// <summary>Western groups are all three digits after the first; Indian groups are two digits, then a final three.</summary>
    private static bool IsGrouped(ReadOnlySpan<int> lengths)
    {
        int last = lengths.Length - 1;
        if (lengths[last] != 3 || lengths[0] is < 1 or > 3) return false;
        bool western = true, indian = lengths[0] <= 2;
        for (int g = 1; g < last; g++)
        {
            western &= lengths[g] == 3;
            indian &= lengths[g] == 2;
        }
        return western || indian;
    }

    private static bool TryDate(ReadOnlySpan<char> cluster, Span<int> starts, Span<int> lengths, int groups, out NumberCluster date)
    {
        date = default;
        int a = lengths[0], b = lengths[1], c = groups == 3 ? lengths[2] : 0;
        // A two-part dotted cluster is a decimal, handled before; "2.12.2025" has three parts.
        if (groups == 3 && a == 4 && b <= 2 && c <= 2)
        {
            date = new(NumberShape.Date, 0, 0, Day: Int(cluster, starts, lengths, 2), Month: Int(cluster, starts, lengths, 1),
                Year: Int(cluster, starts, lengths, 0));
            return true;
        }
        if (a > 2 || b > 2 || (groups == 3 && c is not (2 or 4))) return false;
        int day = Int(cluster, starts, lengths, 0), month = Int(cluster, starts, lengths, 1);
        if (day is < 1 or > 31 || month is < 1 or > 12) return false;
        date = new(NumberShape.Date, 0, 0, Day: day, Month: month, Year: groups == 3 ? Int(cluster, starts, lengths, 2) : null);
        return true;
    }

    private static ReadOnlySpan<char> Group(ReadOnlySpan<char> cluster, Span<int> starts, Span<int> lengths, int g) =>
        cluster.Slice(starts[g], lengths[g]);

    private static int Int(ReadOnlySpan<char> cluster, Span<int> starts, Span<int> lengths, int g) =>
        (int)Digits(Group(cluster, starts, lengths, g));

    /// <summary>The value of the digits in <paramref name="text"/>, ignoring separators.</summary>
    public static decimal Digits(ReadOnlySpan<char> text)
    {
        long value = 0;
        foreach (char c in text)
            if (Tokenizer.IsDigit(c)) value = value * 10 + Tokenizer.DigitValue(c);
        return value;
    }

    private static decimal Pow10(int n)
    {
        decimal p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }
}
