namespace ReportBot.Reporting.Reading;

/// <summary>Optimal-string-alignment distance (Levenshtein plus adjacent swaps, the commonest typing slip), bounded.</summary>
internal static class EditDistance
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>, or <c>max + 1</c> once it is known to exceed <paramref name="max"/>.</summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        if (a.Length == 0 || b.Length == 0) return Math.Max(a.Length, b.Length);
        int cols = b.Length + 1;
        Span<int> rows = cols * 3 <= 512 ? stackalloc int[cols * 3] : new int[cols * 3];
        Span<int> prev2 = rows[..cols], prev = rows.Slice(cols, cols), cur = rows.Slice(2 * cols, cols);
        for (int j = 0; j < cols; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            int rowMin = i;
            for (int j = 1; j < cols; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int d = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d = Math.Min(d, prev2[j - 2] + 1);
                cur[j] = d;
                if (d < rowMin) rowMin = d;
            }
            if (rowMin > max) return max + 1;
            var t = prev2; prev2 = prev; prev = cur; cur = t;
        }
        return Math.Min(prev[b.Length], max + 1);
    }
}
