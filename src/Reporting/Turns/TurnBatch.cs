using ReportBot.Reporting.Districts;

namespace ReportBot.Reporting.Turns;

/// <summary>One claimed message with its sender, its district and its first look.</summary>
public sealed record BatchTurn(TurnMessage Message, TurnMember? Member, DistrictSetting? District, TurnStart Start);

/// <summary>
/// Several messages handled in one transaction, decided one after the other as if each were alone: a message sees the
/// figures the ones before it wrote. Which turns may share a batch, and how each decision updates the figures the next
/// one reads, is decided here.
/// </summary>
public static class TurnBatch
{
    /// <summary>
    /// Splits claimed turns (in arrival order) into those handled together and those handled alone, after the batch:
    /// a turn that needs more than figures (status, undo, YES) goes alone, and so does one that touches a unit's
    /// indicator on another day than an earlier turn of the batch (its usual day and day before would have changed).
    /// Once a sender has a turn handled alone, their later turns are too, so one person's messages keep their order.
    /// </summary>
    public static (IReadOnlyList<BatchTurn> Together, IReadOnlyList<BatchTurn> Alone) Split(IReadOnlyList<BatchTurn> turns)
    {
        var together = new List<BatchTurn>();
        var alone = new List<BatchTurn>();
        var deferredSenders = new HashSet<string>();
        var dayOf = new Dictionary<(int Unit, string Indicator), DateOnly>();
        foreach (var turn in turns)
        {
            var sender = turn.Message.Address;
            var conflict = turn.Start.Figures.Any(k => dayOf.TryGetValue((k.UnitId, k.Indicator), out var day) && day != k.Day);
            if (deferredSenders.Contains(sender) || turn.Start.Need is not (TurnNeed.Nothing or TurnNeed.Figures) || conflict)
            {
                alone.Add(turn);
                deferredSenders.Add(sender);
                continue;
            }
            foreach (var key in turn.Start.Figures)
                dayOf[(key.UnitId, key.Indicator)] = key.Day;
            together.Add(turn);
        }
        return (together, alone);
    }

    /// <summary>Decides each turn in order, each reading the figures as the turns before it left them.</summary>
    public static IReadOnlyList<TurnDecision> Decide(IReadOnlyList<BatchTurn> turns, IReadOnlyDictionary<FigureKey, FigureFacts> loaded)
    {
        var figures = new Dictionary<FigureKey, FigureFacts>(loaded);
        var holding = new HashSet<int>(); // members with a figure held earlier in this batch
        var decisions = new List<TurnDecision>(turns.Count);
        foreach (var turn in turns)
        {
            var member = turn.Member is { } m && holding.Contains(m.Id) ? m with { HasHeldFigure = true } : turn.Member;
            var decision = TurnRules.Finish(turn.Start, member, turn.District, new TurnFacts(figures));
            foreach (var write in decision.Writes)
                figures[write.Key] = (figures.TryGetValue(write.Key, out var facts) ? facts : FigureFacts.None) with { Current = write.NewValue };
            if (decision.Holds.Count > 0 && member is not null)
                holding.Add(member.Id);
            decisions.Add(decision);
        }
        return decisions;
    }
}
