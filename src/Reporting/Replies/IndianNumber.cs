using System.Text;

namespace ReportBot.Reporting.Replies;

/// <summary>Numbers as Indian readers group them: 1,96,810 (thousands, then pairs: lakh, crore).</summary>
public static class IndianNumber
{
    public static string Format(long value)
    {
        if (value < 0)
            return "-" + Format(-value);
        var digits = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (digits.Length <= 3)
            return digits;
        var head = digits[..^3];
        var builder = new StringBuilder(digits.Length + digits.Length / 2);
        var firstPair = head.Length % 2;
        for (var i = 0; i < head.Length; i++)
        {
            if (i > 0 && (i - firstPair) % 2 == 0)
                builder.Append(',');
            builder.Append(head[i]);
        }
        return builder.Append(',').Append(digits[^3..]).ToString();
    }
}
