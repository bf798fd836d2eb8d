using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ReportBot.Reporting.Exports;

namespace ReportBot.Data.Setup;

/// <summary>What can be set up from a spreadsheet, each in its own CSV format (README, "Setting up a district").</summary>
public enum SetupKind { Units, People, Campaigns, Targets }

/// <summary>One data line of a set-up file: its line number in the file and its fields by (lower-case) header.</summary>
public sealed record SetupLine(int Number, IReadOnlyDictionary<string, string> Fields)
{
    public string this[string column] => Fields.TryGetValue(column, out var value) ? value.Trim() : "";
}

/// <summary>The CSV formats, and reading and writing them (CsvHelper: quoting, BOMs and line ends are its business).</summary>
public static class SetupFiles
{
    public static readonly IReadOnlyDictionary<SetupKind, string[]> Columns = new Dictionary<SetupKind, string[]>
    {
        // The LGD block list's own format (../shared/data/blocks/*.csv).
        [SetupKind.Units] = ["district", "block", "block_hi", "lgd_code", "aliases", "level", "parent", "state"],
        [SetupKind.People] = ["district", "name", "phone", "role", "language", "units", "chat_names"],
        [SetupKind.Campaigns] = ["district", "campaign", "starts_on", "ends_on", "max_days_back", "plausibility_ceiling", "reporting_level"],
        [SetupKind.Targets] = ["district", "campaign", "unit", "indicator", "period", "target"],
    };

    /// <summary>Columns that may be left out of a file (their default applies).</summary>
    static readonly HashSet<string> Optional = ["block_hi", "lgd_code", "aliases", "level", "parent", "state", "language", "units", "chat_names", "max_days_back",
        "plausibility_ceiling", "reporting_level", "unit", "indicator", "period"];

    public static IReadOnlyList<SetupLine> Read(SetupKind kind, TextReader text)
    {
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        });
        if (!csv.Read() || !csv.ReadHeader())
            throw new SetupException([$"the file is empty; its first line must name the columns: {string.Join(",", Columns[kind])}"]);
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = Columns[kind].Where(c => !Optional.Contains(c) && !header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new SetupException([$"line 1: missing column(s) {string.Join(", ", missing)}; expected {string.Join(",", Columns[kind])}"]);

        var lines = new List<SetupLine>();
        var problems = new List<string>();
        while (csv.Read())
        {
            var fields = new Dictionary<string, string>();
            for (var i = 0; i < header.Length; i++)
                fields[header[i]] = csv.TryGetField<string>(i, out var value) ? value ?? "" : "";
            if (fields.Values.All(string.IsNullOrWhiteSpace))
                continue;
            problems.AddRange(fields.Select(f => Unreadable(csv.Parser.RawRow, f.Key, f.Value)).OfType<string>());
            lines.Add(new SetupLine(csv.Parser.RawRow, fields));
        }
        if (problems.Count > 0)
            throw new SetupException(problems);
        return lines;
    }

    /// <summary>
    /// Longer than any name, alias list or chat-name list a district has (the longest LGD names are under 60
    /// characters): a longer field is a file saved wrongly — a spreadsheet's whole column in one cell, a binary file.
    /// </summary>
    public const int MaxFieldLength = 500;

    /// <summary>Text is kept verbatim, so what PostgreSQL cannot store (NUL) or no person typed is refused, not trimmed.</summary>
    static string? Unreadable(int line, string column, string value) =>
        value.Contains('\0') ? $"line {line}: the {column} column holds a NUL character; save the file again as \"CSV UTF-8\" and re-import"
        : value.Length > MaxFieldLength ? $"line {line}: the {column} column is {value.Length} characters long (at most {MaxFieldLength}); check the file's columns"
        : null;

    /// <summary>Every cell is neutralised (<see cref="SpreadsheetText"/>): a name typed as a formula stays text in Excel.</summary>
    public static void Write(SetupKind kind, TextWriter text, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in Columns[kind])
            csv.WriteField(column);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row)
                csv.WriteField(SpreadsheetText.Neutralise(field));
            csv.NextRecord();
        }
    }
}

/// <summary>A set-up file that cannot be applied: every problem, each with its line number and what to change.</summary>
public sealed class SetupException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
