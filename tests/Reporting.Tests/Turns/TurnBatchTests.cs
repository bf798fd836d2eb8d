using ReportBot.Reporting.Districts;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Tests.Reading;
using ReportBot.Reporting.Turns;

namespace ReportBot.Reporting.Tests.Turns;

/// <summary>Messages handled together decide exactly as they would one after the other.</summary>
public sealed class TurnBatchTests
{
    static readonly DateTimeOffset Noon = new(2025, 12, 3, 6, 30, 0, TimeSpan.Zero);
    static readonly DistrictSetting Darbhanga = new(1, Corpus.CatalogOf("Darbhanga"), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"),
        Corpus.UnitsOf("Darbhanga").Select((u, i) => new DistrictUnit(100 + i, u.Name)).ToList(),
        new CampaignSetting("Drive", new DateOnly(2025, 11, 22), new DateOnly(2025, 12, 31), 7, 20_000), []);

    static TurnMember Reporter(int id) => new(id, 1, $"Reporter {id}", Role.Reporter, "en", ["Benipur"]);
    static readonly TurnMember Officer = new(99, 1, "Anil", Role.Officer, "en", []);

    static long _inboxId;

    static BatchTurn Turn(TurnMember member, string body)
    {
        var message = new TurnMessage(++_inboxId, "twilio", $"whatsapp:+91{member.Id:D10}", body, 0, Noon);
        return new BatchTurn(message, member, Darbhanga, TurnRules.Start(message, member, Darbhanga, [Darbhanga]));
    }

    [Fact]
    public void Each_turn_reads_the_figure_the_turns_before_it_wrote()
    {
        var turns = new[] { Turn(Reporter(1), "Benipur 1000"), Turn(Reporter(2), "Benipur +200"), Turn(Reporter(3), "Benipur +50") };
        var (together, alone) = TurnBatch.Split(turns);
        Assert.Equal(3, together.Count);
        Assert.Empty(alone);
        var writes = TurnBatch.Decide(together, new Dictionary<FigureKey, FigureFacts>()).Select(d => Assert.Single(d.Writes)).ToList();
        Assert.Equal([(null, 1000L), (1000L, 1200L), (1200L, 1250L)], writes.Select(w => (w.OldValue, w.NewValue!.Value)));
    }

    [Fact]
    public void A_command_and_the_senders_later_messages_go_alone_in_order()
    {
        var ramesh = Reporter(1);
        var turns = new[] { Turn(ramesh, "status"), Turn(Reporter(2), "Benipur 500"), Turn(ramesh, "Benipur 600") };
        var (together, alone) = TurnBatch.Split(turns);
        Assert.Equal([turns[1]], together);
        Assert.Equal([turns[0], turns[2]], alone);
    }

    [Fact]
    public void A_unit_reported_for_two_days_in_one_batch_splits_it()
    {
        var turns = new[] { Turn(Officer, "Benipur 500"), Turn(Reporter(2), "Benipur 400 kal") };
        var (together, alone) = TurnBatch.Split(turns);
        Assert.Single(together);
        Assert.Single(alone);
    }

    [Fact]
    public void A_figure_held_earlier_in_the_batch_is_closed_by_the_senders_correction()
    {
        var ramesh = Reporter(1);
        var turns = new[] { Turn(ramesh, "Benipur 45000"), Turn(ramesh, "Benipur 450") };
        var decisions = TurnBatch.Decide(TurnBatch.Split(turns).Together, new Dictionary<FigureKey, FigureFacts>());
        Assert.Single(decisions[0].Holds);
        Assert.Single(decisions[1].ReleaseHeld);
    }
}
