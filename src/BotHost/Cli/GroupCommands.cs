using System.CommandLine;
using ReportBot.Data.Groups;

namespace ReportBot.BotHost.Cli;

/// <summary>`group link|list|unlink`: which group chats are a district's reporting groups.</summary>
static class GroupCommands
{
    /// <summary>The channels that read groups, by their names in the inbox.</summary>
    public static readonly string[] Channels = ["telegram", "waha", "whatsapp"];

    public static readonly string[] Languages = ["hi", "en"];

    public static Command Group(TextWriter output, TextWriter error, Func<CancellationToken, Task<CommandServices>> services)
    {
        var district = new Option<string>("--district") { Description = "The district the group reports for.", Required = true };
        var channel = new Option<string>("--channel") { Description = "telegram | waha | whatsapp (Meta's Groups API)", Required = true };
        channel.AcceptOnlyFromAmong(Channels);
        var chat = new Option<string>("--chat") { Description = "The group's chat id: Telegram -100…, WAHA …@g.us, Meta's group_id.", Required = true };
        var title = new Option<string?>("--title") { Description = "A name to know it by." };
        var languages = new Option<string>("--languages") { Description = "The rhythm's messages are posted once in each: hi, en or hi,en.", DefaultValueFactory = _ => "hi" };
        var link = new Command("link", "Make a group chat the district's reporting group: its members' reports are read, the rhythm posts there.")
            { district, channel, chat, title, languages };
        link.SetAction(async (result, ct) =>
        {
            var written = result.GetValue(languages)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (written.Length == 0 || written.Any(l => !Languages.Contains(l)))
            {
                await error.WriteLineAsync($"'{result.GetValue(languages)}' is not a list of languages: write hi, en or hi,en.");
                return 2;
            }
            await using var host = await services(ct);
            if (await CommandLine.FindDistrictAsync(host, result.GetValue(district)!, error, ct) is not { } found)
                return 2;
            var time = host.Services.GetRequiredService<TimeProvider>();
            var group = await host.Services.GetRequiredService<GroupStore>().LinkAsync(result.GetValue(channel)!, result.GetValue(chat)!.Trim(), found.Id,
                result.GetValue(title), written.Distinct().ToArray(), "cli", time.GetUtcNow(), ct);
            await output.WriteLineAsync($"Linked: {Line(group)}");
            return 0;
        });

        var listDistrict = new Option<string?>("--district") { Description = "Only this district's groups." };
        var list = new Command("list", "List the linked groups.") { listDistrict };
        list.SetAction(async (result, ct) =>
        {
            await using var host = await services(ct);
            int? districtId = null;
            if (result.GetValue(listDistrict) is { } name)
            {
                if (await CommandLine.FindDistrictAsync(host, name, error, ct) is not { } found)
                    return 2;
                districtId = found.Id;
            }
            var groups = await host.Services.GetRequiredService<GroupStore>().ListAsync(districtId, ct);
            if (groups.Count == 0)
                await output.WriteLineAsync("No linked groups.");
            foreach (var group in groups)
                await output.WriteLineAsync(Line(group));
            return 0;
        });

        var unlinkChannel = new Option<string>("--channel") { Description = "telegram | waha | whatsapp", Required = true };
        unlinkChannel.AcceptOnlyFromAmong(Channels);
        var unlinkChat = new Option<string>("--chat") { Description = "The group's chat id.", Required = true };
        var unlink = new Command("unlink", "Stop reading a group and posting there (its messages stay kept).") { unlinkChannel, unlinkChat };
        unlink.SetAction(async (result, ct) =>
        {
            await using var host = await services(ct);
            var (channelName, chatId) = (result.GetValue(unlinkChannel)!, result.GetValue(unlinkChat)!.Trim());
            if (!await host.Services.GetRequiredService<GroupStore>().UnlinkAsync(channelName, chatId, ct))
            {
                await error.WriteLineAsync($"No linked {channelName} group {chatId}: `BotHost group list` shows them.");
                return 2;
            }
            await output.WriteLineAsync($"Unlinked {channelName} group {chatId}.");
            return 0;
        });

        return new Command("group", "A district's reporting groups on Telegram or WhatsApp: link, list, unlink.") { link, list, unlink };
    }

    static string Line(GroupRow group) =>
        $"{group.District,-12} {group.Channel,-9} {group.ChatId,-28} {group.Title ?? "",-24} {string.Join(",", group.Languages),-6} " +
        $"{group.Members.Length} members seen, linked by {group.LinkedBy} {group.LinkedAt:dd/MM/yyyy HH:mm} UTC";
}
