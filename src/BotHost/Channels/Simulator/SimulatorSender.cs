using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.Simulator;

/// <summary>The simulator's way out: the page reads the outbox itself, so a message is delivered once it is there.</summary>
public sealed class SimulatorSender : IChannelSender
{
    public string Channel => SimulatorApi.Channel;

    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct) =>
        Task.FromResult<SendResult>(new SendResult.Sent($"sim-{message.OutboxId}"));

    public string AddressFor(string e164Digits) => SimulatorApi.AddressOf(e164Digits);

    /// <summary>The simulator is not WhatsApp: free text always goes.</summary>
    public bool HasMessagingWindow => false;

    /// <summary>The page shows a picture (served from the outbox by <see cref="SimulatorApi"/>) with a caption as long as WhatsApp's.</summary>
    public ReportBot.Reporting.Groups.ChannelAbilities Abilities =>
        ReportBot.Reporting.Groups.ChannelAbilities.DirectOnly with { ImageCaption = 1024 };
}
