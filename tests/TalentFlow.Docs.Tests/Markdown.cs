using System.Text.RegularExpressions;

namespace TalentFlow.Docs.Tests;

/// <summary>The little of Markdown these tests need: fenced code blocks, links outside code, table rows.</summary>
internal static partial class Markdown
{
    /// <summary>The bodies of the fenced blocks whose info string is <paramref name="language"/>, in order.</summary>
    public static IReadOnlyList<string> CodeBlocks(string markdown, string language)
    {
        var blocks = new List<string>();
        var lines = Lines(markdown);
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;
            string info = lines[i][3..].Trim();
            int end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            if (end < 0) throw new InvalidOperationException($"A code block opened on line {i + 1} is never closed.");
            if (info == language) blocks.Add(string.Join('\n', lines[(i + 1)..end]));
            i = end;
        }
        return blocks;
    }

    /// <summary>The targets of the inline and reference links of <paramref name="markdown"/>, code blocks and code spans left out.</summary>
    public static IReadOnlyList<(int Line, string Target)> Links(string markdown)
    {
        var links = new List<(int, string)>();
        var lines = Lines(markdown);
        bool fenced = false;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }
            if (fenced) continue;
            // A code span may stand for a link's text ([`x`](x)): keep a placeholder so the link is still seen.
            string line = CodeSpan().Replace(lines[i], "code");
            foreach (Match m in InlineLink().Matches(line)) links.Add((i + 1, m.Groups["target"].Value));
            foreach (Match m in AutoLink().Matches(line)) links.Add((i + 1, m.Groups["target"].Value));
            if (ReferenceLink().Match(line) is { Success: true } r) links.Add((i + 1, r.Groups["target"].Value));
        }
        return links;
    }

    /// <summary>The cells of every table row (header and separator rows included), with the heading the table stands under.</summary>
    public static IEnumerable<(string Heading, IReadOnlyList<string> Cells)> TableRows(string markdown)
    {
        string heading = "";
        foreach (var raw in Lines(markdown))
        {
            string line = raw.Trim();
            if (line.StartsWith('#')) heading = line.TrimStart('#').Trim();
            if (!line.StartsWith('|') || !line.EndsWith('|')) continue;
            // `\|` is a pipe inside a cell.
            var cells = line[1..^1].Replace("\\|", "\u0001", StringComparison.Ordinal).Split('|')
                .Select(c => c.Replace('\u0001', '|').Trim()).ToList();
            yield return (heading, cells);
        }
    }

    private static string[] Lines(string markdown) => markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    [GeneratedRegex("`+[^`]*`+")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]*)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"<(?<target>[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)")]
    private static partial Regex ReferenceLink();
}
