namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>
/// The user side of a content ranking, computed once per request: the user's text vector (as a hash map for the scan), the
/// places the bonuses look for, and the jobs never to recommend again.
/// </summary>
public sealed class ContentQuery
{
    /// <summary>Builds a query with <paramref name="model"/>.</summary>
    /// <param name="model">The model the job vectors were made with.</param>
    /// <param name="text">Positions of interest, past titles and titles of jobs the user interacted with.</param>
    /// <param name="cities">(city, state) pairs of the user's home and of jobs they interacted with.</param>
    /// <param name="states">States of the same.</param>
    /// <param name="exclude">Job ids already seen.</param>
    public ContentQuery(ContentModel model, string text, IEnumerable<(string City, string State)> cities, IEnumerable<string> states, IEnumerable<string> exclude)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cities);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(exclude);
        Vector = model.Vectorize(text);
        Weights = new Dictionary<ulong, float>(Vector.Count);
        for (int i = 0; i < Vector.Count; i++)
        {
            Weights[Vector.Terms[i]] = Vector.Weights[i];
            Filter[(int)(Vector.Terms[i] >> 60)] |= 1UL << (int)((Vector.Terms[i] >> 54) & 63);
        }
        Cities = new HashSet<string>(cities.Select(c => Places.CityKey(c.City, c.State)).Where(k => k.Length > 0), StringComparer.Ordinal);
        States = new HashSet<string>(states.Select(Places.StateKey).Where(k => k.Length > 0), StringComparer.Ordinal);
        Exclude = new HashSet<string>(exclude, StringComparer.Ordinal);
        StateWeight = model.Options.StateWeight;
        CityWeight = model.Options.CityWeight;
    }

    /// <summary>The user's unit text vector.</summary>
    public TermVector Vector { get; }

    /// <summary>City keys (<see cref="Places.CityKey"/>).</summary>
    public IReadOnlySet<string> Cities { get; }

    /// <summary>State keys (<see cref="Places.StateKey"/>).</summary>
    public IReadOnlySet<string> States { get; }

    /// <summary>Job ids never returned.</summary>
    public IReadOnlySet<string> Exclude { get; }

    internal Dictionary<ulong, float> Weights { get; }

    /// <summary>A 1,024-bit filter of the user's terms (top 10 bits of the hash): most job terms miss it and skip the hash look-up.</summary>
    internal ulong[] Filter { get; } = new ulong[16];

    internal double StateWeight { get; }

    internal double CityWeight { get; }
}
