namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>How places are compared: a state by its trimmed upper-case code, a city by its lower-case name within its state.</summary>
public static class Places
{
    /// <summary>The comparison key of a state ("tx " → "TX"); empty when unknown.</summary>
    public static string StateKey(string? state) => string.IsNullOrWhiteSpace(state) ? "" : state.Trim().ToUpperInvariant();

    /// <summary>The comparison key of a city in a state ("Austin", "TX" → "austin|TX"); empty when the city is unknown.</summary>
    public static string CityKey(string? city, string? state) =>
        string.IsNullOrWhiteSpace(city) ? "" : city.Trim().ToLowerInvariant() + "|" + StateKey(state);

    /// <summary>
    /// Splits a posting's location: "Austin, TX" → (Austin, TX); "TX" (two letters) → (, TX); anything else without a comma is
    /// a city with no state. Empty parts are empty strings.
    /// </summary>
    public static (string City, string State) Parse(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return ("", "");
        string text = location.Trim();
        int comma = text.LastIndexOf(',');
        if (comma >= 0) return (text[..comma].Trim(), text[(comma + 1)..].Trim());
        return text.Length == 2 && char.IsLetter(text[0]) && char.IsLetter(text[1]) ? ("", text) : (text, "");
    }
}
