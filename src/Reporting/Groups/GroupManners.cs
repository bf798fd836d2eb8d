using ReportBot.Reporting.Turns;

namespace ReportBot.Reporting.Groups;

/// <summary>Where a message of a turn goes: back to whoever wrote (a private chat), or into the group it was posted in.</summary>
public enum SendTo
{
    Sender,
    Group,
}

/// <summary>One message a turn sends: a text (quoting <paramref name="QuoteRef"/>'s message when set), or a reaction on it.</summary>
/// <param name="AskContact">Offer the "share my phone number" button with it (a private chat on Telegram).</param>
public sealed record TurnSend(SendTo To, string Body, string? QuoteRef = null, Acknowledgement? Reaction = null, bool AskContact = false);

/// <summary>
/// How the bot behaves where everyone reads everything: in a group it speaks little. A recorded report is acknowledged
/// with a reaction on the message itself where the channel has reactions; a short reply, quoting the message, only
/// when the sender must act (an error, a held figure, a flag, a figure derived from a running total) or asked
/// (`status`, `help`, `undo`); chatter and photos get nothing. In a direct chat every reply is said as it is.
/// </summary>
public static class GroupManners
{
    public static IReadOnlyList<TurnSend> Sends(TurnDecision decision, TurnMessage message)
    {
        if (decision.Sends is { } decided)
            return decided; // a rule of the group's own (a stranger's note, a link) said exactly what goes where
        if (message.Chat is null)
            return decision.Reply is { } reply ? [new TurnSend(SendTo.Sender, reply, AskContact: decision.AskContact)] : [];

        var quote = decision.QuoteRef ?? message.MessageRef;
        var sends = new List<TurnSend>();
        var reacted = decision.Acknowledge is { } acknowledgement && message.Abilities.Reactions && quote is not null;
        if (reacted)
            sends.Add(new TurnSend(SendTo.Group, Emoji(decision.Acknowledge!.Value), quote, decision.Acknowledge));
        var silent = decision.Outcome is InboxOutcome.Chatter or InboxOutcome.Empty or InboxOutcome.Media;
        if (decision.Reply is { } text && !silent && (!reacted || decision.MustAct))
            sends.Add(new TurnSend(SendTo.Group, text, quote));
        return sends;
    }

    /// <summary>The outbox row's text for a reaction (each channel sends its own emoji; this is what the row shows).</summary>
    static string Emoji(Acknowledgement acknowledgement) => acknowledgement == Acknowledgement.Changed ? "✏️" : "✅";
}

/// <summary>The group a message was posted in, as its turn sees it.</summary>
/// <param name="DistrictId">The district it is linked to.</param>
public sealed record TurnGroup(int Id, int DistrictId);

/// <summary>A group command: an admin's `link Darbhanga` ties the group it is posted in to their district.</summary>
public static class GroupCommand
{
    /// <summary>The district a `link …` names (as typed), or null when the text is no link command.</summary>
    public static string? ParseLink(string body)
    {
        var text = body.Trim();
        if (!text.StartsWith("link ", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("/link ", StringComparison.OrdinalIgnoreCase))
            return null;
        var name = text[(text.IndexOf(' ') + 1)..].Trim();
        return name.Length is > 0 and <= 100 ? name : null;
    }
}
