using System.Text.Json;

namespace ReportBot.BotHost.Inbound;

/// <summary>Reading the providers' JSON without failing on what valid JSON may hold and .NET cannot turn into a string.</summary>
public static class JsonText
{
    /// <summary>
    /// A JSON string's value; for one with a lone surrogate escape (`"\ud800"`, valid JSON that .NET cannot turn into a
    /// string) its JSON text as written, so the message is still kept and read rather than failing its whole payload.
    /// </summary>
    public static string StringOf(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText()[1..^1];
        }
    }

    /// <summary>A string property's value (see <see cref="StringOf"/>), or null when it is absent or no string.</summary>
    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? StringOf(value)
            : null;
}
