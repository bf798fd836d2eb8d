namespace ReportBot.BotHost.Desk;

/// <summary>The desk's words, in English and Hindi (the member's language by default, switchable on every page).</summary>
public sealed record DeskText(
    string Lang,
    string Title,
    string SignInTitle,
    string PhoneLabel,
    string SendCode,
    string CodeSent,
    string CodeLabel,
    string SignIn,
    string CodeRefused,
    string BadPhone,
    string SignOut,
    string Day,
    string Show,
    string Standing,
    string Unit,
    string Figure,
    string Target,
    string Percent,
    string NotReportedYet,
    string TotalOf,
    string Reported,
    string NotReported,
    string NobodyMissing,
    string NoReporter,
    string Call,
    string WhatsApp,
    string Review,
    string NothingToReview,
    string Accept,
    string Correct,
    string NewValue,
    string Reason,
    string CorrectTitle,
    string CorrectHint,
    string Drive,
    string Total,
    string Download,
    string History,
    string When,
    string Change,
    string Who,
    string Source,
    string Back,
    string Accepted,
    string Corrected,
    string NoSuchFigure,
    string Spike,
    string Drop,
    string OtherFlag,
    string CodeMessage)
{
    public static readonly DeskText English = new(
        "en", "ReportBot desk", "Sign in to the desk", "Your phone number", "Send me a code",
        "If this number is registered, a code is on its way to you as a message, where you send your reports (WhatsApp or Telegram). It works for 10 minutes, once. (At most 3 codes in 15 minutes.)",
        "Code", "Sign in", "That code did not work: it is wrong, used or expired. Ask for a new one.", "That is not a phone number.",
        "Sign out", "Day", "Show", "Today's standing", "Unit", "Figure", "Target", "%", "not reported",
        "Total {0} of {1}", "{0} of {1} reported", "Not reported", "Every unit has reported.", "no reporter registered", "Call", "WhatsApp",
        "Flagged for review", "Nothing to review.", "Accept", "Correct", "New value", "Reason",
        "Correct a figure", "Officers may correct any day up to today; reporters their own units within the late limit. The reason is kept in the history.",
        "The drive by day", "Total", "Download Excel", "History", "When", "Change", "Who", "Message or reason", "Back to the desk",
        "Accepted.", "Corrected; the history keeps the old value and your reason.",
        "No such figure, or not yours to change.", "unusually high", "fell from yesterday", "flagged",
        "ReportBot desk code: {0}. It works for 10 minutes. Do not share it.");

    public static readonly DeskText Hindi = new(
        "hi", "रिपोर्टबॉट डेस्क", "डेस्क में साइन इन करें", "आपका फ़ोन नंबर", "मुझे कोड भेजें",
        "अगर यह नंबर पंजीकृत है, तो जहाँ से आप रिपोर्ट भेजते हैं (WhatsApp या Telegram), वहाँ आपको एक कोड संदेश में आ रहा है। यह 10 मिनट तक, एक बार चलेगा। (15 मिनट में अधिकतम 3 कोड।)",
        "कोड", "साइन इन", "यह कोड नहीं चला: गलत है, इस्तेमाल हो चुका है या समय निकल गया। नया कोड मँगाएँ।", "यह फ़ोन नंबर नहीं है।",
        "साइन आउट", "दिन", "दिखाएँ", "आज की स्थिति", "इकाई", "आँकड़ा", "लक्ष्य", "%", "रिपोर्ट नहीं",
        "कुल {0} / {1}", "{1} में से {0} ने रिपोर्ट की", "रिपोर्ट नहीं आई", "सभी इकाइयों ने रिपोर्ट कर दी है।", "कोई रिपोर्टर पंजीकृत नहीं", "कॉल", "WhatsApp",
        "जाँच के लिए चिह्नित", "जाँचने को कुछ नहीं।", "स्वीकार करें", "सुधारें", "नया आँकड़ा", "कारण",
        "आँकड़ा सुधारें", "अधिकारी आज तक का कोई भी दिन सुधार सकते हैं; रिपोर्टर अपनी इकाइयाँ देर की सीमा के भीतर। कारण इतिहास में रहता है।",
        "अभियान दिन-ब-दिन", "कुल", "Excel डाउनलोड करें", "इतिहास", "कब", "बदलाव", "किसने", "संदेश या कारण", "डेस्क पर वापस",
        "स्वीकार किया गया।", "सुधार हो गया; इतिहास में पुराना आँकड़ा और आपका कारण रहेगा।",
        "ऐसा कोई आँकड़ा नहीं, या इसे बदलना आपका काम नहीं।", "असामान्य रूप से अधिक", "कल से कम", "चिह्नित",
        "रिपोर्टबॉट डेस्क कोड: {0}। यह 10 मिनट तक चलेगा। किसी को न बताएँ।");

    public static DeskText For(string? language) => language == "hi" ? Hindi : English;

    public string FlagName(string flag) => flag switch { "spike" => Spike, "drop" => Drop, _ => OtherFlag };
}

public static class DeskRefusals
{
    /// <summary>Why a correction was not made, in the page's language.</summary>
    public static string Refusal(this DeskText t, ReportBot.Reporting.Desk.CorrectionVerdict verdict) => (t.Lang, verdict) switch
    {
        ("hi", ReportBot.Reporting.Desk.CorrectionVerdict.Unchanged) => "आँकड़ा पहले से यही है; कुछ नहीं बदला।",
        ("hi", ReportBot.Reporting.Desk.CorrectionVerdict.PastLateLimit) => "यह दिन देर की सीमा से पुराना है: इसे कोई अधिकारी सुधार सकता है।",
        ("hi", ReportBot.Reporting.Desk.CorrectionVerdict.FutureDay) => "आने वाले दिन का आँकड़ा नहीं सुधारा जा सकता।",
        ("hi", ReportBot.Reporting.Desk.CorrectionVerdict.NoReason) => "सुधार का कारण लिखें।",
        ("hi", ReportBot.Reporting.Desk.CorrectionVerdict.Negative) => "आँकड़ा शून्य से कम नहीं हो सकता।",
        (_, ReportBot.Reporting.Desk.CorrectionVerdict.Unchanged) => "The figure already has that value; nothing changed.",
        (_, ReportBot.Reporting.Desk.CorrectionVerdict.PastLateLimit) => "That day is past the late limit: a district officer can correct it.",
        (_, ReportBot.Reporting.Desk.CorrectionVerdict.FutureDay) => "A day still to come cannot be corrected.",
        (_, ReportBot.Reporting.Desk.CorrectionVerdict.NoReason) => "Give a reason for the correction.",
        (_, ReportBot.Reporting.Desk.CorrectionVerdict.Negative) => "A figure cannot be below zero.",
        _ => t.NoSuchFigure,
    };
}
