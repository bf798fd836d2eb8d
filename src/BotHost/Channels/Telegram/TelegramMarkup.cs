// Telegram's MessageEntity: https://core.telegram.org/bots/api#messageentity — formatting as spans over the plain text,
// counted in UTF-16 code units, instead of markup in it:
//   "✅ *Benipur* — 1,240 …"   →   {"text":"✅ Benipur — 1,240 …","entities":[{"type":"bold","offset":2,"length":7}]}
// The replies are written once for every channel in WhatsApp's markup (`*bold*`, `` `code` ``); sent to Telegram as
// they are, with no parse_mode, they would show their asterisks.
using System.Text;
using System.Text.RegularExpressions;

namespace ReportBot.BotHost.Channels.Telegram;

public static partial class TelegramMarkup
{
    /// <summary>A span of the plain text: its entity type (`bold`, `code`), offset and length in UTF-16 code units.</summary>
    public sealed record Span(string Type, int Offset, int Length);

    /// <summary>
    /// WhatsApp's `*bold*` and `` `code` `` as WhatsApp reads them: the marks hug a word (no space just inside them), do
    /// not cross a line, and stand apart from letters and digits outside — so "5*3*2" or "a * b * c" stays as written.
    /// https://faq.whatsapp.com/539178204879377
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}*])\*(?=\S)(?<bold>[^*\n]*?\S)\*(?![\p{L}\p{N}*])|(?<!`)`(?=\S)(?<code>[^`\n]*?\S)`(?!`)")]
    private static partial Regex Marks();

    /// <summary>The text without WhatsApp's marks, and the spans they marked.</summary>
    public static (string Text, IReadOnlyList<Span> Spans) FromWhatsApp(string body)
    {
        var text = new StringBuilder(body.Length);
        var spans = new List<Span>();
        var at = 0;
        foreach (Match mark in Marks().Matches(body))
        {
            text.Append(body, at, mark.Index - at);
            var (type, inner) = mark.Groups["bold"].Success ? ("bold", mark.Groups["bold"].Value) : ("code", mark.Groups["code"].Value);
            spans.Add(new Span(type, text.Length, inner.Length));
            text.Append(inner);
            at = mark.Index + mark.Length;
        }
        text.Append(body, at, body.Length - at);
        return (text.ToString(), spans);
    }
}
