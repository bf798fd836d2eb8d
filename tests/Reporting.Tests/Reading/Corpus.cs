using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Tests.Reading;

/// <summary>One line of a corpus file (see ../shared/corpus/README.md).</summary>
public sealed record CorpusCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("district")] string District,
    [property: JsonPropertyName("today")] DateOnly Today,
    [property: JsonPropertyName("sender_units")] string[]? SenderUnits,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("expect")] CorpusExpectation Expect,
    [property: JsonPropertyName("note")] string? Note)
{
    /// <summary>Which file the case came from, for failure messages.</summary>
    [JsonIgnore] public string Source { get; init; } = "";
}

public sealed record CorpusExpectation(
    [property: JsonPropertyName("reports")] ExpectedReport[]? Reports,
    [property: JsonPropertyName("errors")] string[]? Errors,
    [property: JsonPropertyName("command")] string? Command,
    [property: JsonPropertyName("ignore")] bool? Ignore);

public sealed record ExpectedReport(
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("value")] long Value,
    [property: JsonPropertyName("indicator")] string? Indicator,
    [property: JsonPropertyName("date")] DateOnly? Date,
    [property: JsonPropertyName("op")] string? Op);

/// <summary>
/// Finds and loads the message corpus and the district data it refers to. The repository carries its own copy
/// (tests/Reporting.Tests/Corpus, copied beside the test assembly), so a clone tests without ../shared;
/// REPORTBOT_CORPUS_DIR and REPORTBOT_BLOCKS_DIR name another folder to run instead (a kept-back set, a new district).
/// Indicators come from indicators.csv beside the corpus.
/// </summary>
public static class Corpus
{
    /// <summary>The project's copy of the corpus, as built beside the test assembly.</summary>
    public static string OwnCorpusDir => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static string OwnBlocksDir => Path.Combine(OwnCorpusDir, "blocks");

    public static string CorpusDir =>
        Environment.GetEnvironmentVariable("REPORTBOT_CORPUS_DIR") is { Length: > 0 } dir ? Path.GetFullPath(dir) : OwnCorpusDir;

    public static string BlocksDir =>
        Environment.GetEnvironmentVariable("REPORTBOT_BLOCKS_DIR") is { Length: > 0 } dir ? Path.GetFullPath(dir) : OwnBlocksDir;

    /// <summary>Whether a folder other than the project's own copy was named (then failures print what was read).</summary>
    public static bool IsExternal =>
        Environment.GetEnvironmentVariable("REPORTBOT_CORPUS_DIR") is { Length: > 0 }
        || Environment.GetEnvironmentVariable("REPORTBOT_BLOCKS_DIR") is { Length: > 0 };

    /// <summary>The project's extra cases, copied beside the test assembly.</summary>
    public static string ExtraCasesDir => Path.Combine(AppContext.BaseDirectory, "Reading");

    /// <summary>../shared beside the repository, where the upstream corpus lives; null on a clone without it.</summary>
    public static string? SharedDir
    {
        get
        {
            var root = RepositoryRoot();
            if (root is null) return null;
            var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportBot.sln"))) return dir.FullName;
        return null;
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IEnumerable<CorpusCase> ReadCases(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Corpus directory {directory} does not exist");
        foreach (var file in Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            int lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (line.Trim().Length == 0) continue;
                var parsed = JsonSerializer.Deserialize<CorpusCase>(line, Json)
                    ?? throw new FormatException($"{file}:{lineNumber}: empty case");
                yield return parsed with { Source = $"{Path.GetFileName(file)}:{lineNumber}" };
            }
        }
    }

    public static IReadOnlyList<Indicator> Indicators => indicators.Value;

    private static readonly Lazy<IReadOnlyList<Indicator>> indicators = new(() =>
        CsvFile.Read(Path.Combine(CorpusDir, "indicators.csv"))
            .Select(r => new Indicator(r["key"], r["name"], r["name_hi"], CsvFile.List(r["aliases"]),
                string.Equals(r["default"], "yes", StringComparison.OrdinalIgnoreCase)))
            .ToArray());

    public static IReadOnlyList<Unit> UnitsOf(string district) =>
        CsvFile.Read(Path.Combine(BlocksDir, district.ToLowerInvariant() + ".csv"))
            .Select(r => new Unit(r["block"], r["block_hi"] is { Length: > 0 } hi ? hi : null, CsvFile.List(r["aliases"])))
            .ToArray();

    public static IEnumerable<string> Districts =>
        Directory.GetFiles(BlocksDir, "*.csv").Select(f => CsvFile.Read(f)[0]["district"]).Order(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, MessageReader> readers = new(StringComparer.OrdinalIgnoreCase);

    public static DistrictCatalog CatalogOf(string district) => new(district, UnitsOf(district), Indicators);

    public static MessageReader ReaderFor(string district) =>
        readers.GetOrAdd(district, d => new MessageReader(CatalogOf(d)));
}
