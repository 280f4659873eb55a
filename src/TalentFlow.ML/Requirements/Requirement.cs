namespace TalentFlow.ML.Requirements;

/// <summary>One thing a job asks of a candidate.</summary>
/// <param name="Id">Stable within the job (<c>req-1</c>, …).</param>
/// <param name="Kind">Must-have, nice-to-have or knockout.</param>
/// <param name="Text">What is asked, in the posting's words.</param>
/// <param name="Weight">How much it counts within its kind, in (0, 1].</param>
public sealed record Requirement(string Id, RequirementKind Kind, string Text, double Weight);

/// <summary>The limits a job's requirement list must keep (checked on every edit).</summary>
public static class RequirementLimits
{
    /// <summary>Most requirements per job: 50.</summary>
    public const int MaxCount = 50;

    /// <summary>Longest requirement text: 500 characters.</summary>
    public const int MaxTextLength = 500;

    /// <summary>Longest id: 64 characters.</summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// Checks a list: at most <see cref="MaxCount"/> items, each with a non-empty text of at most <see cref="MaxTextLength"/>
    /// characters, a weight in (0, 1], and an id of 1–<see cref="MaxIdLength"/> letters, digits, <c>-</c>, <c>_</c> or
    /// <c>.</c>, unique in the list.
    /// </summary>
    /// <exception cref="ArgumentException">The first rule broken, naming the item.</exception>
    public static void Validate(IReadOnlyList<Requirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        if (requirements.Count > MaxCount) throw new ArgumentException($"A job has at most {MaxCount} requirements; {requirements.Count} were given.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < requirements.Count; i++)
        {
            var r = requirements[i] ?? throw new ArgumentException($"Requirement {i + 1} is null.");
            if (string.IsNullOrWhiteSpace(r.Text)) throw new ArgumentException($"Requirement {i + 1} has an empty text.");
            if (r.Text.Length > MaxTextLength) throw new ArgumentException($"Requirement {i + 1}'s text is over {MaxTextLength} characters.");
            if (!(r.Weight > 0 && r.Weight <= 1)) throw new ArgumentException($"Requirement {i + 1}'s weight must be in (0, 1]; it is {r.Weight}.");
            if (string.IsNullOrEmpty(r.Id) || r.Id.Length > MaxIdLength || !r.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException($"Requirement {i + 1}'s id must be 1–{MaxIdLength} letters, digits, '-', '_' or '.'.");
            }
            if (!Enum.IsDefined(r.Kind)) throw new ArgumentException($"Requirement {i + 1}'s kind is unknown.");
            if (!ids.Add(r.Id)) throw new ArgumentException($"Requirement id '{r.Id}' appears twice.");
        }
    }
}
