using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReportBot.Reporting.ChatExport;

/// <summary>
/// The inbox id of an exported message. An export carries no message ids, so the id is what identifies the message in
/// any export of the same group: the district, the time as written, the sender and the text. Importing the same file
/// again, or a later export that overlaps it, then gives the same ids and the inbox's unique (channel, external id)
/// adds nothing. An Android export writes minutes only, so the same sender can send the same text twice in one minute
/// ("+100" twice is 200); the n-th identical copy is told apart by its place among the copies.
/// </summary>
public static class ChatMessageIds
{
    public static IReadOnlyList<string> For(int districtId, IReadOnlyList<ChatMessage> messages)
    {
        var seen = new Dictionary<string, int>();
        var ids = new List<string>(messages.Count);
        foreach (var message in messages)
        {
            var key = string.Join('\n', districtId.ToString(CultureInfo.InvariantCulture),
                message.SentAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), ChatSenders.Clean(message.Sender), message.Text);
            var copy = seen[key] = seen.GetValueOrDefault(key) + 1;
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(copy == 1 ? key : key + "\n#" + copy));
            ids.Add(Convert.ToHexStringLower(hash.AsSpan(0, 16)));
        }
        return ids;
    }
}
