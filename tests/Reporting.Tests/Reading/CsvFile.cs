namespace ReportBot.Reporting.Tests.Reading;

/// <summary>
/// Reads the shared data's CSV files, whose fields contain neither quotes nor commas (lists inside a field are
/// '|'-separated), so a split on commas is the whole grammar. Rows come back keyed by the header's column names.
/// </summary>
internal static class CsvFile
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length == 0) return [];
        var header = lines[0].Trim().TrimStart('\uFEFF').Split(',');
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.TrimEnd('\r').Split(',');
            if (fields.Length != header.Length)
                throw new FormatException($"{path}: expected {header.Length} fields, found {fields.Length} in \"{line}\"");
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second.Trim()));
        }
        return rows;
    }

    public static IReadOnlyList<string> List(string field) =>
        field.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
