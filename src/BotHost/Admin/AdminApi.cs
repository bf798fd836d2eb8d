using ReportBot.BotHost.Cli;
using ReportBot.Data.Groups;
using ReportBot.Reporting.Turns;
using ReportBot.BotHost.Security;
using ReportBot.BotHost.ChatImport;
using ReportBot.BotHost.Desk;
using ReportBot.BotHost.Rhythm;
using ReportBot.Data.Districts;
using ReportBot.Data.Messages;
using ReportBot.Data.Rhythm;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Admin;

/// <summary>
/// The district IT manager's HTTP API, on when `Admin:ApiKey` is set; every call carries that key in `X-Admin-Key`.
/// Schedules (effective at the next tick, no restart), summaries (see, or send now), and dead letters (see, retry).
/// </summary>
public static class AdminApi
{
    public const string KeyHeader = AdminKey.Header;

    public sealed record SlotRequest(string District, string Kind, string Name, string Cron, bool Enabled = true);

    public sealed record GroupRequest(string District, string Channel, string Chat, string? Title = null, string[]? Languages = null);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        if (AdminKey.Of(app.ServiceProvider.GetRequiredService<IConfiguration>()) is not { } key)
            return app;
        var admin = app.MapGroup("/admin").RequireAdminKey(key);

        admin.MapGet("/schedules", async (string? district, DistrictStore districts, ScheduleStore schedules, CancellationToken ct) =>
        {
            int? districtId = district is null ? null : (await districts.FindDistrictAsync(district, ct))?.Id ?? -1;
            return TypedResults.Ok(await schedules.SlotsAsync(districtId, ct));
        });

        admin.MapPut("/schedules", async Task<IResult> (SlotRequest request, DistrictStore districts, ScheduleStore schedules, CancellationToken ct) =>
        {
            if (await districts.FindDistrictAsync(request.District, ct) is not { } district)
                return TypedResults.BadRequest(new { error = $"No district named '{request.District}'." });
            if (!Enum.TryParse<SlotKind>(request.Kind, ignoreCase: true, out var kind))
                return TypedResults.BadRequest(new { error = "kind must be reminder, escalation or summary." });
            if (ScheduleRules.SlotNameProblem(request.Name) is { } problem)
                return TypedResults.BadRequest(new { error = problem });
            if (!ScheduleRules.IsValid(request.Cron))
                return TypedResults.BadRequest(new { error = $"'{request.Cron}' is not a cron expression (minute hour day month weekday, e.g. \"0 16 * * *\")." });
            return TypedResults.Ok(await schedules.UpsertSlotAsync(district.Id, kind.ToText(), request.Name, request.Cron, request.Enabled, ct));
        });

        admin.MapGet("/groups", async (string? district, DistrictStore districts, GroupStore groups, CancellationToken ct) =>
        {
            int? districtId = district is null ? null : (await districts.FindDistrictAsync(district, ct))?.Id ?? -1;
            return TypedResults.Ok(await groups.ListAsync(districtId, ct));
        });

        admin.MapPut("/groups", async Task<IResult> (GroupRequest request, DistrictStore districts, GroupStore groups, TimeProvider time, CancellationToken ct) =>
        {
            if (await districts.FindDistrictAsync(request.District, ct) is not { } district)
                return TypedResults.BadRequest(new { error = $"No district named '{request.District}'." });
            if (!GroupCommands.Channels.Contains(request.Channel))
                return TypedResults.BadRequest(new { error = $"channel must be one of {string.Join(", ", GroupCommands.Channels)}." });
            if (string.IsNullOrWhiteSpace(request.Chat) || request.Chat.Length > 200)
                return TypedResults.BadRequest(new { error = "chat must be the group's chat id (Telegram -100…, WAHA …@g.us, Meta's group_id)." });
            var languages = request.Languages is { Length: > 0 } written ? written.Distinct().ToArray() : ["hi"];
            if (languages.Any(l => !GroupCommands.Languages.Contains(l)))
                return TypedResults.BadRequest(new { error = "languages must be hi, en or both." });
            return TypedResults.Ok(await groups.LinkAsync(request.Channel, request.Chat.Trim(), district.Id, request.Title, languages, "admin-api", time.GetUtcNow(), ct));
        });

        admin.MapDelete("/groups", async Task<IResult> (string channel, string chat, GroupStore groups, CancellationToken ct) =>
            await groups.UnlinkAsync(channel, chat, ct) ? TypedResults.NoContent() : TypedResults.NotFound());

        // Dates are strings read here, day first or ISO: ASP.NET's own DateOnly binding reads 01/12/2026 as 12 January.
        admin.MapGet("/summary", async Task<IResult> (string district, string? date, string? language, DistrictStore districts, DailyRhythm rhythm,
            TimeProvider time, CancellationToken ct) =>
        {
            if (!LocalDays.TryParseOptional(date, out var asked, out var bad))
                return TypedResults.BadRequest(new { error = bad });
            if (language is not (null or "en" or "hi"))
                return TypedResults.BadRequest(new { error = "language must be en or hi." });
            if (await districts.FindDistrictAsync(district, ct) is not { } found)
                return TypedResults.NotFound(new { error = $"No district named '{district}'." });
            var day = asked ?? LocalToday(found, time);
            return TypedResults.Ok(new { district = found.Name, date = day, parts = await rhythm.SummaryTextAsync(found.Id, day, language ?? "en", ct) });
        });

        admin.MapPost("/send-now", async Task<IResult> (string district, string kind, string? date, DistrictStore districts, DailyRhythm rhythm,
            TimeProvider time, CancellationToken ct) =>
        {
            if (!LocalDays.TryParseOptional(date, out var asked, out var bad))
                return TypedResults.BadRequest(new { error = bad });
            if (await districts.FindDistrictAsync(district, ct) is not { } found)
                return TypedResults.NotFound(new { error = $"No district named '{district}'." });
            if (!Enum.TryParse<SlotKind>(kind, ignoreCase: true, out var slotKind))
                return TypedResults.BadRequest(new { error = "kind must be reminder, escalation or summary." });
            await rhythm.FireAsync(found.Id, slotKind, asked ?? LocalToday(found, time), slotId: null, ct);
            return TypedResults.Accepted((string?)null);
        });

        admin.MapChatImport(); // POST /admin/import/chat: a group's exported WhatsApp chat (ChatImport/)

        admin.MapDesk(); // GET /admin/figures.xlsx, /admin/figures.csv, /admin/chart.png: the DM's desk (Desk/)

        admin.MapGet("/inbox/unregistered", async (InboxStore inbox, CancellationToken ct) => TypedResults.Ok(await inbox.WithOutcomeAsync(InboxOutcome.Unregistered, 100, ct)));

        // Stored but not answered: a sender past `RateLimit:PerSenderPerMinute` (Security/SenderRateLimit).
        admin.MapGet("/inbox/rate-limited", async (InboxStore inbox, CancellationToken ct) => TypedResults.Ok(await inbox.WithOutcomeAsync(InboxOutcome.RateLimited, 100, ct)));

        admin.MapGet("/outbox/failed", async (OutboxStore outbox, CancellationToken ct) => TypedResults.Ok(await outbox.FailedAsync(100, ct)));

        admin.MapPost("/outbox/{id:long}/retry", async Task<IResult> (long id, OutboxStore outbox, TimeProvider time, CancellationToken ct) =>
            await outbox.RetryAsync(id, time.GetUtcNow(), ct) ? TypedResults.Accepted((string?)null) : TypedResults.NotFound());

        return app;
    }

    static DateOnly LocalToday(DistrictRow district, TimeProvider time) =>
        LocalDays.Of(time.GetUtcNow(), district.TimeZone);
}
