namespace ReportBot.Reporting.Replies;

/// <summary>The languages ReportBot speaks, by code; English when a member's language is not known.</summary>
public static class ReplyLanguages
{
    public static readonly ReplyLanguage English = new EnglishReplies();
    public static readonly ReplyLanguage Hindi = new HindiReplies();

    static readonly Dictionary<string, ReplyLanguage> ByCode = new(StringComparer.OrdinalIgnoreCase)
    {
        [English.Code] = English,
        [Hindi.Code] = Hindi,
    };

    public static ReplyLanguage For(string? code) =>
        code is not null && ByCode.TryGetValue(code, out var language) ? language : English;
}
