using ReportBot.Reporting.Districts;
using ReportBot.Reporting.Groups;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Tests.Reading;
using ReportBot.Reporting.Turns;

namespace ReportBot.Reporting.Tests.Groups;

/// <summary>
/// Group manners decided without I/O: in the district's group a recorded report gets a reaction, words only when the
/// sender must act or asked, chatter and strangers nothing; edits and deletions replace and take back.
/// </summary>
public sealed class GroupMannersTests
{
    static readonly DateOnly Today = new(2025, 12, 3);
    static readonly DateTimeOffset Noon = new(2025, 12, 3, 6, 30, 0, TimeSpan.Zero); // 12:00 in Asia/Kolkata
    static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    static DistrictSetting Setting(string district, int id, int firstUnit, string admin) =>
        new(id, Corpus.CatalogOf(district), Kolkata,
            Corpus.UnitsOf(district).Select((u, i) => new DistrictUnit(firstUnit + i, u.Name)).ToList(),
            new CampaignSetting("Ayushman drive", new DateOnly(2025, 11, 22), new DateOnly(2025, 12, 31), 7, 20_000),
            [new DayTarget("Benipur", "ayushman", 600)], admin);

    static readonly DistrictSetting Darbhanga = Setting("Darbhanga", 1, 100, "Prabhakar Singh");
    static readonly DistrictSetting Madhubani = Setting("Madhubani", 2, 500, "Meena Kumari");
    static readonly IReadOnlyList<DistrictSetting> Districts = [Darbhanga, Madhubani];

    static readonly TurnMember Ramesh = new(1, 1, "Ramesh Kumar", Role.Reporter, "en", ["Benipur"]);
    static readonly TurnMember Prabhakar = new(5, 1, "Prabhakar Singh", Role.Admin, "en", []);
    static readonly TurnMember MadhubaniReporter = new(9, 2, "Sita", Role.Reporter, "hi", ["Benipatti"]);

    static readonly ChannelAbilities WhatsAppGroup = new(Groups: true, Reactions: true, Mentions: true, WritesFirst: true);
    static readonly ChannelAbilities Telegram = new(true, true, true, false, "https://t.me/ReportBotDarbhanga?start=link");
    static readonly TurnGroup DarbhangaGroup = new(7, 1);

    static TurnMessage InGroup(string body, TurnGroup? group = null, ChannelAbilities? abilities = null, MessageEvent kind = MessageEvent.Posted,
        string? original = null, string messageRef = "m-42") =>
        new(42, "waha", "919876543210@c.us", body, 0, Noon, null, "1203630@g.us", messageRef, kind, original)
        {
            Group = group ?? DarbhangaGroup,
            Abilities = abilities ?? WhatsAppGroup,
        };

    static FigureKey Key(string unit) => new(Darbhanga.Units[unit].Id, "ayushman", Today);

    static TurnDecision Decide(TurnMessage message, TurnMember? member, TurnFacts? facts = null)
    {
        var district = member is null ? null : Districts.First(d => d.Id == member.DistrictId);
        var start = TurnRules.Start(message, member, district, Districts);
        return TurnRules.Finish(start, member, district, facts ?? TurnFacts.Empty);
    }

    static TurnFacts Stored(string unit, long value) =>
        new(new Dictionary<FigureKey, FigureFacts> { [Key(unit)] = new(value, null, null, 0) });

    [Fact]
    public void A_recorded_report_gets_a_reaction_on_the_message_and_no_words()
    {
        var decision = Decide(InGroup("Benipur 1240"), Ramesh);

        Assert.Equal(InboxOutcome.Recorded, decision.Outcome);
        Assert.Single(decision.Writes);
        var send = Assert.Single(decision.Sends!);
        Assert.Equal(new TurnSend(SendTo.Group, "✅", "m-42", Acknowledgement.Recorded), send);
        Assert.True(decision.SeenInGroup);
    }

    [Fact]
    public void A_changed_figure_gets_the_changed_reaction()
    {
        var decision = Decide(InGroup("Benipur 1420"), Ramesh, Stored("Benipur", 1240));
        Assert.Equal(Acknowledgement.Changed, Assert.Single(decision.Sends!).Reaction);
    }

    [Fact]
    public void A_correction_within_the_message_is_a_change()
    {
        var decision = Decide(InGroup("Benipur 1240 nahi 1420"), Ramesh);
        Assert.Equal(1420, Assert.Single(decision.Writes).NewValue);
        Assert.Equal(Acknowledgement.Changed, Assert.Single(decision.Sends!).Reaction);
    }

    [Fact]
    public void An_error_gets_one_quoted_reply_in_the_group()
    {
        var decision = Decide(InGroup("Benipur"), Ramesh);
        var send = Assert.Single(decision.Sends!);
        Assert.Equal(SendTo.Group, send.To);
        Assert.Equal("m-42", send.QuoteRef);
        Assert.Null(send.Reaction);
        Assert.Contains("Benipur", send.Body);
    }

    [Fact]
    public void A_figure_worked_out_from_a_running_total_gets_the_reaction_and_the_arithmetic()
    {
        var facts = new TurnFacts(new Dictionary<FigureKey, FigureFacts> { [Key("Benipur")] = new(null, 600, 600, 7, DriveBefore: 7060, DaysReportedBefore: 11) });
        var decision = Decide(InGroup("Benipur total 7600"), Ramesh, facts);

        Assert.Equal(540, Assert.Single(decision.Writes).NewValue);
        Assert.Collection(decision.Sends!,
            reaction => Assert.Equal(Acknowledgement.Recorded, reaction.Reaction),
            words => Assert.Contains("540", words.Body));
    }

    [Fact]
    public void Chatter_and_photos_get_nothing()
    {
        Assert.Empty(Decide(InGroup("Good evening sir 🙏"), Ramesh).Sends!);
        Assert.Empty(Decide(InGroup("") with { MediaCount = 1 }, Ramesh).Sends!);
    }

    [Fact]
    public void Status_and_help_are_answered_once_in_the_group()
    {
        var help = Assert.Single(Decide(InGroup("help"), Ramesh).Sends!);
        Assert.Equal(SendTo.Group, help.To);
        Assert.Equal("m-42", help.QuoteRef);
    }

    [Fact]
    public void A_stranger_gets_nothing_in_the_group_and_one_private_note_a_day_for_a_report()
    {
        var decision = Decide(InGroup("Benipur 1240"), null);
        Assert.Empty(decision.Writes);
        var note = Assert.Single(decision.Sends!);
        Assert.Equal(SendTo.Sender, note.To);
        Assert.Contains("Prabhakar Singh", note.Body);
        Assert.Equal(Today, decision.NoteStrangerOn);

        var noted = Decide(InGroup("Benipur 1240") with { StrangerNotedOn = Today }, null);
        Assert.Empty(noted.Sends!);
        Assert.Null(noted.NoteStrangerOn);
    }

    [Fact]
    public void A_stranger_chatting_gets_nothing_at_all()
    {
        var decision = Decide(InGroup("Namaste everyone"), null);
        Assert.Empty(decision.Sends!);
        Assert.Null(decision.NoteStrangerOn);
    }

    [Fact]
    public void A_member_of_another_district_is_a_stranger_there_and_nothing_is_recorded()
    {
        var decision = Decide(InGroup("Benipatti 500"), MadhubaniReporter);
        Assert.Equal(InboxOutcome.Unregistered, decision.Outcome);
        Assert.Empty(decision.Writes);
        Assert.Empty(decision.Sends!); // registered elsewhere: nothing for them here, and never a word of another district
        Assert.False(decision.SeenInGroup);
    }

    [Fact]
    public void On_Telegram_an_unlinked_person_who_reports_gets_one_quoted_reply_with_the_link()
    {
        var decision = Decide(InGroup("Benipur 1240", abilities: Telegram), null);
        var send = Assert.Single(decision.Sends!);
        Assert.Equal(SendTo.Group, send.To);
        Assert.Equal("m-42", send.QuoteRef);
        Assert.Contains("https://t.me/ReportBotDarbhanga?start=link", send.Body);
    }

    [Fact]
    public void On_Telegram_a_private_message_from_an_unlinked_person_offers_the_contact_button()
    {
        var message = InGroup("/start") with { Chat = null, Group = null, Abilities = Telegram };
        var send = Assert.Single(Decide(message, null).Sends!);
        Assert.Equal(SendTo.Sender, send.To);
        Assert.True(send.AskContact);
    }

    [Fact]
    public void A_shared_contact_that_is_a_members_links_the_account()
    {
        var message = InGroup("", kind: MessageEvent.Contact) with { Chat = null, Group = null, Abilities = Telegram };
        var decision = Decide(message, Ramesh);
        Assert.Equal(InboxOutcome.AccountLinked, decision.Outcome);
        Assert.Contains("Ramesh Kumar", Assert.Single(decision.Sends!).Body);
    }

    [Fact]
    public void A_yes_with_nothing_waiting_is_talk_in_a_group_and_a_question_in_a_direct_chat()
    {
        Assert.Empty(Decide(InGroup("Yes"), Ramesh).Sends!);
        Assert.Single(Decide(InGroup("Yes") with { Chat = null, Group = null }, Ramesh).Sends!);
    }

    [Fact]
    public void A_shared_contact_that_is_nobodys_is_told_whom_to_ask()
    {
        var message = InGroup("", kind: MessageEvent.Contact) with { Chat = null, Group = null, Abilities = Telegram };
        var decision = Decide(message, null);
        Assert.Equal(InboxOutcome.Unregistered, decision.Outcome);
        var send = Assert.Single(decision.Sends!);
        Assert.False(send.AskContact);
        Assert.Contains("not registered", send.Body);
    }

    [Fact]
    public void Words_that_start_with_link_but_name_no_district_are_talk()
    {
        var linked = Decide(InGroup("link bhejiye sir"), Ramesh);
        Assert.Equal(InboxOutcome.Chatter, linked.Outcome);
        Assert.Empty(linked.Sends!);
        var unlinked = Decide(InGroup("link bhejiye sir") with { Group = null }, Prabhakar);
        Assert.Equal(InboxOutcome.NotLinked, unlinked.Outcome);
        Assert.Empty(unlinked.Sends!);
    }

    [Fact]
    public void An_unlinked_group_is_not_read()
    {
        var decision = Decide(InGroup("Benipur 1240") with { Group = null }, Ramesh);
        Assert.Equal(InboxOutcome.NotLinked, decision.Outcome);
        Assert.Empty(decision.Writes);
        Assert.Empty(decision.Sends!);
    }

    [Fact]
    public void An_admin_links_the_group_to_their_district_and_no_one_else_may()
    {
        var linked = Decide(InGroup("link Darbhanga") with { Group = null }, Prabhakar);
        Assert.Equal(InboxOutcome.GroupLinked, linked.Outcome);
        Assert.Equal(1, linked.LinkGroupTo);
        Assert.Equal(SendTo.Group, Assert.Single(linked.Sends!).To);

        Assert.Null(Decide(InGroup("link Darbhanga") with { Group = null }, Ramesh).LinkGroupTo);
        Assert.Null(Decide(InGroup("link Madhubani") with { Group = null }, Prabhakar).LinkGroupTo);
        Assert.Null(Decide(InGroup("link Darbhanga") with { Group = new TurnGroup(7, 2) }, Prabhakar).LinkGroupTo);
        Assert.Empty(Decide(InGroup("link Darbhanga") with { Group = null }, null).Sends!);
    }

    [Fact]
    public void An_edit_replaces_what_the_original_made_and_is_acknowledged_on_the_original()
    {
        var original = new OriginalFacts(41, "m-41", [new LastChangeFacts(900, Key("Benipur"), null, 1240)]);
        var facts = Stored("Benipur", 1240) with { Original = original };
        var message = InGroup("Benipur 1420", kind: MessageEvent.Edited, original: "m-41", messageRef: "m-41");
        var start = TurnRules.Start(message, Ramesh, Darbhanga, Districts);
        Assert.Equal(TurnNeed.Edit, start.Need);

        var decision = TurnRules.Finish(start, Ramesh, Darbhanga, facts);

        Assert.Equal(new FigureWrite(Key("Benipur"), 1240, 1420), Assert.Single(decision.Writes));
        Assert.Equal(new TurnSend(SendTo.Group, "✏️", "m-41", Acknowledgement.Changed), Assert.Single(decision.Sends!));
    }

    [Fact]
    public void An_edited_addition_adds_once()
    {
        var original = new OriginalFacts(41, "m-41", [new LastChangeFacts(900, Key("Benipur"), 1000, 1050)]);
        var facts = Stored("Benipur", 1050) with { Original = original };
        var decision = Decide(InGroup("Benipur +60", kind: MessageEvent.Edited, original: "m-41"), Ramesh, facts);
        Assert.Equal(new FigureWrite(Key("Benipur"), 1050, 1060), Assert.Single(decision.Writes));
    }

    [Fact]
    public void An_edit_to_another_unit_takes_the_first_back()
    {
        var anil = new TurnMember(2, 1, "Anil Mishra", Role.Officer, "en", []);
        var original = new OriginalFacts(41, "m-41", [new LastChangeFacts(900, Key("Benipur"), null, 500)]);
        var facts = Stored("Benipur", 500) with { Original = original };
        var decision = Decide(InGroup("Jale 500", kind: MessageEvent.Edited, original: "m-41"), anil, facts);
        Assert.Contains(new FigureWrite(Key("Benipur"), 500, null, Reverts: 900), decision.Writes);
        Assert.Contains(decision.Writes, w => w.Key == Key("Jale") && w.NewValue == 500);
    }

    [Fact]
    public void A_deleted_report_takes_its_figure_back_unless_someone_changed_it_since()
    {
        var original = new OriginalFacts(41, "m-41", [new LastChangeFacts(900, Key("Benipur"), 600, 1240)]);
        var deleted = InGroup("", kind: MessageEvent.Deleted, original: "m-41");

        var decision = Decide(deleted, Ramesh, Stored("Benipur", 1240) with { Original = original });
        Assert.Equal(InboxOutcome.TakenBack, decision.Outcome);
        Assert.Equal(new FigureWrite(Key("Benipur"), 1240, 600, Reverts: 900), Assert.Single(decision.Writes));
        Assert.Empty(decision.Sends!);

        Assert.Empty(Decide(deleted, Ramesh, Stored("Benipur", 2000) with { Original = original }).Writes);
    }

    [Fact]
    public void In_a_direct_chat_the_reply_is_said_as_before()
    {
        var message = InGroup("Benipur 1240") with { Chat = null, Group = null };
        var send = Assert.Single(Decide(message, Ramesh).Sends!);
        Assert.Equal(SendTo.Sender, send.To);
        Assert.Contains("1,240", send.Body);
    }
}
