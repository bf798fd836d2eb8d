namespace ReportBot.Reporting.Exports;

/// <summary>
/// Text that officials typed must never run as a formula when a clerk opens the export in Excel or LibreOffice
/// (OWASP "CSV injection": https://owasp.org/www-community/attacks/CSV_Injection).
/// </summary>
public static class SpreadsheetText
{
    static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// A text cell starting with = + - @ tab or CR gets a leading apostrophe, so the spreadsheet shows it as text —
    /// except a plain signed number ("+919876543210", "-5"), which a spreadsheet reads as that number and nothing else,
    /// so that a phone number exports as the importer reads it.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && Array.IndexOf(Triggers, text[0]) >= 0 && !IsPlainNumber(text) ? "'" + text : text;

    static bool IsPlainNumber(string text) => text.Length > 1 && text[0] is '+' or '-' && text.Skip(1).All(char.IsAsciiDigit);
}
