using System.Globalization;

namespace TalentFlow.Benchmarks;

/// <summary>The <c>--name value</c> options of a scenario.</summary>
internal sealed class ScenarioArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static ScenarioArgs Parse(string[] args)
    {
        var parsed = new ScenarioArgs();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            string name = args[i][2..];
            bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[name] = hasValue ? args[++i] : "true";
        }
        return parsed;
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value)
            ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException($"--{name} takes a positive whole number")
            : fallback;

    /// <summary>The value of <c>--name</c>, or null when it is absent.</summary>
    public string? String(string name) =>
        _values.TryGetValue(name, out var value) ? value != "true" ? value : throw new ArgumentException($"--{name} takes a value") : null;
}
