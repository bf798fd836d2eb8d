namespace ReportBot.Reporting.Reading;

/// <summary>
/// Rule 4: a list marker at the start of a line ("1.", "1)", "(1)", "१.", "▪️", "-") numbers the rows, it is no
/// figure. Markers are blanked out (not removed) so that every position in the line stays where it was typed, and
/// a reply can still quote the line.
/// </summary>
internal static class ListMarkers
{
    /// <summary>Most digits a row number has: a district has fewer than a thousand units.</summary>
    private const int MaxMarkerDigits = 3;

    public static string Blank(string line)
    {
        int i = 0;
        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        int start = i;
        bool open = i < line.Length && line[i] == '(';
        if (open) i++;
        int digitsFrom = i;
        while (i < line.Length && Tokenizer.IsDigit(line[i]) && i - digitsFrom < MaxMarkerDigits + 1) i++;
        int digits = i - digitsFrom;
        if (digits == 0 || digits > MaxMarkerDigits || i >= line.Length) return line;
        // "1." and "1)" and "(1)"; "1.5" and "1,240" are numbers, not markers.
        bool closed = open ? line[i] == ')' : line[i] is '.' or ')';
        if (!closed) return line;
        int end = i + 1;
        if (end < line.Length && Tokenizer.IsDigit(line[end])) return line;
        // A marker numbers something: a bare "5." on its own line is a figure, not a row number.
        int rest = end;
        while (rest < line.Length && char.IsWhiteSpace(line[rest])) rest++;
        if (rest >= line.Length) return line;
        return string.Create(line.Length, (line, start, end), static (span, s) =>
        {
            s.line.AsSpan().CopyTo(span);
            span[s.start..s.end].Fill(' ');
        });
    }
}
