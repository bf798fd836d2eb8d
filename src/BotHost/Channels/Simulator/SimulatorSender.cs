using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.Reporting.Groups;

namespace ReportBot.BotHost.Channels.Simulator;

/// <summary>The simulator's way out: the page reads the outbox itself, so a message is delivered once it is there.</summary>
public sealed class SimulatorSender : IChannelSender
{
    public string Channel => SimulatorApi.Channel;

    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct) =>
        Task.FromResult<SendResult>(new SendResult.Sent($"sim-{message.OutboxId}"));

    public string AddressFor(string e164Digits) => SimulatorApi.AddressOf(e164Digits);

    /// <summary>
    /// The page shows a group as WhatsApp does: reactions, quoted replies, mentions; and anyone's direct chat; and a
    /// picture (served from the outbox by <see cref="SimulatorApi"/>) with a caption as long as WhatsApp's.
    /// </summary>
    public ChannelAbilities Abilities { get; } = new(Groups: true, Reactions: true, Mentions: true, WritesFirst: true) { ImageCaption = 1024 };

    /// <summary>The simulator is not WhatsApp: free text always goes.</summary>
    public bool HasMessagingWindow => false;
}
