namespace ReportBot.Reporting.Reading;

/// <summary>
/// Rule 1, tables: a header row of cells split by '|' (<c>Block | Today | Total</c>, <c>प्रखंड | आज | अब तक</c>,
/// <c>Block | AB | VV</c>) gives its labels and indicators to the figures beneath it, column by column. Each row under
/// it is rewritten as the sentence a clerk would read it as ("मीनापुर | 610 | 7340" → "मीनापुर आज 610 ; अब तक 7340 ;"),
/// so labels, indicators and sums are read by the same rules as anywhere else.
/// </summary>
internal sealed class ColumnHeader
{
    private readonly string[] cells;

    private ColumnHeader(string[] cells) => this.cells = cells;

    /// <summary>A header is a '|' row with no figure and no unit, whose columns after the first name a label or an indicator.</summary>
    public static ColumnHeader? TryParse(string line, List<Item> items, Func<string, List<Item>> lex)
    {
        if (!line.Contains('|')) return null;
        foreach (var item in items)
            if (item.Kind is ItemKind.Count or ItemKind.Unit or ItemKind.AmbiguousUnit) return null;
        var cells = line.Split('|');
        if (cells.Length < 2) return null;
        bool labelled = false;
        for (int c = 1; c < cells.Length; c++)
            foreach (var item in lex(cells[c]))
                if (item.Kind is ItemKind.Indicator or ItemKind.Label || item is { Kind: ItemKind.Date, IsToday: true }) labelled = true;
        return labelled ? new ColumnHeader(cells.Select(c => c.Trim()).ToArray()) : null;
    }

    /// <summary>The row as a sentence, or null when the line is not a row of this table (the table has ended).</summary>
    public string? Rewrite(string row)
    {
        if (!row.Contains('|')) return null;
        var values = row.Split('|');
        var sentence = new System.Text.StringBuilder(row.Length + 32);
        sentence.Append(values[0]);
        for (int c = 1; c < values.Length; c++)
        {
            sentence.Append(' ');
            if (c < cells.Length) sentence.Append(cells[c]).Append(' ');
            sentence.Append(values[c]).Append(" ;");
        }
        return sentence.ToString();
    }
}
