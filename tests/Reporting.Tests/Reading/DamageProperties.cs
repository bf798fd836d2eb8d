using System.Diagnostics;
using System.Text;
using CsCheck;
using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Tests.Reading;

/// <summary>
/// Every corpus case (both shared files and the project's extra cases), damaged the ways phones and people damage
/// messages: lines split, joined and duplicated, characters dropped, labels repeated, junk appended. Whatever comes
/// out, the reader must return, quickly, with only real units' figures; and hostile input (100 KB of digits, of
/// names, of marks) must take bounded time. Reading is the first thing done with every inbound message, so a throw
/// or a stall here is a message nobody answers.
/// </summary>
public sealed class DamageProperties
{
    /// <summary>Per damaged message; generous because CI shares two cores with other builds.</summary>
    private static readonly TimeSpan PerMessage = TimeSpan.FromMilliseconds(500);

    /// <summary>Per 100 KB hostile message: work must grow about linearly with the text.</summary>
    private static readonly TimeSpan PerHostileMessage = TimeSpan.FromSeconds(3);

    private static readonly CorpusCase[] Cases =
        Corpus.ReadCases(Corpus.CorpusDir).Concat(Corpus.ReadCases(Corpus.ExtraCasesDir)).ToArray();

    private static readonly string[] Labels =
        ["Today- ", "Total- ", "Block- ", "आज - ", "अब तक - ", "Target- ", "कुल ", "ab tak ", "nahi ", "aur ", "~", "|", "kal se ", "(1) "];

    private static readonly string[] Junk =
        ["🙏", "~~", "|||", "9431876543", "₹", "1.", "(", ")", "\u093C", "\u200D", "*", "१२", "5 pm", "Day-9", "---", "\r", "\t", "12.5"];

    private enum Damage : byte { Split, Join, Duplicate, DropChar, RepeatLabel, AppendJunk }

    private static string Apply(string text, Damage damage, int at, int pick)
    {
        var lines = text.Split('\n').ToList();
        int line = at % lines.Count;
        switch (damage)
        {
            case Damage.Split when lines[line].Length > 1:
                int cut = at % lines[line].Length;
                lines.Insert(line + 1, lines[line][cut..]);
                lines[line] = lines[line][..cut];
                break;
            case Damage.Join when lines.Count > 1 && line + 1 < lines.Count:
                lines[line] += " " + lines[line + 1];
                lines.RemoveAt(line + 1);
                break;
            case Damage.Duplicate:
                lines.Insert(line, lines[line]);
                break;
            case Damage.DropChar when lines[line].Length > 0:
                lines[line] = lines[line].Remove(at % lines[line].Length, 1);
                break;
            case Damage.RepeatLabel:
                lines[line] = Labels[pick % Labels.Length] + lines[line];
                break;
            case Damage.AppendJunk:
                lines[line] += Junk[pick % Junk.Length];
                break;
        }
        return string.Join('\n', lines);
    }

    private static readonly Gen<(CorpusCase Case, string Text)> Damaged =
        from index in Gen.Int[0, Cases.Length - 1]
        from damages in Gen.Select(Gen.Enum<Damage>(), Gen.Int[0, 10_000], Gen.Int[0, 100]).Array[1, 6]
        select (Cases[index], damages.Aggregate(Cases[index].Text, (text, d) => Apply(text, d.Item1, d.Item2, d.Item3)));

    [Fact]
    public void Damaged_corpus_cases_read_without_throwing_within_the_time_bound()
    {
        // Warm the readers so that the first case's timing is not the catalogue's build.
        foreach (var district in Corpus.Districts) Corpus.ReaderFor(district).Read("warm up 1", [], new DateOnly(2025, 1, 1));
        Damaged.Sample(pair =>
        {
            var (c, text) = pair;
            var watch = Stopwatch.StartNew();
            var reading = Corpus.ReaderFor(c.District).Read(text, c.SenderUnits ?? [], c.Today);
            watch.Stop();
            Assert.True(watch.Elapsed < PerMessage, $"{c.Id} damaged took {watch.Elapsed.TotalMilliseconds:F0} ms");
            var catalog = Corpus.CatalogOf(c.District);
            foreach (var report in reading.Reports)
            {
                Assert.NotNull(catalog.FindUnit(report.Unit));
                Assert.True(report.Value >= 0);
                if (report.Op != ReportOp.Total) Assert.True(report.Value <= ReaderSettings.Default.PlausibilityCeiling);
            }
        }, iter: 3_000, print: pair => $"{pair.Case.Id}: {pair.Text.Replace("\n", "\\n")}");
    }

    public static TheoryData<string> HostileTexts() => new()
    {
        new string('7', 100_000),
        string.Concat(Enumerable.Repeat("1 ", 50_000)),
        string.Concat(Enumerable.Repeat("Benipur 1240 ", 8_000)),
        string.Concat(Enumerable.Repeat("Benipur\n", 12_500)),
        string.Concat(Enumerable.Repeat("Block- Benipur\nToday- 1240\nTotal- 15600\n", 2_500)),
        string.Concat(Enumerable.Repeat("~1240~ ", 14_000)),
        string.Concat(Enumerable.Repeat("| 12 ", 20_000)),
        "Block | AB | VV\n" + string.Concat(Enumerable.Repeat("Benipur | 1240 | 85\n", 5_000)),
        string.Concat(Enumerable.Repeat("1,", 50_000)),
        string.Concat(Enumerable.Repeat("डेढ़ हजार ", 10_000)),
        string.Concat(Enumerable.Repeat("Xyzpurq ", 12_000)),
        string.Concat(Enumerable.Repeat("kal se 140 zyada aur ", 5_000)),
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_input_takes_bounded_time(string text)
    {
        var reader = Corpus.ReaderFor("Darbhanga");
        reader.Read("Benipur 1", [], new DateOnly(2025, 12, 3));
        var watch = Stopwatch.StartNew();
        var reading = reader.Read(text, ["Benipur"], new DateOnly(2025, 12, 3));
        watch.Stop();
        Assert.NotNull(reading);
        Assert.True(watch.Elapsed < PerHostileMessage,
            $"{text.Length / 1024} KB starting \"{text[..Math.Min(30, text.Length)]}\" took {watch.Elapsed.TotalMilliseconds:F0} ms");
    }
}
