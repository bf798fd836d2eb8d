namespace ReportBot.Reporting.Tests.Reading;

/// <summary>
/// The repository's copy of the corpus and block lists (tests/Reporting.Tests/Corpus) must be the upstream files of
/// ../shared byte for byte, wherever ../shared exists: a copy that drifts would test the reader against rules nobody
/// agreed to. On a clone without ../shared there is nothing to compare, and the copy is the whole truth.
/// </summary>
public sealed class CorpusCopyTests
{
    /// <summary>Each copied file, by its path under the copy and under ../shared.</summary>
    public static TheoryData<string, string> CopiedFiles() => new()
    {
        { "README.md", "corpus/README.md" },
        { "messages.jsonl", "corpus/messages.jsonl" },
        { "group-messages.jsonl", "corpus/group-messages.jsonl" },
        { "indicators.csv", "corpus/indicators.csv" },
        { "blocks/darbhanga.csv", "data/blocks/darbhanga.csv" },
        { "blocks/madhubani.csv", "data/blocks/madhubani.csv" },
        { "blocks/muzaffarpur.csv", "data/blocks/muzaffarpur.csv" },
        { "blocks/rajnandgaon.csv", "data/blocks/rajnandgaon.csv" },
    };

    [Theory]
    [MemberData(nameof(CopiedFiles))]
    public void Copy_is_present_in_the_build_output(string copy, string upstream)
    {
        _ = upstream;
        Assert.True(File.Exists(Path.Combine(Corpus.OwnCorpusDir, copy)), $"{copy} is not copied beside the test assembly");
    }

    [Theory]
    [MemberData(nameof(CopiedFiles))]
    public void Copy_matches_shared_where_shared_exists(string copy, string upstream)
    {
        if (Corpus.SharedDir is not { } shared) return;
        var source = Path.Combine(shared, upstream);
        Assert.True(File.Exists(source), $"../shared/{upstream} is gone; the copy {copy} has no upstream");
        Assert.True(File.ReadAllBytes(source).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Corpus.OwnCorpusDir, copy))),
            $"tests/Reporting.Tests/Corpus/{copy} differs from ../shared/{upstream}: copy it again (cp ../shared/{upstream} tests/Reporting.Tests/Corpus/{copy})");
    }

    [Fact]
    public void Every_upstream_case_file_is_copied()
    {
        if (Corpus.SharedDir is not { } shared) return;
        var upstream = Directory.GetFiles(Path.Combine(shared, "corpus"), "*.jsonl").Select(Path.GetFileName).Order();
        var copied = Directory.GetFiles(Corpus.OwnCorpusDir, "*.jsonl").Select(Path.GetFileName).Order();
        Assert.Equal(upstream, copied);
    }
}
