namespace TalentFlow.ML.Semantic;

/// <summary>
/// fastText's subwords: the character n-grams of <c>&lt;word&gt;</c> (boundary marks included), each hashed by 32-bit
/// FNV-1a over its UTF-16 units into a fixed number of buckets, so any string — unseen or misspelled — maps to rows that
/// words sharing its pieces have shaped.
/// </summary>
internal static class SubwordHashing
{
    /// <summary>Upper bound on the n-grams of one word for n in 1…8, the capacity a caller's destination needs.</summary>
    public const int MaxNGrams = 8 * (WordTokenizer.MaxWordLength + 2);

    /// <summary>
    /// Writes the bucket of every <paramref name="minN"/>…<paramref name="maxN"/>-gram of <c>&lt;word&gt;</c> into
    /// <paramref name="destination"/> and returns how many were written.
    /// </summary>
    public static int Buckets(ReadOnlySpan<char> word, int minN, int maxN, int buckets, Span<int> destination)
    {
        Span<char> bounded = stackalloc char[WordTokenizer.MaxWordLength + 2];
        int length = Math.Min(word.Length, WordTokenizer.MaxWordLength) + 2;
        bounded[0] = '<';
        word[..(length - 2)].CopyTo(bounded[1..]);
        bounded[length - 1] = '>';
        int count = 0;
        for (int n = minN; n <= maxN && n <= length; n++)
        {
            for (int start = 0; start + n <= length; start++)
            {
                uint hash = 2166136261;
                foreach (char c in bounded.Slice(start, n))
                {
                    hash = (hash ^ c) * 16777619;
                }

                destination[count++] = (int)(hash % (uint)buckets);
            }
        }

        return count;
    }
}
