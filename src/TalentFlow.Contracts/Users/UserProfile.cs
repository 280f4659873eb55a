
namespace TalentFlow.Contracts.Users;

/// <summary>What a job seeker says about themselves: the content fields the job recommender compares with jobs.</summary>
/// <param name="PositionsOfInterest">Positions they look for (e.g. "Data Scientist").</param>
/// <param name="PastTitles">Titles they held.</param>
/// <param name="City">Where they live or want to work, optional.</param>
/// <param name="State">Its state code, optional.</param>
public sealed record UserProfile(
    IReadOnlyList<string>? PositionsOfInterest = null,
    IReadOnlyList<string>? PastTitles = null,
    string? City = null,
    string? State = null)
{
    /// <summary>Most positions of interest and past titles kept, each.</summary>
    public const int MaxEntries = 50;

    /// <summary>Longest position, title or place, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>Whether the profile says nothing a recommender can use.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty =>
        (PositionsOfInterest?.All(string.IsNullOrWhiteSpace) ?? true) && (PastTitles?.All(string.IsNullOrWhiteSpace) ?? true)
        && string.IsNullOrWhiteSpace(City) && string.IsNullOrWhiteSpace(State);

    /// <summary>Throws <see cref="ArgumentException"/> when a list is too long or an entry is too long or holds control characters.</summary>
    public void Validate()
    {
        Check(PositionsOfInterest, "positions_of_interest");
        Check(PastTitles, "past_titles");
        Check(City, "city");
        Check(State, "state");
    }

    private static void Check(IReadOnlyList<string>? values, string name)
    {
        if (values is null) return;
        if (values.Count > MaxEntries) throw new ArgumentException($"{name} holds more than {MaxEntries} entries.");
        foreach (var value in values) Check(value, name);
    }

    private static void Check(string? value, string name)
    {
        if (value is null) return;
        if (value.Length > MaxLength) throw new ArgumentException($"An entry of {name} is over {MaxLength} characters.");
        if (value.Any(char.IsControl)) throw new ArgumentException($"An entry of {name} holds control characters.");
    }
}
