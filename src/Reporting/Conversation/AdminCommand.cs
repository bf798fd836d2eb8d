using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.People;

namespace ReportBot.Reporting.Conversation;

/// <summary>
/// Small set-up changes an admin makes over chat: `add 9876543210 Benipur Ramesh Kumar` registers a reporter for a
/// unit. The unit may be several words, in either script; the rest of the line is the person's name.
/// </summary>
public sealed record AddMemberCommand(string Phone, string Unit, string Name);

public static class AdminCommand
{
    /// <summary>
    /// Whether the message is meant as an admin command at all: "add" / "जोड़ें" followed by a phone number (so a
    /// reporter's "add 300 Benipur" stays a report).
    /// </summary>
    public static bool LooksLikeOne(string text)
    {
        var words = text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !(words[0].Equals("add", StringComparison.OrdinalIgnoreCase) || words[0] is "जोड़ें" or "जोड़ो"))
            return false;
        var digits = words.Skip(1).TakeWhile(w => w.TrimStart('+').All(char.IsAsciiDigit)).Sum(w => w.TrimStart('+').Length);
        return digits >= 10;
    }

    /// <summary>The command, or null if it is not well formed (the caller then shows the right form).</summary>
    public static AddMemberCommand? ParseAdd(string text, DistrictCatalog catalog)
    {
        var words = text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (!LooksLikeOne(text) || words.Length < 4)
            return null;
        // The phone may be written with spaces ("+91 98765 43210"): take words while they are digits.
        var phoneWords = 1 + words.Skip(1).TakeWhile(w => w.TrimStart('+').All(char.IsAsciiDigit)).Count();
        if (PhoneNumber.ToE164Digits(string.Concat(words[1..phoneWords])) is not { } phone)
            return null;
        // The longest run of words that names a unit exactly.
        for (var length = Math.Min(4, words.Length - phoneWords - 1); length >= 1; length--)
        {
            var candidate = string.Join(' ', words[phoneWords..(phoneWords + length)]);
            var unit = catalog.Units.FirstOrDefault(u =>
                u.Name.Equals(candidate, StringComparison.OrdinalIgnoreCase)
                || u.NameHi == candidate
                || u.Aliases.Any(a => a.Equals(candidate, StringComparison.OrdinalIgnoreCase)));
            if (unit is not null)
                return new AddMemberCommand(phone, unit.Name, string.Join(' ', words[(phoneWords + length)..]));
        }
        return null;
    }
}
