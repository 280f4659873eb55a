using System.CommandLine;

namespace TalentFlow.Cli.Hosting;

/// <summary>
/// Turns a parse failure into one line that says what was wrong and what to do: the mistyped word with the nearest command,
/// the command that still needs a subcommand with the ones it has, or the unknown option with the command's help.
/// </summary>
internal static class UsageErrors
{
    public static string Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        string path = CommandPath(parsed);
        string? unmatched = parsed.UnmatchedTokens.FirstOrDefault();
        if (unmatched is not null && !unmatched.StartsWith('-') && command.Subcommands.Count > 0)
        {
            string? nearest = Nearest(unmatched, command.Subcommands.Select(c => c.Name));
            return $"unknown command '{unmatched}' for '{path}'" + (nearest is null ? "" : $"; did you mean '{nearest}'?") + $" (see {path} --help)";
        }

        if (unmatched is not null)
        {
            return $"unknown option or argument '{unmatched}' for '{path}' (see {path} --help)";
        }

        if (command.Subcommands.Count > 0 && parsed.Errors.Count > 0 && command.Action is null)
        {
            return $"'{path}' needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} (see {path} --help)";
        }

        return parsed.Errors[0].Message; // a validator's own message already names the option and what it takes
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "talentflow" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The candidate within two edits of <paramref name="word"/> (the closest), or null.</summary>
    internal static string? Nearest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (string candidate in candidates)
        {
            int distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    // Optimal string alignment distance: a swap of two neighbouring letters ("trian") counts as one edit.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
