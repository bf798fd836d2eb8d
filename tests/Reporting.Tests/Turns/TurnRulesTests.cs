using ReportBot.Reporting.Districts;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Rules;
using ReportBot.Reporting.Tests.Reading;
using ReportBot.Reporting.Turns;

namespace ReportBot.Reporting.Tests.Turns;

/// <summary>
/// A message's whole turn decided without a database: what is recorded, held, taken back and answered, from plain facts
/// as src/Data would load them. (The same rules run against PostgreSQL in tests/BotHost.Tests/Rules.)
/// </summary>
public sealed class TurnRulesTests
{
    static readonly DateOnly Today = new(2025, 12, 3);
    static readonly DateTimeOffset Noon = new(2025, 12, 3, 6, 30, 0, TimeSpan.Zero); // 12:00 in Asia/Kolkata
    static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    static DistrictSetting Setting(string district, int firstId, string? admin = null) =>
        new(firstId, Corpus.CatalogOf(district), Kolkata,
            Corpus.UnitsOf(district).Select((u, i) => new DistrictUnit(firstId + i, u.Name)).ToList(),
            new CampaignSetting("Ayushman drive", new DateOnly(2025, 11, 22), new DateOnly(2025, 12, 31), 7, 20_000),
            [new DayTarget("Benipur", "ayushman", 600)], admin);

    static readonly DistrictSetting Darbhanga = Setting("Darbhanga", 100, "Prabhakar Singh");
    static readonly DistrictSetting Madhubani = Setting("Madhubani", 500, "Meena Kumari");

    static readonly TurnMember Ramesh = new(1, 100, "Ramesh Kumar", Role.Reporter, "en", ["Benipur"]);
    static readonly TurnMember Anil = new(2, 100, "Anil Mishra", Role.Officer, "en", []);

    static TurnMessage Message(string body) => new(42, "twilio", "whatsapp:+919876543210", body, 0, Noon);

    static FigureKey Key(string unit, DateOnly? day = null) => new(Darbhanga.Units[unit].Id, "ayushman", day ?? Today);

    static (TurnStart Start, TurnDecision Decision) Turn(string body, TurnMember member, TurnFacts? facts = null)
    {
        var start = TurnRules.Start(Message(body), member, Darbhanga, [Darbhanga, Madhubani]);
        return (start, TurnRules.Finish(start, member, Darbhanga, facts ?? TurnFacts.Empty));
    }

    [Fact]
    public void A_first_report_is_written_with_no_old_value_and_confirmed()
    {
        var (start, decision) = Turn("Benipur 1240", Ramesh);
        Assert.Equal(TurnNeed.Figures, start.Need);
        Assert.Equal([Key("Benipur")], start.Figures);
        Assert.Equal(InboxOutcome.Recorded, decision.Outcome);
        Assert.Equal(new FigureWrite(Key("Benipur"), null, 1240), Assert.Single(decision.Writes));
        Assert.Contains("1,240", decision.Reply);
        Assert.Empty(decision.ReleaseHeld); // nothing of Ramesh's waits, so nothing is closed
    }

    [Fact]
    public void An_addition_adds_to_the_figure_read_under_the_lock()
    {
        var facts = new TurnFacts(new Dictionary<FigureKey, FigureFacts> { [Key("Benipur")] = new(1000, null, null, 0) });
        var (_, decision) = Turn("Benipur +300", Ramesh, facts);
        Assert.Equal(new FigureWrite(Key("Benipur"), 1000, 1300), Assert.Single(decision.Writes));
        Assert.Contains("1,300", decision.Reply);
    }

    [Fact]
    public void Two_figures_for_one_unit_in_one_message_chain_the_second_sees_the_first()
    {
        var (_, decision) = Turn("Benipur 100\nBenipur +50", Ramesh);
        Assert.Equal([new FigureWrite(Key("Benipur"), null, 100), new FigureWrite(Key("Benipur"), 100, 150)], decision.Writes);
    }

    [Fact]
    public void A_running_total_alone_gives_the_day_as_total_less_the_drive_before_it()
    {
        // The drive started on 22 Nov; the unit reported on all 11 days before today.
        var facts = new TurnFacts(new Dictionary<FigureKey, FigureFacts> { [Key("Benipur")] = new(null, 640, 640, 7, DriveBefore: 7060, DaysReportedBefore: 11) });
        var (_, decision) = Turn("Benipur\nTotal- 7,600", Ramesh, facts);
        var write = Assert.Single(decision.Writes);
        Assert.Equal((null, 540L, (long?)7600, (FigureFlag?)null), (write.OldValue, write.NewValue!.Value, write.StatedTotal, write.Flag));
        Assert.Contains("7,600", decision.Reply);
        Assert.Contains("7,060", decision.Reply);
        Assert.Contains("540", decision.Reply);
    }

    [Fact]
    public void A_running_total_over_days_without_a_figure_is_recorded_and_flagged()
    {
        var facts = new TurnFacts(new Dictionary<FigureKey, FigureFacts> { [Key("Benipur")] = new(null, null, null, 0, DriveBefore: 5000, DaysReportedBefore: 8) });
        var (_, decision) = Turn("Benipur\nTotal- 7,600", Ramesh, facts);
        Assert.Equal(FigureFlag.TotalCoversGap, Assert.Single(decision.Writes).Flag);
    }

    [Fact]
    public void A_running_total_below_what_is_on_record_records_nothing_and_says_so()
    {
        var facts = new TurnFacts(new Dictionary<FigureKey, FigureFacts> { [Key("Benipur")] = new(null, 640, 640, 7, DriveBefore: 7060, DaysReportedBefore: 11) });
        var (_, decision) = Turn("Benipur\nTotal- 7,000", Ramesh, facts);
        Assert.Empty(decision.Writes);
        Assert.Equal(InboxOutcome.Error, decision.Outcome);
        Assert.NotNull(decision.Reply);
    }

    [Fact]
    public void A_template_with_a_day_figure_and_a_total_that_disagree_records_the_day_and_flags_it()
    {
        var facts = new TurnFacts(new Dictionary<FigureKey, FigureFacts> { [Key("Benipur")] = new(null, 640, 640, 7, DriveBefore: 7060, DaysReportedBefore: 11) });
        var (_, decision) = Turn("Block- Benipur\nToday- 500\nTotal- 7,600", Ramesh, facts);
        var write = Assert.Single(decision.Writes);
        Assert.Equal((500L, FigureFlag.TotalDisagrees), (write.NewValue!.Value, write.Flag!.Value));
    }

    [Fact]
    public void A_report_redelivered_after_an_outage_counts_for_the_day_it_was_sent_and_says_so()
    {
        var sent = new DateTimeOffset(2025, 12, 2, 11, 25, 0, TimeSpan.Zero);     // Tue 2 Dec, 16:55 in Kolkata
        var received = new DateTimeOffset(2025, 12, 3, 3, 30, 0, TimeSpan.Zero);  // Wed 3 Dec, 09:00
        var message = new TurnMessage(7, "whatsapp", "+919876543210", "Benipur 1240", 0, received, sent);
        var start = TurnRules.Start(message, Ramesh, Darbhanga, [Darbhanga]);
        var decision = TurnRules.Finish(start, Ramesh, Darbhanga, TurnFacts.Empty);
        Assert.Equal(new DateOnly(2025, 12, 2), Assert.Single(decision.Writes).Key.Day);
        Assert.StartsWith("🕓", decision.Reply);
        Assert.Contains("4:55", decision.Reply);
    }

    [Theory]
    [InlineData(1)]    // a provider clock ahead of ours: a send time after arrival is not believed
    [InlineData(-9)]   // older than the campaign's late limit (7 days): arrival counts
    public void An_implausible_send_time_is_ignored(int days)
    {
        var message = new TurnMessage(7, "whatsapp", "+919876543210", "Benipur 1240", 0, Noon, Noon.AddDays(days));
        var start = TurnRules.Start(message, Ramesh, Darbhanga, [Darbhanga]);
        var decision = TurnRules.Finish(start, Ramesh, Darbhanga, TurnFacts.Empty);
        Assert.Equal(Today, Assert.Single(decision.Writes).Key.Day);
        Assert.DoesNotContain("🕓", decision.Reply);
    }

    [Fact]
    public void A_figure_above_the_ceiling_is_held_not_written()
    {
        var (_, decision) = Turn("Benipur 45000", Ramesh);
        Assert.Equal(InboxOutcome.Held, decision.Outcome);
        Assert.Empty(decision.Writes);
        Assert.Equal(new HeldWrite(Key("Benipur"), 45000, false), Assert.Single(decision.Holds));
    }

    [Fact]
    public void A_new_figure_closes_the_one_waiting_for_the_same_day()
    {
        var (_, decision) = Turn("Benipur 1240", Ramesh with { HasHeldFigure = true });
        Assert.Equal([Key("Benipur")], decision.ReleaseHeld);
    }

    [Fact]
    public void A_reporter_cannot_write_another_units_figure()
    {
        var (start, decision) = Turn("Biraul 980", Ramesh);
        Assert.Empty(start.Figures);
        Assert.Empty(decision.Writes);
        Assert.Equal(InboxOutcome.Error, decision.Outcome);
        Assert.Contains("Biraul", decision.Reply);
    }

    [Fact]
    public void Units_are_locked_in_one_order_whatever_order_they_are_written_in()
    {
        var forwards = TurnRules.Start(Message("Jale 5, Benipur 7, Biraul 9"), Anil, Darbhanga, [Darbhanga]);
        var backwards = TurnRules.Start(Message("Biraul 9, Benipur 7, Jale 5"), Anil, Darbhanga, [Darbhanga]);
        Assert.Equal(3, forwards.Figures.Count);
        Assert.Equal(forwards.Figures, backwards.Figures);
        Assert.Equal(forwards.Figures.OrderBy(k => k.UnitId), forwards.Figures);
    }

    [Fact]
    public void Undo_takes_back_the_senders_own_last_change()
    {
        var last = new LastChangeFacts(77, Key("Benipur"), 1000, 1240);
        var facts = new TurnFacts(new Dictionary<FigureKey, FigureFacts> { [last.Key] = new(1240, null, null, 0) }, LastChange: last);
        var (start, decision) = Turn("undo", Ramesh, facts);
        Assert.Equal(TurnNeed.Undo, start.Need);
        Assert.Equal(new FigureWrite(last.Key, 1240, 1000, Reverts: 77), Assert.Single(decision.Writes));
    }

    [Fact]
    public void Undo_never_erases_a_later_change_by_someone_else()
    {
        var last = new LastChangeFacts(77, Key("Benipur"), 1000, 1240);
        var facts = new TurnFacts(new Dictionary<FigureKey, FigureFacts> { [last.Key] = new(1500, null, null, 0) }, LastChange: last);
        var (_, decision) = Turn("undo", Ramesh, facts);
        Assert.Empty(decision.Writes);
        Assert.Equal(InboxOutcome.Undo, decision.Outcome);
    }

    [Fact]
    public void Yes_records_the_held_figure_and_closes_it()
    {
        var held = new HeldFigureFacts(9, Key("Benipur"), 45000, false);
        var (start, decision) = Turn("YES", Ramesh with { HasHeldFigure = true }, new TurnFacts(new Dictionary<FigureKey, FigureFacts>(), Held: held));
        Assert.Equal(TurnNeed.Confirm, start.Need);
        Assert.Equal(new FigureWrite(held.Key, null, 45000), Assert.Single(decision.Writes));
        Assert.Equal(9, decision.ConfirmedHeld);
    }

    [Fact]
    public void Yes_with_nothing_waiting_needs_no_load()
    {
        var (start, decision) = Turn("YES", Ramesh);
        Assert.Equal(TurnNeed.Nothing, start.Need);
        Assert.Empty(decision.Writes);
        Assert.NotNull(decision.Reply);
    }

    [Fact]
    public void Chatter_gets_nothing()
    {
        var (_, decision) = Turn("Good morning sir, VC at 4 pm", Ramesh);
        Assert.Equal(InboxOutcome.Chatter, decision.Outcome);
        Assert.Null(decision.Reply);
        Assert.Empty(decision.Writes);
    }

    [Fact]
    public void A_stranger_naming_a_unit_of_Madhubani_is_sent_to_Madhubanis_admin()
    {
        var start = TurnRules.Start(Message("Benipatti 1240"), null, null, [Darbhanga, Madhubani]);
        Assert.Equal(InboxOutcome.Unregistered, start.Decision!.Outcome);
        Assert.Contains("Meena Kumari", start.Decision.Reply);
        Assert.DoesNotContain("Prabhakar", start.Decision.Reply);
        Assert.DoesNotMatch(@"\d{5}", start.Decision.Reply); // the admin's name, never their number
    }

    [Fact]
    public void A_stranger_of_no_known_district_is_sent_to_nobody_in_particular()
    {
        var start = TurnRules.Start(Message("hello"), null, null, [Darbhanga, Madhubani]);
        Assert.DoesNotContain("Meena", start.Decision!.Reply);
        Assert.DoesNotContain("Prabhakar", start.Decision.Reply);
    }

    [Fact]
    public void An_admin_command_from_a_reporter_is_refused_without_a_change()
    {
        var (_, decision) = Turn("add 9876500001 Jale Sita Devi", Ramesh);
        Assert.Equal(InboxOutcome.AdminRefused, decision.Outcome);
        Assert.Null(decision.AddMember);
    }

    static readonly TurnMember Prabhakar = new(3, 100, "Prabhakar Singh", Role.Admin, "en", []);

    [Fact]
    public void An_admins_add_of_a_new_number_asks_who_has_it_then_adds_a_reporter()
    {
        var (start, decision) = Turn("add 9876500001 Jale Sita Devi", Prabhakar);
        Assert.Equal(TurnNeed.PhoneOwner, start.Need);
        Assert.Equal("919876500001", start.Add!.Phone);
        Assert.Equal(InboxOutcome.Admin, decision.Outcome);
        Assert.Equal("Sita Devi", decision.AddMember!.Name);
    }

    [Fact]
    public void An_admins_add_gives_an_existing_reporter_one_more_unit()
    {
        var (_, decision) = Turn("add 9876500001 Jale Sita Devi", Prabhakar,
            TurnFacts.Empty with { PhoneOwner = new PhoneOwner("Sita Devi", 100, Role.Reporter, ["Benipur"]) });
        Assert.Equal(InboxOutcome.Admin, decision.Outcome);
        Assert.NotNull(decision.AddMember);
        Assert.Contains("Benipur", decision.Reply);
        Assert.Contains("Jale", decision.Reply);
    }

    [Theory]
    [InlineData("Anil Mishra", 100, Role.Officer, "registered as an officer, so nothing was changed")]
    [InlineData("Prabhakar Singh", 100, Role.Admin, "registered as an admin, so nothing was changed")]
    [InlineData("Ramesh Kumar", 100, Role.Reporter, "already registered as *Ramesh Kumar*, so nothing was changed")]
    [InlineData("Sita Devi", 500, Role.Reporter, "registered in another district, so nothing was changed")]
    public void An_admins_add_never_re_roles_renames_or_moves_whoever_has_the_number(string owner, int districtId, Role role, string expected)
    {
        var (_, decision) = Turn("add 9876500001 Jale Sita Devi", Prabhakar,
            TurnFacts.Empty with { PhoneOwner = new PhoneOwner(owner, districtId, role, []) });
        Assert.Equal(InboxOutcome.AdminRefused, decision.Outcome);
        Assert.Null(decision.AddMember);
        Assert.Contains(expected, decision.Reply);
    }

    [Fact]
    public void Outcomes_are_stored_as_the_words_the_admins_list_by()
    {
        Assert.Equal("recorded-with-errors", InboxOutcome.RecordedWithErrors.ToText());
        Assert.Equal("unregistered", InboxOutcome.Unregistered.ToText());
        Assert.Equal("rate-limited", InboxOutcome.RateLimited.ToText());
    }

    static readonly RhythmContact[] Contacts =
    [
        new(1, Role.Reporter, "en", ["Benipur"]),
        new(2, Role.Reporter, "hi", ["Jale"]),
        new(3, Role.Officer, "en", []),
        new(4, Role.Admin, "hi", []),
    ];

    static RhythmFacts DayWith(params (string Unit, long Value)[] figures) =>
        new(figures.ToDictionary(f => f.Unit, f => f.Value, StringComparer.OrdinalIgnoreCase), figures.Sum(f => f.Value), [],
            new TimeOnly(17, 0), new TimeOnly(16, 0));

    [Fact]
    public void A_reminder_goes_only_to_reporters_of_units_still_missing()
    {
        var messages = RhythmRules.Compose(SlotKind.Reminder, Darbhanga, Contacts, Today, DayWith(("Benipur", 500)));
        var reminder = Assert.Single(messages);
        Assert.Equal(2, reminder.ContactId);
        Assert.Equal("reminder", reminder.TemplateName);
        Assert.Equal("hi", reminder.TemplateLanguage);
    }

    [Fact]
    public void The_escalation_goes_to_officers_and_admins_with_the_missing_count()
    {
        var messages = RhythmRules.Compose(SlotKind.Escalation, Darbhanga, Contacts, Today, DayWith(("Benipur", 500)));
        Assert.Equal([3, 4], messages.Select(m => m.ContactId));
        Assert.Equal($"1/{Darbhanga.Units.Count}", messages[0].TemplateVariables[2]);
    }

    [Fact]
    public void The_summary_goes_to_everyone_written_once_per_language()
    {
        var messages = RhythmRules.Compose(SlotKind.Summary, Darbhanga, Contacts, Today, DayWith(("Benipur", 500), ("Jale", 300)));
        Assert.Equal([1, 2, 3, 4], messages.Select(m => m.ContactId).Distinct());
        // The same text object for the same language: written once, not once per member.
        Assert.Same(messages.First(m => m.ContactId == 1).Text, messages.First(m => m.ContactId == 3).Text);
        Assert.NotEqual(messages.First(m => m.ContactId == 1).Text, messages.First(m => m.ContactId == 2).Text);
        Assert.Contains("800", messages[0].Text);
    }

    [Fact]
    public void A_long_list_of_missing_units_fits_a_template_variable()
    {
        var many = Enumerable.Range(0, 400).Select(i => new DistrictUnit(i + 1, $"Panchayat number {i:000}")).ToList();
        var district = new DistrictSetting(1, new Catalog.DistrictCatalog("Big", many.Select(u => new Catalog.Unit(u.Name, null, [])).ToList(), Corpus.Indicators),
            Kolkata, many, null, []);
        var officer = new RhythmContact(9, Role.Officer, "en", []);
        var message = Assert.Single(RhythmRules.Compose(SlotKind.Escalation, district, [officer], Today, DayWith()));
        Assert.True(message.TemplateVariables[3].Length <= RhythmRules.TemplateVariableLimit);
        Assert.EndsWith("more", message.TemplateVariables[3]);
    }
}
