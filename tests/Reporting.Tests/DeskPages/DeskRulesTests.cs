using ReportBot.Reporting.Desk;
using ReportBot.Reporting.People;

namespace ReportBot.Reporting.Tests.DeskPages;

/// <summary>The desk's rules without a database: who may correct what, and the one-time codes.</summary>
public sealed class DeskRulesTests
{
    static readonly DateOnly Today = new(2026, 12, 7);
    static readonly DeskViewer Officer = new(1, 1, "Anil", Role.Officer, new HashSet<int>());
    static readonly DeskViewer Reporter = new(2, 1, "Kavita", Role.Reporter, new HashSet<int> { 10, 11 });

    [Theory]
    [InlineData(Role.Officer, 12, 10, "swapped digits", CorrectionVerdict.Correct)]       // past the late limit: an officer's
    [InlineData(Role.Reporter, 10, 10, "swapped digits", CorrectionVerdict.PastLateLimit)]
    [InlineData(Role.Reporter, 10, 7, "swapped digits", CorrectionVerdict.Correct)]      // the limit's last day
    [InlineData(Role.Reporter, 10, 8, "swapped digits", CorrectionVerdict.PastLateLimit)]
    [InlineData(Role.Reporter, 99, 0, "not mine", CorrectionVerdict.NotYourUnit)]
    [InlineData(Role.Officer, 99, -1, "tomorrow", CorrectionVerdict.FutureDay)]
    [InlineData(Role.Officer, 99, 0, " ", CorrectionVerdict.NoReason)]
    [InlineData(Role.Officer, 99, 0, null, CorrectionVerdict.NoReason)]
    public void Who_may_correct_which_day(Role role, int unit, int daysAgo, string? reason, CorrectionVerdict expected)
    {
        var viewer = role == Role.Officer ? Officer : Reporter;
        Assert.Equal(expected, DeskRules.Correct(viewer, unit, Today.AddDays(-daysAgo), 480, 840, reason, Today, maxDaysBack: 7));
    }

    [Fact]
    public void A_correction_to_the_same_value_changes_nothing_and_a_negative_one_is_refused()
    {
        Assert.Equal(CorrectionVerdict.Unchanged, DeskRules.Correct(Officer, 1, Today, 840, 840, "again", Today, 7));
        Assert.Equal(CorrectionVerdict.Negative, DeskRules.Correct(Officer, 1, Today, 840, -1, "minus", Today, 7));
    }

    [Fact]
    public void A_reporter_sees_and_reviews_only_what_is_theirs()
    {
        Assert.True(Reporter.MaySee(10));
        Assert.False(Reporter.MaySee(12));
        Assert.False(Reporter.MayReview());
        Assert.True(Officer.MaySee(12));
        Assert.True(Officer.MayReview());
    }

    [Fact]
    public void A_flag_awaits_review_until_accepted_after_its_last_change()
    {
        var changed = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        Assert.True(DeskRules.AwaitsReview("spike", changed, null));
        Assert.False(DeskRules.AwaitsReview("spike", changed, changed.AddMinutes(5)));
        Assert.True(DeskRules.AwaitsReview("spike", changed, changed.AddMinutes(-5)));
        Assert.False(DeskRules.AwaitsReview(null, changed, null));
    }

    [Fact]
    public void Codes_are_limited_per_phone_and_an_unknown_phone_gets_none()
    {
        Assert.Equal(CodeIssue.Issue, DeskCodeRules.Issue(7, 2));
        Assert.Equal(CodeIssue.RateLimited, DeskCodeRules.Issue(7, 3));
        Assert.Equal(CodeIssue.UnknownPhone, DeskCodeRules.Issue(null, 0));
        Assert.Equal(CodeIssue.Issue, DeskCodeRules.Issue(7, 0, 9));
        Assert.Equal(CodeIssue.RateLimited, DeskCodeRules.Issue(7, 0, 10)); // ten a day, however spread out
    }

    [Fact]
    public void A_code_signs_in_once_before_it_expires_and_within_its_attempts()
    {
        var now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var salt = new byte[] { 1, 2, 3 };
        IssuedCode Code(int attempts = 0, DateTimeOffset? used = null, int minutesLeft = 5) =>
            new(1, DeskCodeRules.Hash("123456", salt), salt, now.AddMinutes(minutesLeft), attempts, used);

        Assert.Equal(CodeCheck.SignedIn, DeskCodeRules.Check(Code(), "123456", now));
        Assert.Equal(CodeCheck.SignedIn, DeskCodeRules.Check(Code(), " 123 456 ", now));
        Assert.Equal(CodeCheck.SignedIn, DeskCodeRules.Check(Code(), "१२३४५६", now)); // a Hindi keyboard's digits
        Assert.Equal(CodeCheck.Wrong, DeskCodeRules.Check(Code(), "654321", now));
        Assert.Equal(CodeCheck.Used, DeskCodeRules.Check(Code(used: now), "123456", now));
        Assert.Equal(CodeCheck.Expired, DeskCodeRules.Check(Code(minutesLeft: 0), "123456", now));
        Assert.Equal(CodeCheck.TooManyAttempts, DeskCodeRules.Check(Code(attempts: DeskCodeRules.MaxAttempts), "123456", now));
        Assert.Equal(CodeCheck.NoCode, DeskCodeRules.Check(null, "123456", now));
    }
}
