using PhoneNumbers;

namespace ReportBot.Reporting.People;

/// <summary>
/// One person, one identity: `9876543210`, `09876543210`, `+91 98765 43210`, `919876543210` and
/// `whatsapp:+919876543210` are the same number. Kept as E.164 digits without the '+' ("919876543210").
/// </summary>
public static class PhoneNumber
{
    static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 digits of <paramref name="text"/>, reading bare national numbers as Indian; null if it is no phone number.</summary>
    public static string? ToE164Digits(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var candidate = text.Trim();
        var colon = candidate.IndexOf(':');
        if (colon >= 0)
            candidate = candidate[(colon + 1)..]; // channel prefixes: "whatsapp:+91…", "sim:+91…"
        // "919876543210" (a WaId) has no '+', and would otherwise be read as a national number.
        var digitsOnly = new string(candidate.Where(char.IsAsciiDigit).ToArray());
        if (!candidate.StartsWith('+') && digitsOnly.Length == 12 && digitsOnly.StartsWith("91"))
            candidate = "+" + digitsOnly;
        try
        {
            var number = Util.Parse(candidate, "IN");
            return Util.IsValidNumber(number) ? $"{number.CountryCode}{number.NationalNumber}" : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>For people to read: "+91 98765 43210".</summary>
    public static string Display(string e164Digits)
    {
        try
        {
            return Util.Format(Util.Parse("+" + e164Digits, "IN"), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return "+" + e164Digits;
        }
    }
}
