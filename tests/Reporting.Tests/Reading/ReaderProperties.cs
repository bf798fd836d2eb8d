using CsCheck;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Tests.Reading;

/// <summary>Properties of the reader over generated messages, across all four districts' real units.</summary>
public sealed class ReaderProperties
{
    private static readonly DateOnly Today = new(2025, 12, 3);

    private static readonly (string District, Unit Unit)[] AllUnits =
        Corpus.Districts.SelectMany(d => Corpus.UnitsOf(d).Select(u => (d, u))).ToArray();

    /// <summary>Words officials put around a figure that must never change it. ("total" does: rule 1 makes it a running total.)</summary>
    private static readonly string[] SafeWords =
        ["aaj", "today", "आज", "sir", "ji", "block", "प्रखंड", "में", "me", "ka", "made", "bane", "बने", "✅", "👍",
         "🙏", "*", "_", "cards", "कार्ड", "Ayushman", "आयुष्मान कार्ड"];

    private static readonly string[] Joiners = [" ", " - ", ": ", " = ", " — ", " block ", " me aaj ", " प्रखंड में ", "-", ":"];

    private static Gen<T> Pick<T>(IReadOnlyList<T> options) => Gen.Int[0, options.Count - 1].Select(i => options[i]);

    /// <summary>Every way the reader promises to read <paramref name="value"/>.</summary>
    internal static List<string> CountForms(long value)
    {
        var forms = new List<string> { value.ToString(), value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) };
        forms.Add(IndianGrouping(value));
        forms.Add(string.Concat(value.ToString().Select(d => (char)('\u0966' + (d - '0')))));
        if (value >= 1000)
            forms.Add(value % 1000 == 0 ? $"{value / 1000} हजार" : $"{value / 1000} हजार {value % 1000}");
        if (value >= 1000 && value % 100 == 0)
            forms.Add(value % 1000 == 0 ? $"{value / 1000}k" : $"{value / 1000}.{value % 1000 / 100}k");
        if (value == 0) forms.AddRange(["nil", "NIL", "शून्य", "zero"]);
        return forms;
    }

    internal static string IndianGrouping(long value)
    {
        string digits = value.ToString();
        if (digits.Length <= 3) return digits;
        string last = digits[^3..], rest = digits[..^3];
        var groups = new List<string>();
        while (rest.Length > 2) { groups.Insert(0, rest[^2..]); rest = rest[..^2]; }
        groups.Insert(0, rest);
        return string.Join(",", groups) + "," + last;
    }

    private static IReadOnlyList<string> NamesOf(Unit unit) =>
        new[] { unit.Name, unit.NameHi }.Concat(unit.Aliases).Where(n => !string.IsNullOrWhiteSpace(n)).ToArray()!;

    private sealed record Case(string District, string Unit, long Value, string Text)
    {
        public override string ToString() => $"{District}: \"{Text}\" → {Unit} {Value}";
    }

    private static readonly Gen<Case> Reports =
        from picked in Pick(AllUnits)
        from name in Pick(NamesOf(picked.Unit))
        from value in Gen.Int[0, 20_000]
        from form in Pick(CountForms(value))
        from before in Pick(SafeWords).Array[0, 2]
        from joiner in Pick(Joiners)
        from after in Pick(SafeWords).Array[0, 2]
        from numberFirst in Gen.Bool
        select new Case(picked.District, picked.Unit.Name, value,
            string.Join(" ", before) + " " + (numberFirst ? form + " " + name : name + joiner + form) + " " + string.Join(" ", after));

    [Fact]
    public void Any_unit_and_any_count_in_any_supported_form_reads_as_exactly_that_report()
    {
        Reports.Sample(c =>
        {
            var reading = Corpus.ReaderFor(c.District).Read(c.Text, [], Today);
            Assert.True(reading.Errors.Count == 0, $"{c}: errors {string.Join(", ", reading.Errors)}");
            var report = Assert.Single(reading.Reports);
            Assert.Equal(new ReadReport(c.Unit, "ayushman", c.Value, Today), report);
        }, iter: 20_000, print: c => c.ToString());
    }

    [Fact]
    public void Count_forms_are_what_they_claim()
    {
        Assert.Equal("1,96,810", IndianGrouping(196_810));
        Assert.Contains("14 हजार 919", CountForms(14_919));
        Assert.Contains("1.2k", CountForms(1_200));
        Assert.Contains("१२४०", CountForms(1_240));
    }

    /// <summary>Anything at all, up to 4 KB, in any script.</summary>
    private static readonly Gen<string> AnyText = Gen.String[Gen.Char, 0, 4096];

    /// <summary>Message-like noise: real names, numbers, dates, words and marks in random order, up to 4 KB.</summary>
    private static readonly Gen<string> MessageLike =
        Pick(AllUnits.SelectMany(u => NamesOf(u.Unit))
                .Concat(SafeWords).Concat(Joiners)
                .Concat(["1240", "1,96,810", "12.5", "+300", "(02/12)", "4:30", "4 pm", "85%", "+91 98765 43210", "9876543210",
                         "हजार", "लाख", "k", "2.5", "\n", ",", "VV", "Kusheshwar", "Laukah", "Xyzpur", "कल", "1 Dec", "dt",
                         "((", "))", "--", "१२४०", "ड़", "\u093C", "\u094D", "\u200D", "🙏🏽", "district", "जिले", "?", "help"])
                .ToArray())
            .Array[0, 400]
            .Select(parts => string.Join(" ", parts))
            .Select(s => s.Length > 4096 ? s[..4096] : s);

    [Fact]
    public void Never_throws_on_arbitrary_text()
    {
        var reader = Corpus.ReaderFor("Darbhanga");
        AnyText.Sample(text => Invariants(reader, text, "Darbhanga"), iter: 2_000);
    }

    [Fact]
    public void Never_throws_and_stays_sane_on_message_like_noise()
    {
        foreach (var district in Corpus.Districts)
        {
            var reader = Corpus.ReaderFor(district);
            MessageLike.Sample(text => Invariants(reader, text, district), iter: 300);
        }
    }

    /// <summary>Whatever the text, reading it returns, and every figure read is a real unit's plausible figure.</summary>
    private static void Invariants(MessageReader reader, string text, string district)
    {
        var catalog = Corpus.CatalogOf(district);
        foreach (var senders in new[] { Array.Empty<string>(), [catalog.Units[0].Name], [catalog.Units[0].Name, catalog.Units[^1].Name] })
        {
            var reading = reader.Read(text, senders, Today);
            foreach (var report in reading.Reports)
            {
                Assert.NotNull(catalog.FindUnit(report.Unit));
                // Rule 12: the ceiling bounds a day's figure and an addition; a running total may be far above it.
                if (report.Op != ReportOp.Total) Assert.InRange(report.Value, 0, ReaderSettings.Default.PlausibilityCeiling);
                else Assert.True(report.Value >= 0);
                Assert.InRange(report.Date.DayNumber, Today.DayNumber - ReaderSettings.Default.MaxDaysBack, Today.DayNumber);
            }
        }
    }
}
