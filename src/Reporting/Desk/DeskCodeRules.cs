using System.Security.Cryptography;
using System.Text;

namespace ReportBot.Reporting.Desk;

/// <summary>What became of a request for a code: one was made, or the phone has had its share for now.</summary>
public enum CodeIssue { Issue, RateLimited, UnknownPhone }

/// <summary>What a code typed on the sign-in page amounts to.</summary>
public enum CodeCheck { SignedIn, Wrong, Expired, Used, TooManyAttempts, NoCode }

/// <summary>The member's latest code as loaded: its hash and salt, when it runs out, how often it was tried, whether used.</summary>
public sealed record IssuedCode(long Id, byte[] Hash, byte[] Salt, DateTimeOffset ExpiresAt, int Attempts, DateTimeOffset? UsedAt);

/// <summary>
/// The desk's one-time codes: six digits, good for ten minutes, five attempts and one sign-in; three per phone in a
/// quarter of an hour. Only a salted hash is stored. Everything here is decided from loaded facts; the caller draws the
/// random digits and the salt.
/// </summary>
public static class DeskCodeRules
{
    public const int Digits = 6;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int MaxAttempts = 5;
    public const int MaxCodesPerWindow = 3;
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(15);
    /// <summary>
    /// And ten a day: with five attempts each, at most fifty guesses a day at a phone's million codes — a patient
    /// guesser's chance stays near one in twenty thousand a day, where the quarter-hour limit alone allows 1,440 guesses.
    /// </summary>
    public const int MaxCodesPerDay = 10;

    /// <summary>
    /// Whether to make a code for a phone: null <paramref name="memberId"/> (nobody has that phone) makes none, and
    /// neither does a phone that had <see cref="MaxCodesPerWindow"/> since <see cref="RateWindow"/> ago, or
    /// <see cref="MaxCodesPerDay"/> in the last 24 hours. The page answers all alike, so that nobody learns from it
    /// whose phone is registered.
    /// </summary>
    public static CodeIssue Issue(int? memberId, int codesInWindow, int codesInDay = 0) =>
        memberId is null ? CodeIssue.UnknownPhone
        : codesInWindow >= MaxCodesPerWindow || codesInDay >= MaxCodesPerDay ? CodeIssue.RateLimited
        : CodeIssue.Issue;

    /// <summary>Checks <paramref name="typed"/> against the member's latest code, in constant time.</summary>
    public static CodeCheck Check(IssuedCode? code, string typed, DateTimeOffset now)
    {
        if (code is null)
            return CodeCheck.NoCode;
        if (code.UsedAt is not null)
            return CodeCheck.Used;
        if (now >= code.ExpiresAt)
            return CodeCheck.Expired;
        if (code.Attempts >= MaxAttempts)
            return CodeCheck.TooManyAttempts;
        return CryptographicOperations.FixedTimeEquals(Hash(Normalise(typed), code.Salt), code.Hash) ? CodeCheck.SignedIn : CodeCheck.Wrong;
    }

    /// <summary>The stored form of a code: SHA-256 over the salt and the digits.</summary>
    public static byte[] Hash(string code, byte[] salt) => SHA256.HashData([.. salt, .. Encoding.ASCII.GetBytes(code)]);

    /// <summary>What a person types: "123 456", "१२३४५६" (Devanagari digits, as a Hindi keyboard gives them) → "123456".</summary>
    public static string Normalise(string? typed) =>
        new((typed ?? "").Where(char.IsDigit).Select(c => (char)('0' + (int)char.GetNumericValue(c))).ToArray());
}
