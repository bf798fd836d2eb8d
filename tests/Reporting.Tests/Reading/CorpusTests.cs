using System.Text;
using ReportBot.Reporting.Reading;
using ReadingResult = ReportBot.Reporting.Reading.Reading;

namespace ReportBot.Reporting.Tests.Reading;

/// <summary>
/// Every case of the shared corpus (every *.jsonl in the corpus directory) and of this project's extra cases, read
/// and compared as the corpus README says: reports and errors order-insensitively, each expected one produced and
/// nothing else.
/// </summary>
public sealed class CorpusTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> cases = new(LoadAll);

    private static IReadOnlyDictionary<string, CorpusCase> LoadAll()
    {
        var all = new Dictionary<string, CorpusCase>(StringComparer.Ordinal);
        foreach (var c in Corpus.ReadCases(Corpus.CorpusDir).Concat(Corpus.ReadCases(Corpus.ExtraCasesDir)))
            if (!all.TryAdd(c.Id, c))
                throw new InvalidOperationException($"Case id {c.Id} appears twice ({all[c.Id].Source}, {c.Source})");
        return all;
    }

    public static TheoryData<string> CorpusCaseIds()
    {
        var ids = new TheoryData<string>();
        foreach (var c in Corpus.ReadCases(Corpus.CorpusDir)) ids.Add(c.Id);
        return ids;
    }

    public static TheoryData<string> ExtraCaseIds()
    {
        var ids = new TheoryData<string>();
        foreach (var c in Corpus.ReadCases(Corpus.ExtraCasesDir)) ids.Add(c.Id);
        return ids;
    }

    [Fact]
    public void Corpus_directory_exists_and_holds_cases()
    {
        Assert.True(Directory.Exists(Corpus.CorpusDir), $"Corpus directory {Corpus.CorpusDir} does not exist");
        Assert.NotEmpty(Corpus.ReadCases(Corpus.CorpusDir));
        Assert.NotEmpty(Corpus.ReadCases(Corpus.ExtraCasesDir));
    }

    [Theory]
    [MemberData(nameof(CorpusCaseIds))]
    public void Corpus_case_reads_as_expected(string id) => Check(cases.Value[id]);

    [Theory]
    [MemberData(nameof(ExtraCaseIds))]
    public void Extra_case_reads_as_expected(string id) => Check(cases.Value[id]);

    private static void Check(CorpusCase c)
    {
        var reading = Corpus.ReaderFor(c.District).Read(c.Text, c.SenderUnits ?? [], c.Today);
        var problems = Compare(c, reading);
        if (problems.Count == 0) return;
        Assert.Fail(Describe(c, reading, problems));
    }

    internal static List<string> Compare(CorpusCase c, ReadingResult reading)
    {
        var problems = new List<string>();
        var expect = c.Expect;
        var defaultIndicator = Corpus.CatalogOf(c.District).DefaultIndicator.Key;

        var expectedReports = (expect.Reports ?? [])
            .Select(r => ReportKey(r.Unit, r.Indicator ?? defaultIndicator, r.Value, r.Date ?? c.Today, r.Op ?? "set"))
            .ToList();
        var actualReports = reading.Reports
            .Select(r => ReportKey(r.Unit, r.Indicator, r.Value, r.Date, OpCode(r.Op)))
            .ToList();
        problems.AddRange(MultisetDifference("report", expectedReports, actualReports));

        var expectedErrors = (expect.Errors ?? []).ToList();
        var actualErrors = reading.Errors.Select(e => ErrorCode(e.Kind)).ToList();
        problems.AddRange(MultisetDifference("error", expectedErrors, actualErrors));

        string? actualCommand = reading.Command?.ToString().ToLowerInvariant();
        if (expect.Command != actualCommand)
            problems.Add($"command: expected {expect.Command ?? "none"}, read {actualCommand ?? "none"}");
        if (expect.Ignore == true && !reading.IsChatter)
            problems.Add("expected chatter (ignore), but something was read");
        return problems;
    }

    private static IEnumerable<string> MultisetDifference(string what, List<string> expected, List<string> actual)
    {
        var remaining = new List<string>(actual);
        foreach (var e in expected)
            if (!remaining.Remove(e)) yield return $"missing {what}: {e}";
        foreach (var extra in remaining) yield return $"unexpected {what}: {extra}";
    }

    private static string ReportKey(string unit, string indicator, long value, DateOnly date, string op) =>
        $"{unit} / {indicator} = {value} on {date:yyyy-MM-dd} ({op})";

    internal static string OpCode(ReportOp op) => op switch
    {
        ReportOp.Add => "add",
        ReportOp.Total => "total",
        _ => "set",
    };

    internal static string ErrorCode(ReadErrorKind kind) =>
        string.Concat(kind.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static string Describe(CorpusCase c, ReadingResult reading, List<string> problems)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Case {c.Id} ({c.Source}), district {c.District}, today {c.Today:yyyy-MM-dd}, sender units [{string.Join(", ", c.SenderUnits ?? [])}]");
        sb.AppendLine($"Text: {c.Text.Replace("\n", "\\n")}");
        if (c.Note is not null) sb.AppendLine($"Note: {c.Note}");
        foreach (var p in problems) sb.AppendLine("  " + p);
        sb.AppendLine("Read:");
        foreach (var r in reading.Reports) sb.AppendLine($"  report {ReportKey(r.Unit, r.Indicator, r.Value, r.Date, r.Op.ToString().ToLowerInvariant())}");
        foreach (var e in reading.Errors)
            sb.AppendLine($"  error {ErrorCode(e.Kind)} \"{e.Fragment}\" candidates [{string.Join(", ", e.Candidates)}] unit {e.Unit} value {e.Value} date {e.Date}");
        if (reading.Command is not null) sb.AppendLine($"  command {reading.Command}");
        if (reading.IsChatter) sb.AppendLine("  (chatter)");
        return sb.ToString();
    }
}
