namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>
/// Jobs with everything that depends only on the job computed once, when the job is added: its title's <see cref="TermVector"/>
/// and its city and state as small integers. <see cref="Search(ContentQuery, int)"/> then costs, per job, a few hash look-ups of the title's terms
/// in the user's vector and two array reads — an exact scan, no approximation. Not thread-safe for writes (a grain owns it).
/// </summary>
public sealed partial class ContentJobIndex(ContentModel model)
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _cityIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stateIds = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly List<TermVector> _vectors = [];
    private readonly List<int> _cities = [];
    private readonly List<int> _states = [];
    private readonly Dictionary<string, int> _companyIds = new(StringComparer.Ordinal);
    private readonly List<int> _companies = [];
    private readonly List<string> _titleKeys = [];

    /// <summary>The model the vectors are made with.</summary>
    public ContentModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Jobs held.</summary>
    public int Count => _ids.Count;

    /// <summary>Adds or replaces a job.</summary>
    /// <param name="id">Job id.</param>
    /// <param name="title">The text compared with the user's (the title).</param>
    /// <param name="city">City, or empty.</param>
    /// <param name="state">State code, or empty.</param>
    /// <param name="company">The employer, or null (used by the learned ranking's <c>last_view_company</c>).</param>
    public void Upsert(string id, string title, string? city, string? state, string? company = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(title);
        var vector = Model.Vectorize(title);
        int cityId = Intern(_cityIds, Places.CityKey(city, state)), stateId = Intern(_stateIds, Places.StateKey(state));
        int companyId = Intern(_companyIds, CompanyKey(company));
        string titleKey = TitleKey(title);
        if (_slots.TryGetValue(id, out int slot))
        {
            (_vectors[slot], _cities[slot], _states[slot], _companies[slot], _titleKeys[slot]) = (vector, cityId, stateId, companyId, titleKey);
            return;
        }
        _slots[id] = _ids.Count;
        _ids.Add(id);
        _vectors.Add(vector);
        _cities.Add(cityId);
        _states.Add(stateId);
        _companies.Add(companyId);
        _titleKeys.Add(titleKey);
    }

    /// <summary>Removes a job; false when it was not held.</summary>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_slots.Remove(id, out int slot)) return false;
        int last = _ids.Count - 1;
        if (slot != last)
        {
            _ids[slot] = _ids[last];
            _vectors[slot] = _vectors[last];
            _cities[slot] = _cities[last];
            _states[slot] = _states[last];
            _companies[slot] = _companies[last];
            _titleKeys[slot] = _titleKeys[last];
            _slots[_ids[slot]] = slot;
        }
        _ids.RemoveAt(last);
        _vectors.RemoveAt(last);
        _cities.RemoveAt(last);
        _states.RemoveAt(last);
        _companies.RemoveAt(last);
        _titleKeys.RemoveAt(last);
        return true;
    }

    /// <summary>Whether <paramref name="id"/> is held.</summary>
    public bool Contains(string id) => _slots.ContainsKey(id);

    /// <summary>
    /// The best <paramref name="top"/> jobs for <paramref name="query"/>, best first, ties broken by ordinal job id (so that
    /// partitions' answers merge into the exact top of their union); excluded jobs never appear.
    /// </summary>
    public List<ContentHit> Search(ContentQuery query, int top)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var sameCity = Flags(_cityIds, query.Cities);
        var sameState = Flags(_stateIds, query.States);
        HashSet<int>? excluded = null;
        foreach (var id in query.Exclude)
        {
            if (_slots.TryGetValue(id, out int slot)) (excluded ??= []).Add(slot);
        }
        var weights = query.Weights;
        var filter = query.Filter;
        var best = new List<ContentHit>(top + 1);
        for (int j = 0; j < _ids.Count; j++)
        {
            if (excluded is not null && excluded.Contains(j)) continue;
            var vector = _vectors[j];
            float text = 0;
            if (weights.Count > 0)
            {
                var terms = vector.Terms;
                for (int t = 0; t < terms.Length; t++)
                {
                    ulong term = terms[t];
                    if (((filter[(int)(term >> 60)] >> (int)((term >> 54) & 63)) & 1) != 0 && weights.TryGetValue(term, out float w)) text += w * vector.Weights[t];
                }
            }
            bool state = sameState[_states[j]], city = sameCity[_cities[j]];
            double score = text + (state ? query.StateWeight : 0) + (city ? query.CityWeight : 0);
            if (best.Count == top && !Better(score, _ids[j], best[^1])) continue;
            var hit = new ContentHit(_ids[j], score, text, state, city);
            int at = best.Count;
            while (at > 0 && Better(score, hit.JobId, best[at - 1])) at--;
            best.Insert(at, hit);
            if (best.Count > top) best.RemoveAt(top);
        }
        return best;
    }

    /// <summary>Best first: a higher score, then the lower ordinal id.</summary>
    public static int Compare(ContentHit a, ContentHit b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.JobId, b.JobId);

    private static bool Better(double score, string id, ContentHit than) =>
        score > than.Score || (score == than.Score && string.CompareOrdinal(id, than.JobId) < 0);

    private static bool[] Flags(Dictionary<string, int> ids, IReadOnlySet<string> keys)
    {
        // Id 0 is the empty key ("unknown"), which never matches.
        var flags = new bool[Math.Max(1, ids.Count + 1)];
        foreach (var key in keys)
        {
            if (key.Length > 0 && ids.TryGetValue(key, out int id)) flags[id] = true;
        }
        return flags;
    }

    private static int Intern(Dictionary<string, int> ids, string key)
    {
        if (key.Length == 0) return 0;
        if (!ids.TryGetValue(key, out int id)) ids[key] = id = ids.Count + 1;
        return id;
    }
}
