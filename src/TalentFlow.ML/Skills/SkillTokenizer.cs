namespace TalentFlow.ML.Skills;

/// <summary>
/// Splits text into skill tokens: runs of letters, digits and <c>+ # . - &amp;</c> (so C#, C++, .NET, Node.js, scikit-learn stay
/// whole), with '/' as a token of its own (CI/CD, BLS/ACLS) and sentence punctuation trimmed. Case is kept.
/// </summary>
internal static class SkillTokenizer
{
    public static List<string> Tokenize(ReadOnlySpan<char> text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '/')
            {
                tokens.Add("/");
                i++;
                continue;
            }

            if (!IsTokenChar(c))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsTokenChar(text[i]))
            {
                i++;
            }

            var token = text[start..i].TrimEnd(".-&").TrimStart("-&");
            while (token.Length > 1 && token[0] == '.' && !char.IsLetter(token[1]))
            {
                token = token[1..];
            }

            if (token.Length > 0 && token.ContainsAnyExcept(".+#-&"))
            {
                tokens.Add(token.ToString());
            }
        }

        return tokens;
    }

    private static bool IsTokenChar(char c) => char.IsLetterOrDigit(c) || c is '+' or '#' or '.' or '-' or '&';
}
