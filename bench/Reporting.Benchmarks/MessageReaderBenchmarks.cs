using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Benchmarks;

/// <summary>
/// Messages per second on the corpus's one-line messages (the everyday mix: plain reports, Hindi, typos, dates,
/// chatter, commands), against Darbhanga's 18 blocks and against a ~600-unit catalogue (all four districts' blocks
/// plus generated panchayat-like names), tolerant matching included. One operation = one message.
/// </summary>
[MemoryDiagnoser]
public class MessageReaderBenchmarks
{
    private MessageReader reader = null!;
    private (string Text, string[] Senders, DateOnly Today)[] messages = [];

    [Params("Darbhanga-18", "Mixed-600")]
    public string Catalogue { get; set; } = "";

    public const int Messages = 80; // one-line messages in the corpus mix; checked in setup

    [GlobalSetup]
    public void Setup()
    {
        var corpus = CorpusDir();
        var indicators = Indicators(corpus);
        var darbhanga = UnitsOf(Path.Combine(corpus, "blocks", "darbhanga.csv"));
        var units = Catalogue == "Darbhanga-18" ? darbhanga : MixedCatalogue(corpus, 600);
        reader = new MessageReader(new DistrictCatalog("Darbhanga", units, indicators));

        messages = File.ReadLines(Path.Combine(corpus, "messages.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(c => !c.GetProperty("text").GetString()!.Contains('\n'))
            .Select(c => (c.GetProperty("text").GetString()!,
                c.TryGetProperty("sender_units", out var s) ? s.EnumerateArray().Select(e => e.GetString()!).ToArray() : [],
                DateOnly.Parse(c.GetProperty("today").GetString()!)))
            .ToArray();
        if (messages.Length != Messages) throw new InvalidOperationException($"Expected {Messages} one-line messages, found {messages.Length}");
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int ReadCorpusMix()
    {
        int read = 0;
        foreach (var (text, senders, today) in messages)
            read += reader.Read(text, senders, today).Reports.Count;
        return read;
    }

    /// <summary>All real blocks, then deterministic made-up panchayat names ("Ramnagar Tola", "Sonbarsa") up to <paramref name="size"/>.</summary>
    private static List<Unit> MixedCatalogue(string corpus, int size)
    {
        var units = Directory.GetFiles(Path.Combine(corpus, "blocks"), "*.csv").Order().SelectMany(UnitsOf).ToList();
        string[] heads = ["Ram", "Sita", "Mahes", "Ganga", "Kamal", "Bhag", "Chand", "Dev", "Har", "Lakshmi", "Madhu", "Nar",
            "Shiv", "Sona", "Tara", "Bishun", "Kalyan", "Mohan", "Rani", "Sukh", "Jagdish", "Basant", "Pipra", "Bela", "Kharag"];
        string[] tails = ["pur", "nagar", "ganj", "gaon", "bari", "tola", "patti", "garh", "dih", "sarai", "ghat", "pura", "barsa", "chak"];
        string[] seconds = ["", "", "", " Uttari", " Dakshini", " Purbi", " Paschimi", " Tola", " Khurd", " Kalan"];
        var random = new Random(20251203);
        var seen = new HashSet<string>(units.Select(u => u.Name), StringComparer.OrdinalIgnoreCase);
        while (units.Count < size)
        {
            string name = heads[random.Next(heads.Length)] + tails[random.Next(tails.Length)] + seconds[random.Next(seconds.Length)];
            if (seen.Add(name)) units.Add(new Unit(name, null, []));
        }
        return units;
    }

    internal static Indicator[] Indicators(string corpus) =>
        Csv(Path.Combine(corpus, "indicators.csv"))
            .Select(r => new Indicator(r["key"], r["name"], r["name_hi"], List(r["aliases"]), r["default"] == "yes"))
            .ToArray();

    internal static List<Unit> UnitsOf(string csv) =>
        Csv(csv).Select(r => new Unit(r["block"], r["block_hi"], List(r["aliases"]))).ToList();

    private static string[] List(string field) => field.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The shared data's CSV: no quotes, no commas inside fields.</summary>
    private static IEnumerable<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second));
    }

    /// <summary>The repository's own copy of the corpus and block lists (tests/Reporting.Tests/Corpus), so a clone can run this.</summary>
    internal static string CorpusDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportBot.sln")))
                return Path.Combine(dir.FullName, "tests", "Reporting.Tests", "Corpus");
        throw new DirectoryNotFoundException("No ReportBot.sln above " + AppContext.BaseDirectory);
    }
}
