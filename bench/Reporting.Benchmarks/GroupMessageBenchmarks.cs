using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Benchmarks;

/// <summary>
/// Messages per second on the group corpus (group-messages.jsonl: copied templates, tables of a whole district,
/// labels, corrections, number words, several lines each), each read against its own district's blocks.
/// One operation = one message.
/// </summary>
[MemoryDiagnoser]
public class GroupMessageBenchmarks
{
    private (MessageReader Reader, string Text, string[] Senders, DateOnly Today)[] messages = [];

    public const int Messages = 109; // cases in group-messages.jsonl; checked in setup

    [GlobalSetup]
    public void Setup()
    {
        var corpus = MessageReaderBenchmarks.CorpusDir();
        var indicators = MessageReaderBenchmarks.Indicators(corpus);
        var readers = new Dictionary<string, MessageReader>(StringComparer.OrdinalIgnoreCase);
        MessageReader ReaderOf(string district)
        {
            if (!readers.TryGetValue(district, out var reader))
                readers[district] = reader = new MessageReader(new DistrictCatalog(district,
                    MessageReaderBenchmarks.UnitsOf(Path.Combine(corpus, "blocks", district.ToLowerInvariant() + ".csv")), indicators));
            return reader;
        }
        messages = File.ReadLines(Path.Combine(corpus, "group-messages.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(c => (ReaderOf(c.GetProperty("district").GetString()!), c.GetProperty("text").GetString()!,
                c.TryGetProperty("sender_units", out var s) ? s.EnumerateArray().Select(e => e.GetString()!).ToArray() : [],
                DateOnly.Parse(c.GetProperty("today").GetString()!)))
            .ToArray();
        if (messages.Length != Messages) throw new InvalidOperationException($"Expected {Messages} group messages, found {messages.Length}");
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int ReadGroupCorpus()
    {
        int read = 0;
        foreach (var (reader, text, senders, today) in messages)
            read += reader.Read(text, senders, today).Reports.Count;
        return read;
    }
}
