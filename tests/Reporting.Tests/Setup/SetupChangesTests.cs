using ReportBot.Reporting.People;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Setup;

namespace ReportBot.Reporting.Tests.Setup;

/// <summary>What an import line changes, and which changes undo someone's set-up (risky: done only with --force).</summary>
public sealed class SetupChangesTests
{
    static readonly ExistingMember Ramesh = new("Ramesh Kumar", "Darbhanga", Role.Reporter, "en", ["Benipur", "Jale"]);

    static IncomingMember Line(string name = "Ramesh Kumar", string district = "Darbhanga", Role role = Role.Reporter, string language = "en", params string[] units) =>
        new(name, district, "+91 98765 43210", role, language, units.Length == 0 ? ["Benipur", "Jale"] : units);

    [Fact]
    public void The_same_person_again_changes_nothing() => Assert.Empty(SetupChanges.ForMember(2, Ramesh, Line()));

    [Fact]
    public void A_new_person_is_an_ordinary_change()
    {
        var change = Assert.Single(SetupChanges.ForMember(2, null, Line()));
        Assert.False(change.Risky);
        Assert.Equal("line 2: adds Ramesh Kumar (reporter, Darbhanga: Benipur, Jale)", change.ToString());
    }

    [Fact]
    public void A_rename_a_move_a_new_role_and_a_lost_unit_are_each_risky()
    {
        var changes = SetupChanges.ForMember(3, Ramesh, Line("Mohan Lal", "Madhubani", Role.Officer, "en", "Benipur"));
        Assert.All(changes, c => Assert.True(c.Risky));
        Assert.Equal(
            [
                "line 3: +91 98765 43210 is Ramesh Kumar's number: renames them to Mohan Lal",
                "line 3: moves Ramesh Kumar from Darbhanga to Madhubani",
                "line 3: makes Ramesh Kumar an officer instead of a reporter",
                "line 3: takes Jale from Ramesh Kumar's units",
            ], changes.Select(c => c.ToString()));
    }

    [Fact]
    public void A_new_unit_or_language_is_not_risky()
    {
        var changes = SetupChanges.ForMember(2, Ramesh, Line(language: "hi", units: ["Benipur", "Jale", "Baheri"]));
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.False(c.Risky));
    }

    [Fact]
    public void Wiping_aliases_or_a_name_is_risky_filling_them_in_is_not()
    {
        var stored = new UnitSetup("Benipur", "बेनीपुर", "1001", ["BNP"]);
        var wiped = SetupChanges.ForUnit(2, "Darbhanga", stored, new UnitSetup("Benipur", null, "1001", []));
        Assert.Equal(["line 2: removes Benipur's alias(es) BNP", "line 2: clears Benipur's Hindi name (बेनीपुर)"], wiped.Select(c => c.ToString()));
        Assert.All(wiped, c => Assert.True(c.Risky));

        var filled = SetupChanges.ForUnit(2, "Darbhanga", new UnitSetup("Benipur", null, null, []), new UnitSetup("Benipur", "बेनीपुर", "1001", ["BNP"]));
        Assert.Equal(3, filled.Count);
        Assert.All(filled, c => Assert.False(c.Risky));
    }

    [Theory]
    [InlineData("01/12/2026", 2026, 12, 1)]
    [InlineData("1/12/2026", 2026, 12, 1)]
    [InlineData("01-12-2026", 2026, 12, 1)]
    [InlineData("01.12.2026", 2026, 12, 1)]
    [InlineData("2026-12-01", 2026, 12, 1)]
    [InlineData(" 26/01/2027 ", 2027, 1, 26)]
    public void Dates_are_read_day_first_or_iso(string text, int year, int month, int day)
    {
        Assert.True(LocalDays.TryParse(text, out var read));
        Assert.Equal(new DateOnly(year, month, day), read);
    }

    [Theory]
    [InlineData("12/25/2026")] // month first
    [InlineData("2026/12/01")]
    [InlineData("tomorrow")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_dates_are_refused(string? text) => Assert.False(LocalDays.TryParse(text, out _));
}
