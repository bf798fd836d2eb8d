using ReportBot.Reporting.Catalog;

namespace ReportBot.Reporting.Replies;

sealed class HindiReplies : ReplyLanguage
{
    static readonly string[] Weekdays = ["रवि", "सोम", "मंगल", "बुध", "गुरु", "शुक्र", "शनि"];
    static readonly string[] Months = ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"];

    public override string Code => "hi";

    public override string Day(DateOnly day) => $"{Weekdays[(int)day.DayOfWeek]} {day.Day} {Months[day.Month - 1]}";

    public override string DayMonth(DateOnly day) => $"{day.Day} {Months[day.Month - 1]}";

    public override string UnitName(Unit unit) => unit.NameHi ?? unit.Name;

    public override string IndicatorName(Indicator indicator) => indicator.NameHi;

    public override string Recorded(string unit, string value, string indicator, string day) =>
        $"✅ *{unit}* — {day}: {value} {indicator} दर्ज।";

    public override string Updated(string unit, string oldValue, string newValue, string indicator, string day) =>
        $"✏️ *{unit}* — {day}: {oldValue} → {newValue} {indicator}, बदलाव दर्ज।{UndoHint}";

    public override string Added(string unit, string oldValue, string added, string newValue, string indicator, string day) =>
        $"➕ *{unit}* — {day}: {oldValue} + {added} = {newValue} {indicator} दर्ज।";

    public override string Corrected(string unit, string withdrawn, string newValue, string indicator, string day) =>
        $"✏️ *{unit}* — {day}: {withdrawn} → {newValue} {indicator}, सुधार दर्ज।{UndoHint}";

    public override string FromTotal(string unit, string total, string before, string value, string indicator, string day, bool dayIsToday) =>
        dayIsToday
            ? $"✅ *{unit}*: कुल {total} − कल तक {before} = आज {value} ({indicator}, {day}) दर्ज।"
            : $"✅ *{unit}*: कुल {total} − {day} से पहले {before} = {day} को {value} {indicator} दर्ज।";

    public override string TotalConfirmed(string total) => $" कुल {total} मेल खाता है।";

    public override string TotalDisagrees(string unit, string total, string before, string value, string expected) =>
        $"⚠️ भेजा गया कुल ({total}) दर्ज {before} + {value} = {expected} से मेल नहीं खाता; {value} दर्ज किया और ज़िले की समीक्षा के लिए चिह्नित किया। गलती हो तो सही कुल भेजें।";

    public override string TotalCoversGap(string unit, string value, int days) =>
        $"⚠️ अभियान के पिछले {days} दिन {unit} की कोई संख्या दर्ज नहीं है, इसलिए {value} में वे दिन भी शामिल हैं; ज़िले की समीक्षा के लिए चिह्नित किया।";

    public override string TotalBelowRecorded(string unit, string total, string before, string example) =>
        $"⚠️ *{unit}*: कुल {total} अभियान में पहले से दर्ज {before} से कम है, इसलिए कुछ दर्ज नहीं हुआ। कृपया उस दिन की अपनी संख्या भेजें, जैसे: `{example}`";

    public override string RelativeNumber(string unit, string example) =>
        $"🤔 *{unit}*: किसी और दिन से तुलना वाली संख्या उस दिन की संख्या नहीं है। {unit} की उस दिन की अपनी संख्या भेजें, जैसे: `{example}`";

    public override string UndoHint => " वापस लेने के लिए `undo` भेजें।";

    public override string Spike(string unit, string usual) =>
        $"⚠️ यह {unit} के सामान्य दिन (≈ {usual}) का लगभग पाँच गुना है; दर्ज किया और ज़िले की समीक्षा के लिए चिह्नित किया। गलती हो तो सही संख्या भेजें।";

    public override string Drop(string unit, string previous) =>
        $"⚠️ यह {unit} के पिछले दिन के कुल ({previous}) से कम है; दर्ज किया और ज़िले की समीक्षा के लिए चिह्नित किया।";

    public override string Held(string unit, string value, string ceiling) =>
        $"⚠️ {value} {unit} की दैनिक सीमा ({ceiling}) से ज़्यादा है। {value} दर्ज करने के लिए *हाँ* (YES) लिखें, या सही संख्या भेजें।";

    public override string OutsideCampaign(string day, string campaign, string from, string to) =>
        $"🗓️ {day} {campaign} ({from} – {to}) की अवधि से बाहर है, इसलिए दर्ज नहीं हुआ।";

    public override string Undone(string unit, string from, string to, string day) =>
        $"↩️ *{unit}* — {day}: {from} से वापस {to}।";

    public override string UndoneToNothing(string unit, string day) =>
        $"↩️ *{unit}* — {day} की संख्या वापस ली गई; उस दिन के लिए अब कुछ दर्ज नहीं है।";

    public override string NothingToUndo => "🤷 वापस लेने के लिए आपका कोई बदलाव नहीं है।";

    public override string NothingToConfirm => "🤷 आपकी हाँ के लिए कुछ रुका नहीं है। रिपोर्ट करनी हो तो संख्या फिर से भेजें।";

    public override string StatusUnit(string unit, string? value, string? target, int? percent, int? rank, int of) =>
        value is null
            ? $"• *{unit}*: अभी रिपोर्ट नहीं" + (target is null ? "" : $" (लक्ष्य {target})")
            : $"• *{unit}*: {value}" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)")
              + (rank is null ? "" : $" — {of} में {rank}वाँ");

    public override string StatusDistrict(string district, string day, string total, string? target, int? percent, int reported, int units) =>
        $"📊 *{district}*, {day}: {total}" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)")
        + $"। रिपोर्ट: {units} में से {reported}।";

    public override string MemberAdded(string name, string phone, string units) =>
        $"👤 *{name}* ({phone}) को {units} की रिपोर्टिंग के लिए जोड़ा गया।";

    public override string NotChanged(string ownerName, string phone, People.Role ownerRole, Turns.AddRefusal why) => why switch
    {
        Turns.AddRefusal.OtherDistrict => $"🙏 {phone} किसी दूसरे ज़िले में पंजीकृत है, इसलिए कुछ नहीं बदला गया। कृपया उस ज़िले के आईटी प्रबंधक से कहें।",
        Turns.AddRefusal.NotAReporter => $"🙏 {phone} {ownerName} का नंबर है, जो {(ownerRole == People.Role.Admin ? "एडमिन" : "अधिकारी")} के रूप में पंजीकृत हैं, इसलिए कुछ नहीं बदला गया। भूमिका केवल ज़िले की लोगों वाली फ़ाइल से बदली जाती है।",
        _ => $"🙏 {phone} पहले से *{ownerName}* के नाम से पंजीकृत है, इसलिए कुछ नहीं बदला गया। इकाई देने के लिए उनका वही नाम लिखकर `add` भेजें; नाम बदलने के लिए ज़िले की लोगों वाली फ़ाइल बदलें।",
    };

    public override string AdminUsage(string example) =>
        $"🤔 रिपोर्टर जोड़ने के लिए भेजें: `{example}` (फ़ोन, प्रखंड, नाम)।";

    public override string OnlyAdmins => "🙏 लोगों को केवल ज़िले के एडमिन जोड़ सकते हैं। कृपया ज़िला आईटी प्रबंधक से कहें।";

    public override string Time(TimeOnly time) =>
        $"{(time.Hour < 12 ? "सुबह" : time.Hour < 16 ? "दोपहर" : time.Hour < 20 ? "शाम" : "रात")} {(time.Hour % 12 == 0 ? 12 : time.Hour % 12)}:{time.Minute:00}";

    public override string SummaryTitle(string indicator, string district) => $"*{indicator} — {district}*";

    public override string SummaryToday(string total, string? target, int? percent) =>
        $"आज: *{total}*" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)");

    public override string SummaryTitleOn(string indicator, string district, string day) => $"*{indicator} — {district}, {day}*";

    public override string SummaryOnDay(string day, string total, string? target, int? percent) =>
        $"{day}: *{total}*" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)");

    public override string SummaryChange(string previousDay, string previousTotal, string? change) =>
        $"{previousDay} ({previousTotal}) से: {change ?? "कोई बदलाव नहीं"}";

    public override string SummaryChangeSameUnits(string previousDay, int units, string previousTotal, string? change) =>
        $"{previousDay} से, वही {units} प्रखंड ({previousTotal}): {change ?? "कोई बदलाव नहीं"}";

    public override string SummaryChangeColumn(string previousDay) => $"± = {previousDay} से बदलाव";

    public override string SummaryOtherIndicator(string indicator, string total, string? target, int? percent) =>
        $"{indicator}: *{total}*" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)");

    public override string SummaryDriveTotal(string from, string to, string total, string? target = null, int? percent = null) =>
        $"अभियान कुल ({from} – {to}): *{total}*" + (target is null ? "" : $" / {target}") + (percent is null ? "" : $" ({percent}%)");

    public override string SummaryReported(int reported, int units) => $"रिपोर्ट: {units} में से {reported} प्रखंड";

    public override string SummaryNotReported(string units) => $"रिपोर्ट नहीं आई: {units}";

    public override string SummaryBelowHalf(string units) => $"⚠️ लक्ष्य के आधे से कम: {units}";

    public override string SummaryFlagged(string units) => $"🚩 समीक्षा के लिए चिह्नित: {units}";

    public override string SpikeShort => "सामान्य का ≈5 गुना";

    public override string DropShort => "पिछले दिन से कम";

    public override string TotalCoversGapShort => "कुल से निकाली, छूटे दिन शामिल";

    public override string TotalDisagreesShort => "कुल मेल नहीं खाता";

    public override string Reminder(string units, string indicator, string deadline, string example) =>
        $"⏰ {units} की आज की {indicator} रिपोर्ट अभी नहीं आई। अंतिम समय {deadline}।\nऐसे भेजें: `{example}`";

    public override string GroupReminder(string unitsWithReporters, string indicator, string deadline, string example) =>
        $"⏰ आज की {indicator} रिपोर्ट अभी नहीं आई: {unitsWithReporters}। अंतिम समय {deadline}।\nऐसे भेजें: `{example}`";

    public override string Escalation(string district, string day, string time, int reported, int units, string missing) =>
        $"🔔 *{district}, {day}, {time}* — {units} में से {reported} प्रखंडों ने रिपोर्ट की।\nरिपोर्ट नहीं आई: {missing}।";

    public override string EscalationAllIn(string district, string day, string time, int units) =>
        $"🔔 *{district}, {day}, {time}* — सभी {units} प्रखंडों ने रिपोर्ट की। 👏";

    public override string UnknownUnit(string fragment, string district, IReadOnlyList<string> suggestions, string example) =>
        suggestions.Count > 0
            ? $"🤔 {district} में \"{fragment}\" नहीं मिला — क्या आपका मतलब {JoinOr(suggestions)} है? ऐसे भेजें: `{example}`"
            : $"🤔 {district} में \"{fragment}\" नहीं मिला। प्रखंड का नाम और संख्या भेजें, जैसे: `{example}`";

    public override string AmbiguousUnit(string fragment, IReadOnlyList<string> candidates, string example) =>
        $"🤔 \"{fragment}\" से {JoinOr(candidates)} दोनों हो सकते हैं। पूरा नाम भेजें, जैसे: `{example}`";

    public override string WhichOfYourUnits(IReadOnlyList<string> units, string example) =>
        $"🤔 आप {JoinList(units)} के लिए रिपोर्ट करते हैं — यह संख्या किसकी है? नाम के साथ भेजें, जैसे: `{example}`";

    public override string MissingNumber(string unit, string example) =>
        $"🤔 *{unit}* पढ़ा, पर संख्या नहीं मिली। ऐसे भेजें: `{example}`";

    public override string AmbiguousNumber(string unit, string example) =>
        $"🤔 *{unit}* के लिए एक से ज़्यादा संख्या मिली। एक ही संख्या भेजें, जैसे: `{example}`";

    public override string NegativeNumber(string unit, string example) =>
        $"🤔 *{unit}* की संख्या शून्य से कम नहीं हो सकती, इसलिए कुछ दर्ज नहीं हुआ। आज की संख्या भेजें, जैसे: `{example}` — या पिछली संख्या वापस लेने के लिए `undo` भेजें।";

    public override string InvalidNumber(string fragment, string example) =>
        $"🤔 \"{fragment}\" पूरी संख्या नहीं है। कार्डों की संख्या भेजें, जैसे: `{example}`";

    public override string ImplausibleNumber(string unit, string value, string ceiling, string example) =>
        $"⚠️ {value} {unit} की दैनिक सीमा ({ceiling}) से ज़्यादा है, इसलिए दर्ज नहीं हुआ। कृपया जाँच कर सही संख्या भेजें, जैसे: `{example}`";

    public override string FutureDate(string day, string example) =>
        $"🤔 {day} अभी आया नहीं है — आज या पिछले दिनों की संख्या दर्ज होती है। आज के लिए भेजें: `{example}`";

    public override string StaleDate(string day, int maxDaysBack) =>
        $"⚠️ {day} {maxDaysBack} दिन से पुराना है, यहाँ नहीं बदला जा सकता। कृपया ज़िला कार्यालय से संपर्क करें।";

    public override string NotYourUnit(string unit, IReadOnlyList<string> yourUnits) =>
        $"🙏 आप {JoinList(yourUnits)} के लिए पंजीकृत हैं, इसलिए *{unit}* की संख्या दर्ज नहीं हुई। अगर अब आप {unit} की रिपोर्ट करते हैं तो ज़िला कार्यालय से कहें।";

    public override string SlowDown =>
        "🙏 एक मिनट में बहुत सारे संदेश आए हैं, इसलिए कुछ देर आपके और संदेश नहीं पढ़े जाएँगे। सभी संदेश सुरक्षित हैं। कृपया आज की संख्या एक ही संदेश में एक बार भेजें।";

    public override string GroupLinked(string district) =>
        $"✅ यह समूह अब {district} का रिपोर्टिंग समूह है। यहाँ भेजी गई रिपोर्ट दर्ज होंगी: संख्या दर्ज होने पर मैं ✅ और बदलने पर ✏️ लगाऊँगा, और केवल तभी लिखूँगा जब आपको कुछ करना हो। तरीका जानने के लिए `help` भेजें।";

    public override string GroupNotLinked(string district, string? linkedTo) =>
        linkedTo is null
            ? $"🙏 इस समूह को केवल {district} के एडमिन जोड़ सकते हैं। कृपया ज़िला आईटी प्रबंधक से कहें।"
            : $"🙏 यह समूह पहले से {linkedTo} का रिपोर्टिंग समूह है; कुछ नहीं बदला गया।";

    public override string LinkYourAccount(string link) =>
        $"🙏 आपका फ़ोन नंबर अभी मेरे पास नहीं है, इसलिए यह दर्ज नहीं हुआ। {link} खोलें, Start दबाएँ और एक बार अपना नंबर भेजें। फिर रिपोर्ट दोबारा भेजें।";

    public override string ShareYourNumber =>
        "🙏 रिपोर्ट भेजने के लिए एक बार अपना फ़ोन नंबर भेजें: नीचे *📱 मेरा नंबर भेजें* दबाएँ। यह वही नंबर हो जो ज़िले में पंजीकृत है।";

    public override string AccountLinked(string name) =>
        $"✅ धन्यवाद, {name}: आपका खाता जुड़ गया। अपनी रिपोर्ट ज़िले के समूह में या यहाँ भेजें।";

    public override string Unregistered(string? adminName) =>
        adminName is null
            ? "🙏 यह नंबर रिपोर्टिंग के लिए पंजीकृत नहीं है। कृपया ज़िला आईटी प्रबंधक से जुड़वाएँ। आपका संदेश सुरक्षित रखा गया है।"
            : $"🙏 यह नंबर रिपोर्टिंग के लिए पंजीकृत नहीं है। कृपया ज़िला आईटी प्रबंधक {adminName} से जुड़वाएँ। आपका संदेश सुरक्षित रखा गया है।";

    public override string Help(string example, string exampleHindi) =>
        $"""
        👋 *रिपोर्ट कैसे भेजें*
        प्रखंड का नाम और आज की संख्या: `{exampleHindi}`
        अंग्रेज़ी में भी: `{example}`
        • कई प्रखंड: हर एक अलग पंक्ति में
        • आज की संख्या में जोड़ें: `+300`
        • पिछला दिन: `{exampleHindi} कल` या `{exampleHindi} 02/12`
        • `स्थिति` या `status` — आज की आपकी संख्या
        """;

    public override string MediaOnly(string example) =>
        $"📎 धन्यवाद — आपकी फ़ाइल रख ली गई है, पर मैं केवल टाइप की गई संख्या पढ़ सकता हूँ। कृपया संख्या टाइप करें, जैसे: `{example}`";



    public override string ArrivedLate(string day, string time) =>
        $"🕓 आपका संदेश {day} {time} बजे भेजा गया था, हमें अभी मिला; यह {day} के लिए गिना गया।";

    public override string AndMore(int count) => $"और {count}";

    public override string JoinList(IReadOnlyList<string> items) => Join(items, "और");

    static string JoinOr(IReadOnlyList<string> items) => Join(items.Select(i => $"*{i}*").ToList(), "या");

    static string Join(IReadOnlyList<string> items, string word) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {word} {items[^1]}",
    };
}
