namespace ReportBot.Reporting.Reading;

/// <summary>What a figure is: the day's figure, an addition to it ("+300"), or the drive's running total to that day.</summary>
public enum ReportOp
{
    /// <summary>The figure for the unit, indicator and day.</summary>
    Set,
    /// <summary>Added to the day's figure ("200 aur", "+200").</summary>
    Add,
    /// <summary>
    /// The drive's running total for the unit and indicator up to and including that day ("Total- 15600", "ab tak
    /// 6210"): never the day's figure itself; <see cref="Rules.FigureRules"/> derives the day's figure from it.
    /// </summary>
    Total,
}

/// <summary>One figure read from a message: unit and indicator by their canonical name and key.</summary>
/// <param name="Withdrawn">Rule 5: the figure this one corrects within the message ("1240 nahi 1420": 1240), for the reply.</param>
/// <param name="StatedTotal">
/// A day's figure (or addition) paired with the running total sent beside it for the same unit, indicator and day
/// (<see cref="Conversation.TurnPlan"/> pairs them): the total checks the figure, it is not a second figure.
/// </param>
public sealed record ReadReport(
    string Unit, string Indicator, long Value, DateOnly Date, ReportOp Op = ReportOp.Set, long? Withdrawn = null, long? StatedTotal = null);

/// <summary>The kinds of thing that can go wrong reading one part of a message (the corpus's error codes).</summary>
public enum ReadErrorKind
{
    UnknownUnit,
    AmbiguousUnit,
    MissingNumber,
    AmbiguousNumber,
    InvalidNumber,
    /// <summary>A count below zero ("Benipur -5").</summary>
    NegativeNumber,
    ImplausibleNumber,
    FutureDate,
    StaleDate,
}

/// <summary>
/// One part of a message that could not be read, with what was understood of it, so the reply can teach:
/// the fragment as typed, the units it could have meant, and the unit, value and date if those were read.
/// <c>RelativeToAnotherDay</c>: an ambiguous number given only against another day ("kal se 90 kam", rule 13), so the
/// reply asks for the day's own figure.
/// </summary>
public sealed record ReadError(
    ReadErrorKind Kind,
    string Fragment,
    IReadOnlyList<string> Candidates,
    string? Unit = null,
    long? Value = null,
    DateOnly? Date = null,
    bool RelativeToAnotherDay = false);

/// <summary>Commands an official can send instead of a figure.</summary>
public enum CommandKind
{
    Help,
    Status,
    /// <summary>Revert the sender's own last change.</summary>
    Undo,
    /// <summary>"YES": record the figure held for confirmation.</summary>
    Confirm,
}

/// <summary>What a message says: figures, errors, a command, or nothing for the bot (chatter).</summary>
public sealed record Reading(
    IReadOnlyList<ReadReport> Reports,
    IReadOnlyList<ReadError> Errors,
    CommandKind? Command = null)
{
    public static readonly Reading Chatter = new([], []);

    public bool IsChatter => Reports.Count == 0 && Errors.Count == 0 && Command is null;
}
