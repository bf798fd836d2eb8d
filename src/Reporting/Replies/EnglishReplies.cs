using ReportBot.Reporting.Catalog;

namespace ReportBot.Reporting.Replies;

sealed class EnglishReplies : ReplyLanguage
{
    static readonly string[] Weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public override string Code => "en";

    public override string Day(DateOnly day) => $"{Weekdays[(int)day.DayOfWeek]} {day.Day} {Months[day.Month - 1]}";

    public override string DayMonth(DateOnly day) => $"{day.Day} {Months[day.Month - 1]}";

    public override string UnitName(Unit unit) => unit.Name;

    public override string IndicatorName(Indicator indicator) => indicator.Name;

    public override string Recorded(string unit, string value, string indicator, string day) =>
        $"✅ *{unit}* — {value} {indicator} for {day}.";

    public override string Updated(string unit, string oldValue, string newValue, string indicator, string day) =>
        $"✏️ *{unit}* — updated {oldValue} → {newValue} {indicator} for {day}.{UndoHint}";

    public override string Added(string unit, string oldValue, string added, string newValue, string indicator, string day) =>
        $"➕ *{unit}* — {oldValue} + {added} = {newValue} {indicator} for {day}.";

    public override string Corrected(string unit, string withdrawn, string newValue, string indicator, string day) =>
        $"✏️ *{unit}* — {withdrawn} → {newValue} {indicator} for {day}.{UndoHint}";

    public override string FromTotal(string unit, string total, string before, string value, string indicator, string day, bool dayIsToday) =>
        dayIsToday
            ? $"✅ *{unit}*: total {total} − {before} till yesterday = {value} today ({indicator}, {day})."
            : $"✅ *{unit}*: total {total} − {before} before {day} = {value} {indicator} for {day}.";

    public override string TotalConfirmed(string total) => $" Total {total} matches.";

    public override string TotalDisagrees(string unit, string total, string before, string value, string expected) =>
        $"⚠️ The total sent ({total}) is not {before} on record + {value} = {expected}; {value} is recorded and marked for the district's review. Send the right total if this was a slip.";

    public override string TotalCoversGap(string unit, string value, int days) =>
        $"⚠️ {unit} has no figure for {days} earlier day{(days == 1 ? "" : "s")} of the drive, so {value} covers {(days == 1 ? "it" : "them")} too; marked for the district's review.";

    public override string TotalBelowRecorded(string unit, string total, string before, string example) =>
        $"⚠️ *{unit}*: total {total} is less than the {before} already on record for the drive, so nothing was recorded. Please send the day's own figure, like: `{example}`";

    public override string RelativeNumber(string unit, string example) =>
        $"🤔 *{unit}*: a figure compared with another day is not the day's figure. Send {unit}'s own figure for the day, like: `{example}`";

    public override string UndoHint => " Send `undo` to go back.";

    public override string Spike(string unit, string usual) =>
        $"⚠️ About five times {unit}'s usual day (≈ {usual}); recorded, and marked for the district's review. Send the right figure if this was a slip.";

    public override string Drop(string unit, string previous) =>
        $"⚠️ Lower than {unit}'s total the day before ({previous}); recorded, and marked for the district's review.";

    public override string Held(string unit, string value, string ceiling) =>
        $"⚠️ {value} is above {unit}'s daily limit ({ceiling}). Reply *YES* to record {value}, or send the right figure.";

    public override string OutsideCampaign(string day, string campaign, string from, string to) =>
        $"🗓️ {day} is outside the {campaign} ({from} – {to}), so it was not recorded.";

    public override string Undone(string unit, string from, string to, string day) =>
        $"↩️ *{unit}* — back from {from} to {to} for {day}.";

    public override string UndoneToNothing(string unit, string day) =>
        $"↩️ *{unit}* — the figure for {day} is taken back; nothing is recorded for that day now.";

    public override string NothingToUndo => "🤷 There is no change of yours to undo.";

    public override string NothingToConfirm => "🤷 Nothing is waiting for your YES. Send the figure again if you meant to report one.";

    public override string StatusUnit(string unit, string? value, string? target, int? percent, int? rank, int of) =>
        value is null
            ? $"• *{unit}*: not reported yet" + (target is null ? "" : $" (target {target})")
            : $"• *{unit}*: {value}" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)")
              + (rank is null ? "" : $" — {Ordinal(rank.Value)} of {of}");

    public override string StatusDistrict(string district, string day, string total, string? target, int? percent, int reported, int units) =>
        $"📊 *{district}*, {day}: {total}" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)")
        + $". Reported: {reported} of {units}.";

    public override string MemberAdded(string name, string phone, string units) =>
        $"👤 Added *{name}* ({phone}) to report for {units}.";

    public override string NotChanged(string ownerName, string phone, People.Role ownerRole, Turns.AddRefusal why) => why switch
    {
        Turns.AddRefusal.OtherDistrict => $"🙏 {phone} is registered in another district, so nothing was changed. Please ask the IT manager of that district.",
        Turns.AddRefusal.NotAReporter => $"🙏 {phone} is {ownerName}'s number, registered as {(ownerRole == People.Role.Admin ? "an admin" : "an officer")}, so nothing was changed. A role is changed only in the district's people file.",
        _ => $"🙏 {phone} is already registered as *{ownerName}*, so nothing was changed. To give them a unit send `add` with their name as it is; to rename, change the district's people file.",
    };

    public override string AdminUsage(string example) =>
        $"🤔 To add a reporter send: `{example}` (phone, block, name).";

    public override string OnlyAdmins => "🙏 Only the district's admins can add people. Please ask the district IT manager.";

    static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };

    public override string Time(TimeOnly time) =>
        $"{(time.Hour % 12 == 0 ? 12 : time.Hour % 12)}:{time.Minute:00} {(time.Hour < 12 ? "am" : "pm")}";

    public override string SummaryTitle(string indicator, string district) => $"*{indicator} — {district}*";

    public override string SummaryToday(string total, string? target, int? percent) =>
        $"Today: *{total}*" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)");

    public override string SummaryTitleOn(string indicator, string district, string day) => $"*{indicator} — {district}, {day}*";

    public override string SummaryOnDay(string day, string total, string? target, int? percent) =>
        $"{day}: *{total}*" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)");

    public override string SummaryChange(string previousDay, string previousTotal, string? change) =>
        $"vs {previousDay} ({previousTotal}): {change ?? "no change"}";

    public override string SummaryChangeSameUnits(string previousDay, int units, string previousTotal, string? change) =>
        $"vs {previousDay}, same {units} {(units == 1 ? "block" : "blocks")} ({previousTotal}): {change ?? "no change"}";

    public override string SummaryChangeColumn(string previousDay) => $"± = change from {previousDay}";

    public override string SummaryOtherIndicator(string indicator, string total, string? target, int? percent) =>
        $"{indicator}: *{total}*" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)");

    public override string SummaryDriveTotal(string from, string to, string total, string? target = null, int? percent = null) =>
        $"Drive total ({from} – {to}): *{total}*" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)");

    public override string SummaryReported(int reported, int units) => $"Reported: {reported} of {units} blocks";

    public override string SummaryNotReported(string units) => $"Not reported: {units}";

    public override string SummaryBelowHalf(string units) => $"⚠️ below half of target: {units}";

    public override string SummaryFlagged(string units) => $"🚩 marked for review: {units}";

    public override string SpikeShort => "≈5× usual day";

    public override string DropShort => "below the day before";

    public override string TotalCoversGapShort => "from a total, covers missed days";

    public override string TotalDisagreesShort => "total does not add up";

    public override string Reminder(string units, string indicator, string deadline, string example) =>
        $"⏰ {units} has not reported today's {indicator} yet. Deadline {deadline}.\nSend like: `{example}`";

    public override string GroupReminder(string unitsWithReporters, string indicator, string deadline, string example) =>
        $"⏰ Today's {indicator} not reported yet: {unitsWithReporters}. Deadline {deadline}.\nSend like: `{example}`";

    public override string Escalation(string district, string day, string time, int reported, int units, string missing) =>
        $"🔔 *{district}, {day}, {time}* — {reported} of {units} blocks reported.\nNot reported: {missing}.";

    public override string EscalationAllIn(string district, string day, string time, int units) =>
        $"🔔 *{district}, {day}, {time}* — all {units} blocks reported. 👏";

    public override string UnknownUnit(string fragment, string district, IReadOnlyList<string> suggestions, string example) =>
        suggestions.Count > 0
            ? $"🤔 I couldn't find \"{fragment}\" in {district} — did you mean {JoinOr(suggestions)}? Send like: `{example}`"
            : $"🤔 I couldn't find \"{fragment}\" in {district}. Send the block's name and the count, like: `{example}`";

    public override string AmbiguousUnit(string fragment, IReadOnlyList<string> candidates, string example) =>
        $"🤔 \"{fragment}\" could be {JoinOr(candidates)}. Send the full name, e.g. `{example}`";

    public override string WhichOfYourUnits(IReadOnlyList<string> units, string example) =>
        $"🤔 You report for {JoinList(units)} — which one is this for? Send the name with the count, like: `{example}`";

    public override string MissingNumber(string unit, string example) =>
        $"🤔 I read *{unit}* but no count. Send like: `{example}`";

    public override string AmbiguousNumber(string unit, string example) =>
        $"🤔 I found more than one count for *{unit}*. Send one figure, like: `{example}`";

    public override string NegativeNumber(string unit, string example) =>
        $"🤔 A count for *{unit}* can't be below zero, so nothing was recorded. Send the day's count, like: `{example}` — or `undo` to take back your last figure.";

    public override string InvalidNumber(string fragment, string example) =>
        $"🤔 \"{fragment}\" is not a whole count. Send the number of cards, like: `{example}`";

    public override string ImplausibleNumber(string unit, string value, string ceiling, string example) =>
        $"⚠️ {value} is above {unit}'s daily limit ({ceiling}), so it was not recorded. Please check and send the right figure, like: `{example}`";

    public override string FutureDate(string day, string example) =>
        $"🤔 {day} has not come yet — I can record today's figure or an earlier day's. For today send: `{example}`";

    public override string StaleDate(string day, int maxDaysBack) =>
        $"⚠️ {day} is more than {maxDaysBack} days back, so it can't be changed here. Please ask the district office.";

    public override string NotYourUnit(string unit, IReadOnlyList<string> yourUnits) =>
        $"🙏 You are registered to report for {JoinList(yourUnits)}, so *{unit}*'s figure was not recorded. Ask the district office if you now report for {unit}.";

    public override string SlowDown =>
        "🙏 That is a lot of messages in one minute, so I am not reading more from you for a moment. They are all kept. Please send the day's figure once, in one message.";

    public override string GroupLinked(string district) =>
        $"✅ This group is now {district}'s reporting group. Reports posted here are recorded: I react ✅ when a figure is recorded and ✏️ when it changes, and I write only when something needs your attention. Send `help` for the form.";

    public override string GroupNotLinked(string district, string? linkedTo) =>
        linkedTo is null
            ? $"🙏 Only an admin of {district} can link this group. Please ask the district IT manager."
            : $"🙏 This group is already {linkedTo}'s reporting group; nothing was changed.";

    public override string LinkYourAccount(string link) =>
        $"🙏 I do not know your phone number yet, so this was not recorded. Open {link}, press Start and share your number — once. Then post your report again.";

    public override string ShareYourNumber =>
        "🙏 To report, share your phone number with me once: tap *📱 Share my phone number* below. It must be the number the district registered.";

    public override string AccountLinked(string name) =>
        $"✅ Thank you, {name}: your account is linked. Post your reports in the district group or here.";

    public override string Unregistered(string? adminName) =>
        adminName is null
            ? "🙏 This number is not registered for reporting. Please ask the district IT manager to add you. Your message has been kept."
            : $"🙏 This number is not registered for reporting. Please ask the district IT manager, {adminName}, to add you. Your message has been kept.";

    public override string Help(string example, string exampleHindi) =>
        $"""
        👋 *How to report*
        Send your block and today's count: `{example}`
        In Hindi too: `{exampleHindi}`
        • Several blocks: one per line
        • Add to today's figure: `+300`
        • An earlier day: `{example} (yesterday)` or `{example} 02/12`
        • `status` — your figures today
        """;

    public override string MediaOnly(string example) =>
        $"📎 Thank you — I have kept your file, but I can only read typed figures. Please type the count, like: `{example}`";



    public override string ArrivedLate(string day, string time) =>
        $"🕓 Your message sent {day} at {time} reached us only now; it counts for {day}.";

    public override string AndMore(int count) => $"and {count} more";

    public override string JoinList(IReadOnlyList<string> items) => Join(items, "and");

    static string JoinOr(IReadOnlyList<string> items) => Join(items.Select(i => $"*{i}*").ToList(), "or");

    static string Join(IReadOnlyList<string> items, string word) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {word} {items[^1]}",
    };
}
