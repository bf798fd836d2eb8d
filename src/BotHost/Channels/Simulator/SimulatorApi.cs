using ReportBot.Reporting.People;
// The local chat simulator: a page at / that shows the district's group as a group — everyone's reports, the bot's
// reactions and its few quoted replies, the day's posts — beside each member's direct chat with the bot, so the bot
// can be tried with no provider account. It speaks only to this API:
//   GET  /simulator/api/group                 → {"district":"Darbhanga","group":{"title":…},"members":[{"id":1,"name":…,"units":[…]}]}
//   GET  /simulator/api/messages?after=<id>   → {"messages":[{"id":12,"direction":"in"|"out","chat":"group"|"direct",
//                                                 "memberId":1,"messageRef":…,"quoteRef":…,"quotedText":…,"reaction":"recorded"|"changed"|null,…}]}
//   GET  /simulator/api/images/<id>.png       → the picture an outbox message carries (the final summary's chart)
//   POST /simulator/api/messages {"memberId":1,"text":"Benipur 1240","chat":"group"|"direct"} → 202 {"id":14}
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Security;
using ReportBot.BotHost.Rhythm;
using ReportBot.Reporting.Rhythm;
using ReportBot.Data.Districts;
using ReportBot.Data.Groups;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Channels.Simulator;

public static class SimulatorApi
{
    public const string Channel = "simulator";

    /// <summary>A simulated member writes from this address, so the rest of the flow finds them by phone as usual.</summary>
    public static string AddressOf(string phone) => $"sim:+{phone}";

    /// <param name="Chat">`group` (the default: the district's simulator group) or `direct` (a private chat with the bot).</param>
    public sealed record SendRequest(int MemberId, string? Text, string? Chat = null);

    public sealed record SendNowRequest(string? Kind);

    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app)
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        var access = SimulatorChannelExtensions.AccessOf(configuration);
        if (access == SimulatorAccess.Off)
            return app;
        var api = app.MapGroup("/simulator/api");
        if (access == SimulatorAccess.AdminKeyRequired)
            api.RequireAdminKey(AdminKey.Of(configuration)!);
        api.MapGet("/group", GroupAsync);
        api.MapGet("/messages", MessagesAsync);
        api.MapGet("/images/{id:long}.png", ImageAsync);
        api.MapPost("/messages", SendAsync);
        api.MapPost("/send-now", SendNowAsync);
        return app;
    }

    /// <summary>The district's group in the simulator: the first simulator group linked to it (the demo links one).</summary>
    static async Task<GroupRow?> SimulatorGroupAsync(GroupStore groups, int districtId, CancellationToken ct) =>
        (await groups.ListAsync(districtId, ct)).FirstOrDefault(g => g.Channel == Channel);

    static async Task<IResult> GroupAsync(DistrictStore districts, GroupStore groups, CancellationToken ct)
    {
        if (await districts.FirstDistrictAsync(ct) is not { } district)
            return TypedResults.NotFound(new { error = "No district is set up yet." });
        var members = await districts.MembersAsync(district.Id, ct);
        var units = await districts.MemberUnitsAsync(district.Id, ct);
        var group = await SimulatorGroupAsync(groups, district.Id, ct);
        return TypedResults.Ok(new
        {
            district = district.Name,
            group = group is null ? null : new { group.Title, group.ChatId, group.Languages },
            members = members.Select(m => new
            {
                m.Id,
                m.Name,
                Role = m.Role.ToText(),
                m.Language,
                units = units[m.Id].Select(u => new { u.Name, u.NameHi }),
            }),
        });
    }

    static async Task<IResult> MessagesAsync(ConversationStore conversation, long? after, CancellationToken ct)
    {
        var lines = await conversation.AfterAsync(Channel, after ?? 0, limit: 200, ct);
        // By hand: the page's names ("group"/"direct"), and a reaction's row text (its emoji) kept for a plain reader.
        return TypedResults.Ok(new
        {
            messages = lines.Select(l => new
            {
                l.Id,
                l.At,
                l.Direction,
                chat = l.Chat == ConversationChat.Group ? "group" : "direct",
                l.MemberId,
                l.MemberName,
                l.Text,
                l.MessageRef,
                l.QuoteRef,
                l.QuotedText,
                l.QuotedMemberId,
                l.QuotedMemberName,
                l.Reaction,
                l.Kind,
                l.Mentions,
                imageUrl = l.HasImage ? $"/simulator/api/images/{l.Id}.png" : null,
            }),
        });
    }

    /// <summary>The picture a simulator message carries, for the page's `imageUrl`.</summary>
    static async Task<IResult> ImageAsync(long id, OutboxStore outbox, CancellationToken ct) =>
        await outbox.ImageOfMessageAsync(id, Channel, ct) is { } image ? TypedResults.File(image.Png, "image/png") : TypedResults.NotFound();

    /// <summary>The "send now" buttons: today's summary, reminders or escalation, as the schedule would send them.</summary>
    static async Task<IResult> SendNowAsync(SendNowRequest request, DistrictStore districts, DailyRhythm rhythm, TimeProvider time, CancellationToken ct)
    {
        if (!Enum.TryParse<SlotKind>(request.Kind, ignoreCase: true, out var kind))
            return TypedResults.BadRequest(new { error = "Choose summary, reminder or escalation." });
        if (await districts.FirstDistrictAsync(ct) is not { } district)
            return TypedResults.NotFound(new { error = "No district is set up yet." });
        var today = LocalDays.Of(time.GetUtcNow(), district.TimeZone);
        await rhythm.FireAsync(district.Id, kind, today, slotId: null, ct);
        return TypedResults.Accepted((string?)null);
    }

    static async Task<IResult> SendAsync(SendRequest request, DistrictStore districts, GroupStore groups, MessageIntake intake, TimeProvider time,
        CancellationToken ct)
    {
        var inGroup = request.Chat?.ToLowerInvariant() switch
        {
            null or "" or "group" => true,
            "direct" => false,
            _ => (bool?)null,
        };
        if (inGroup is null)
            return TypedResults.BadRequest(new { error = "Say where: chat \"group\" or \"direct\"." });
        if (string.IsNullOrWhiteSpace(request.Text))
            return TypedResults.BadRequest(new { error = "Type a message first." });
        if (request.Text.Length > 1600)
            return TypedResults.BadRequest(new { error = "WhatsApp messages are at most 1,600 characters." });
        if (await districts.FindMemberAsync(request.MemberId, ct) is not { } member)
            return TypedResults.BadRequest(new { error = "Pick a member of the group first." });

        string? chat = null;
        if (inGroup == true)
        {
            if (await SimulatorGroupAsync(groups, member.DistrictId, ct) is not { } group)
                return TypedResults.BadRequest(new { error = "This district has no group in the simulator; write in the direct chat." });
            chat = group.ChatId;
        }

        var externalId = Guid.NewGuid().ToString("N");
        var message = new InboundMessage(
            Channel, externalId, AddressOf(member.Phone), request.Text, MediaCount: 0,
            Raw: System.Text.Json.JsonSerializer.Serialize(request), time.GetUtcNow(),
            Chat: chat, MessageRef: chat is null ? null : externalId, SenderName: member.Name);
        try
        {
            var (_, inboxId) = await intake.AcceptAsync(message, ct);
            return TypedResults.Accepted((string?)null, new { id = inboxId });
        }
        catch (InboxUnavailableException)
        {
            return TypedResults.Json(new { error = "ReportBot's database is not reachable just now. Please try again in a minute." },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
