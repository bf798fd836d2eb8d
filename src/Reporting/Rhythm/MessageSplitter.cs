using System.Text;

namespace ReportBot.Reporting.Rhythm;

/// <summary>
/// Splits a long message into parts that each fit one WhatsApp message (Twilio: 1,600 characters), between lines
/// only, never inside one; a monospace block cut in two is closed at the end of one part and opened again in the next.
/// </summary>
public static class MessageSplitter
{
    public const int TwilioLimit = 1600;
    const string Fence = "```";

    public static IReadOnlyList<string> Split(string text, int limit = TwilioLimit)
    {
        if (text.Length <= limit)
            return [text];
        var parts = new List<string>();
        var part = new StringBuilder();
        var inBlock = false;
        foreach (var whole in text.Split('\n'))
        {
            var line = whole.Length > limit - 2 * (Fence.Length + 1) ? whole[..(limit - 2 * (Fence.Length + 1) - 1)] + "…" : whole;
            var inBlockAfter = inBlock ^ (Fences(line) % 2 == 1);
            // Room for this line, and for the fence that would close a block still open after it.
            var needed = part.Length + (part.Length > 0 ? 1 : 0) + line.Length + (inBlockAfter ? 1 + Fence.Length : 0);
            if (part.Length > 0 && needed > limit)
            {
                if (inBlock)
                    part.Append('\n').Append(Fence);
                parts.Add(part.ToString());
                part.Clear();
                if (inBlock)
                    part.Append(Fence);
            }
            if (part.Length > 0)
                part.Append('\n');
            part.Append(line);
            inBlock = inBlockAfter;
        }
        if (part.Length > 0)
            parts.Add(part.ToString());
        return parts;
    }

    static int Fences(string line)
    {
        var count = 0;
        for (var at = line.IndexOf(Fence, StringComparison.Ordinal); at >= 0; at = line.IndexOf(Fence, at + Fence.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
