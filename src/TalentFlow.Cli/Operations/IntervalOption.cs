using System.CommandLine;
using System.Globalization;

namespace TalentFlow.Cli.Operations;

/// <summary><c>--interval</c>: how often a follow polls the API, as <c>500ms</c>, <c>2s</c>, <c>1m</c> or seconds (<c>1.5</c>). Default 1 s.</summary>
internal static class IntervalOption
{
    /// <summary>The shortest interval taken: polling faster only loads the coordinator.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);

    public static Option<TimeSpan> Create() => new("--interval")
    {
        Description = "How often to ask for the job's state: 500ms, 2s, 1m or a number of seconds (at least 100ms). Default 1s.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(1),
        HelpName = "duration",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (TryParse(text, out var value) && value >= Minimum && value <= TimeSpan.FromHours(1)) return value;
            result.AddError($"--interval '{text}' is not a duration from 100ms to 1h (e.g. 500ms, 2s, 1m)");
            return default;
        },
    };

    /// <summary>Reads <c>250ms</c>, <c>2s</c>, <c>1m</c> or plain seconds.</summary>
    internal static bool TryParse(string text, out TimeSpan value)
    {
        text = text.Trim();
        (string number, double scale) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001)
            : text.EndsWith('s') || text.EndsWith('S') ? (text[..^1], 1.0)
            : text.EndsWith('m') || text.EndsWith('M') ? (text[..^1], 60.0)
            : (text, 1.0);
        bool ok = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) && amount >= 0 && amount * scale <= 86_400;
        value = ok ? TimeSpan.FromSeconds(amount * scale) : default;
        return ok;
    }
}
