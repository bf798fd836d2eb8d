using System.CommandLine;
using ReportBot.Data.Rhythm;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Cli;

/// <summary>`schedule` and `holiday`: when a district's rhythm fires, and the days it rests.</summary>
static class CalendarCommands
{
    public static Command Schedule(TextWriter output, TextWriter error, Func<CancellationToken, Task<CommandServices>> services)
    {
        var district = new Option<string>("--district") { Description = "The district.", Required = true };
        var name = new Option<string?>("--set") { Description = "Create or change the slot with this name (with --kind and --cron)." };
        var kind = new Option<SlotKind?>("--kind") { Description = "reminder | escalation | summary" };
        var cron = new Option<string?>("--cron") { Description = "When, in the district's time zone: minute hour day month weekday, e.g. \"0 16 * * *\"." };
        var disable = new Option<bool>("--disable") { Description = "Turn the slot named by --set off (it stays listed)." };
        var command = new Command("schedule", "List a district's schedule, or set one slot; the running ReportBot picks it up at its next tick.")
            { district, name, kind, cron, disable };
        command.SetAction(async (result, ct) =>
        {
            await using var host = await services(ct);
            if (await CommandLine.FindDistrictAsync(host, result.GetValue(district)!, error, ct) is not { } found)
                return 2;
            var schedules = host.Services.GetRequiredService<ScheduleStore>();
            if (result.GetValue(name) is { } slotName)
            {
                if (ScheduleRules.SlotNameProblem(slotName) is { } problem)
                {
                    await error.WriteLineAsync(problem);
                    return 2;
                }
                var existing = (await schedules.SlotsAsync(found.Id, ct)).FirstOrDefault(s => s.Name == slotName);
                SlotKind? slotKind = result.GetValue(kind) ?? (Enum.TryParse<SlotKind>(existing?.Kind, ignoreCase: true, out var stored) ? stored : null);
                var slotCron = result.GetValue(cron) ?? existing?.Cron;
                if (slotKind is null || slotCron is null || !ScheduleRules.IsValid(slotCron))
                {
                    await error.WriteLineAsync("A slot needs --kind (reminder, escalation or summary) and a valid --cron, e.g. \"0 16 * * *\".");
                    return 2;
                }
                await schedules.UpsertSlotAsync(found.Id, slotKind.Value.ToText(), slotName, slotCron, !result.GetValue(disable), ct);
            }
            foreach (var slot in await schedules.SlotsAsync(found.Id, ct))
                await output.WriteLineAsync($"{slot.Name,-24} {slot.Kind,-10} {slot.Cron,-16} {(slot.Enabled ? "on" : "off")}");
            return 0;
        });
        return command;
    }

    public static Command Holiday(TextWriter output, TextWriter error, Func<CancellationToken, Task<CommandServices>> services)
    {
        var district = new Option<string>("--district") { Description = "The district.", Required = true };
        var add = CommandLine.DateOption("--add", "Make this date a day off (day first, 26/01/2027, or ISO): no reminder, escalation or summary.");
        var holidayName = new Option<string>("--name") { Description = "The holiday's name, with --add.", DefaultValueFactory = _ => "" };
        var remove = CommandLine.DateOption("--remove", "Make this date a working day again.");
        var restDays = new Option<string?>("--rest-days") { Description = "The weekly days off, e.g. \"sun\" or \"sat,sun\" (\"none\" for none)." };
        var command = new Command("holiday", "List a district's rest days and holidays, or change them; the rhythm rests on them.")
            { district, add, holidayName, remove, restDays };
        command.SetAction(async (result, ct) =>
        {
            await using var host = await services(ct);
            if (await CommandLine.FindDistrictAsync(host, result.GetValue(district)!, error, ct) is not { } found)
                return 2;
            var schedules = host.Services.GetRequiredService<ScheduleStore>();
            if (result.GetValue(restDays) is { } written)
            {
                if (Weekdays(written) is not { } days)
                {
                    await error.WriteLineAsync($"'{written}' is not a list of weekdays: write e.g. \"sun\" or \"sat,sun\", or \"none\".");
                    return 2;
                }
                await schedules.SetRestWeekdaysAsync(found.Id, days, ct);
            }
            if (result.GetValue(add) is { } day)
                await schedules.AddHolidayAsync(found.Id, day, result.GetValue(holidayName)!.Trim(), ct);
            if (result.GetValue(remove) is { } working && !await schedules.RemoveHolidayAsync(found.Id, working, ct))
                await error.WriteLineAsync($"{working:dd/MM/yyyy} was not a holiday in {found.Name}.");

            var calendar = (await schedules.CalendarsAsync(found.Id, ct)).Single();
            var rest = calendar.RestWeekdays.Select(d => ((DayOfWeek)d).ToString()[..3]).ToList();
            await output.WriteLineAsync($"Rest days: {(rest.Count == 0 ? "none" : string.Join(", ", rest))}");
            foreach (var (holiday, label) in await schedules.HolidayListAsync(found.Id, ct))
                await output.WriteLineAsync($"{holiday:dd/MM/yyyy} {holiday:ddd} {label}");
            return 0;
        });
        return command;
    }

    /// <summary>"sat,sun", "Sunday", "none"; null if any word is no weekday.</summary>
    static IReadOnlyList<DayOfWeek>? Weekdays(string written)
    {
        var words = written.Split([',', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words is ["none"])
            return [];
        var days = new List<DayOfWeek>();
        foreach (var word in words)
        {
            var day = Enum.GetValues<DayOfWeek>().Where(d => word.Length >= 3 && d.ToString().StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
            if (day.Count != 1)
                return null;
            days.Add(day[0]);
        }
        return days.Count == 0 ? null : days.Distinct().ToList();
    }
}
