using System.Globalization;
using System.Text;
using ReportBot.Reporting.People;

namespace ReportBot.Reporting.ChatExport;

/// <summary>A district member as a chat export can name them: their name, phone, and the names their group shows for them.</summary>
/// <param name="Phone">E.164 digits, as members are stored.</param>
/// <param name="ChatNames">people.csv's <c>chat_names</c>: how the exporting phone saved this person ("Ramesh BDM Benipur").</param>
public sealed record ChatMember(int Id, string Name, string Phone, IReadOnlyList<string> ChatNames);

/// <summary>How an export's sender was matched to a member.</summary>
public enum SenderMatch
{
    /// <summary>An unsaved number ("+91 98765 43210"), the member's phone.</summary>
    Phone,
    /// <summary>The member's own name.</summary>
    Name,
    /// <summary>One of the names listed for them in people.csv's <c>chat_names</c>.</summary>
    ChatName,
    /// <summary>The import's <c>--names</c> file (name,phone).</summary>
    NamesFile,
}

/// <summary>
/// Who sent each message of an export. The export shows what the exporting phone knows: a saved contact's name, or an
/// unsaved number. A number matches a member by phone (any form: PhoneNumber); a name matches a member's name or a
/// name listed for them, ignoring case, spacing and the "~" WhatsApp puts before a profile name. A name two members
/// share matches neither: a figure must not land on the wrong person's units. A name given in the import's own
/// <c>--names</c> file is the admin's word for this import, so it is asked first.
/// </summary>
public sealed class ChatSenders
{
    readonly Dictionary<string, ChatMember> _byPhone = new();
    readonly Dictionary<string, List<(ChatMember Member, SenderMatch How)>> _byName = new();
    readonly Dictionary<string, string> _namesFile = new();

    /// <param name="namesFile">Name → phone (any form), from <c>--names</c>.</param>
    public ChatSenders(IEnumerable<ChatMember> members, IEnumerable<KeyValuePair<string, string>>? namesFile = null)
    {
        foreach (var member in members)
        {
            _byPhone[member.Phone] = member;
            Add(member.Name, member, SenderMatch.Name);
            foreach (var name in member.ChatNames)
                Add(name, member, SenderMatch.ChatName);
        }
        foreach (var (name, phone) in namesFile ?? [])
            if (PhoneNumber.ToE164Digits(phone) is { } digits)
                _namesFile[Key(name)] = digits;
    }

    void Add(string name, ChatMember member, SenderMatch how)
    {
        var key = Key(name);
        if (key.Length == 0)
            return;
        if (!_byName.TryGetValue(key, out var list))
            _byName[key] = list = [];
        if (list.All(m => m.Member.Id != member.Id))
            list.Add((member, how));
    }

    /// <summary>The member who sent as <paramref name="sender"/>, and how they were known; null if no one (or more than one) fits.</summary>
    public (ChatMember Member, SenderMatch How)? Find(string sender)
    {
        var key = Key(sender);
        if (_namesFile.TryGetValue(key, out var mapped))
            return _byPhone.TryGetValue(mapped, out var m) ? (m, SenderMatch.NamesFile) : null;
        if (LooksLikeNumber(sender) && PhoneNumber.ToE164Digits(Clean(sender)) is { } digits)
            return _byPhone.TryGetValue(digits, out var byPhone) ? (byPhone, SenderMatch.Phone) : null;
        return _byName.TryGetValue(key, out var list) && list.Count == 1 ? list[0] : null;
    }

    /// <summary>An export's sender as written, without WhatsApp's marks and the "~" of a profile name.</summary>
    public static string Clean(string sender)
    {
        var text = new string(sender.Where(c => c is not ('\u200E' or '\u200F' or '\u202A' or '\u202B' or '\u202C' or '\u2068' or '\u2069')).ToArray())
            .Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();
        return text.StartsWith('~') ? text[1..].Trim() : text;
    }

    /// <summary>"+91 98765 43210", "98765-43210": digits and a phone's punctuation only (a name with a number in it is a name).</summary>
    static bool LooksLikeNumber(string sender)
    {
        var text = Clean(sender);
        return text.Count(char.IsAsciiDigit) >= 10 && text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')');
    }

    static string Key(string name)
    {
        var text = Clean(name).Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                    builder.Append(' ');
            }
            else
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }
        return builder.ToString().TrimEnd();
    }
}
