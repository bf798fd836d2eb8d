namespace ReportBot.BotHost.Rhythm;

/// <summary>`Rhythm` section: how often the scheduler looks at the clock, and how to reach someone who never wrote.</summary>
public sealed class RhythmOptions
{
    public const string Section = "Rhythm";

    /// <summary>Whether this instance runs the scheduler (any number may; each slot still fires once).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The channel for members who have never written (twilio, whatsapp or simulator). Default: the first of those
    /// that is configured.
    /// </summary>
    public string? DefaultChannel { get; set; }
}
