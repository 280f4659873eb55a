using System.Text.RegularExpressions;
using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// Turns the job-views data into ConvFM's five fields, all from content so that unseen users and jobs need no learned id:
/// <list type="bullet">
/// <item><b>user</b>: the user's text match with the job — the TF-IDF cosine of the user's text (positions of interest, past
/// titles, viewed titles) and the job's title + position, in <see cref="JobViewsFeatureOptions.SimilarityBins"/> bins;</item>
/// <item><b>job</b>: the job's position (lower-cased); positions on fewer than <see cref="JobViewsFeatureOptions.MinPositionJobs"/>
/// catalog jobs are hashed into <see cref="JobViewsFeatureOptions.PositionBuckets"/> buckets;</item>
/// <item><b>skills</b>: the bag of tokens of the user's positions of interest and work-history titles (tokens seen at least
/// <see cref="JobViewsFeatureOptions.MinTokenCount"/> times, at most <see cref="JobViewsFeatureOptions.MaxSkills"/>);</item>
/// <item><b>location</b>: where the job's city and state stand to the user's — a city or state of a viewed job, of the work
/// history, another place, or nothing known;</item>
/// <item><b>company</b>: "viewed" when the user viewed a job of this company before, else the company when it has at least
/// <see cref="JobViewsFeatureOptions.MinCompanyJobs"/> catalog jobs, else "rare" ("last" first when the latest view was at
/// this company and <see cref="JobViewsFeatureOptions.LastViewFields"/> is on, as "last-city" and "last-state" for places).</item>
/// </list>
/// Also computes the content score of <c>content_rec_anchor.py</c> (cosine + state bonus + city bonus) for hybrids.
/// </summary>
public sealed partial class JobViewsFeatures
{
    private static readonly string[] Places = ["city", "state", "work-city", "work-state", "elsewhere", "unknown"];
    private static readonly string[] PlacesWithLastView = [.. Places, "last-city", "last-state"];

    private readonly JobViewsData _data;
    private readonly TfidfModel _tfidf;
    private readonly SparseVector[] _jobText;
    private readonly int[] _jobCity;
    private readonly int[] _jobState;
    private readonly int[] _jobCompany;
    private readonly int[] _jobCompanyId;
    private readonly int[] _jobPositionId;
    private readonly Dictionary<string, int> _cities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _interests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int City, int State)>> _workPlaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _viewed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _views = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _timeline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _skillIds;
    private readonly int _viewedCompanyId;
    private readonly int _lastCompanyId;

    /// <summary>Builds the vocabularies and the TF-IDF model from <paramref name="data"/> (training views only).</summary>
    public JobViewsFeatures(JobViewsData data, JobViewsFeatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options = options ?? new JobViewsFeatureOptions();
        _data = data;
        var jobs = data.Jobs;
        foreach (var (user, position) in data.PositionsOfInterest)
        {
            Append(_interests, user, position);
        }

        foreach (var entry in data.WorkHistory)
        {
            Append(_interests, entry.User, entry.Position);
            if (!_workPlaces.TryGetValue(entry.User, out var places))
            {
                _workPlaces[entry.User] = places = [];
            }

            places.Add((Id(_cities, entry.City + "|" + entry.State), Id(_states, entry.State)));
        }

        foreach (var view in data.Views)
        {
            var j = data.JobIndex[view.Job];
            if (!_views.TryGetValue(view.User, out var all))
            {
                _views[view.User] = all = [];
            }

            all.Add(j);
            if (!_viewed.TryGetValue(view.User, out var list))
            {
                _viewed[view.User] = list = [];
            }

            if (!list.Contains(j))
            {
                list.Add(j);
            }
        }

        // Views in time order: View.Start is ISO text, so ordinal order is time order; file order breaks ties (later row is
        // later), as the split picks the last view.
        var order = new int[data.Views.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => string.CompareOrdinal(data.Views[a].Start, data.Views[b].Start) is var c && c != 0 ? c : a.CompareTo(b));
        foreach (var i in order)
        {
            var view = data.Views[i];
            if (!_timeline.TryGetValue(view.User, out var line))
            {
                _timeline[view.User] = line = [];
            }

            line.Add(data.JobIndex[view.Job]);
        }

        // The anchor's corpus: every job text and every user's full text.
        var users = _interests.Keys.Union(_viewed.Keys, StringComparer.Ordinal).ToList();
        string[] corpus = [.. jobs.Select(j => j.Text), .. users.Select(u => UserText(u, -1))];
        _tfidf = TfidfVectorizer.Fit(corpus, new TfidfOptions { MaxFeatures = null, NGramMax = 2, SublinearTf = true, EnglishStopWords = false });
        _jobText = _tfidf.Transform([.. jobs.Select(j => j.Text)]);

        _jobCity = [.. jobs.Select(j => Id(_cities, j.City + "|" + j.State))];
        _jobState = [.. jobs.Select(j => Id(_states, j.State))];
        var companyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _jobCompany = [.. jobs.Select(j => Id(companyIndex, j.Company))];
        var companyJobs = jobs.CountBy(j => j.Company, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var companyNames = new List<string> { "<viewed>", "<rare>" };
        if (Options.LastViewFields)
        {
            companyNames.Add("<last>");
        }

        companyNames.AddRange(companyJobs.Where(p => p.Value >= Options.MinCompanyJobs).Select(p => p.Key).Order(StringComparer.Ordinal));
        var companyIds = companyNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        _viewedCompanyId = 0;
        _lastCompanyId = Options.LastViewFields ? 2 : -1;
        _jobCompanyId = [.. jobs.Select(j => companyIds.GetValueOrDefault(j.Company, 1))];

        var positions = jobs.Select(j => j.Position.Trim().ToLowerInvariant()).ToList();
        var positionJobs = positions.CountBy(p => p, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var positionNames = Enumerable.Range(0, Options.PositionBuckets).Select(b => $"#{b}").ToList();
        positionNames.AddRange(positionJobs.Where(p => p.Value >= Options.MinPositionJobs).Select(p => p.Key).Order(StringComparer.Ordinal));
        var positionIds = positionNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        _jobPositionId = [.. positions.Select(p => positionIds.TryGetValue(p, out var id) ? id : (int)(Fnv1a(p) % (uint)Options.PositionBuckets))];

        var tokenCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var texts in _interests.Values)
        {
            foreach (var text in texts)
            {
                foreach (Match m in Token().Matches(text.ToLowerInvariant()))
                {
                    tokenCounts[m.Value] = tokenCounts.GetValueOrDefault(m.Value) + 1;
                }
            }
        }

        var skillNames = new List<string> { "<pad>" };
        skillNames.AddRange(tokenCounts.Where(p => p.Value >= Options.MinTokenCount).Select(p => p.Key).Order(StringComparer.Ordinal));
        _skillIds = skillNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);

        var bins = Enumerable.Range(0, Options.SimilarityBins + 1).Select(b => $"sim{b}");
        Vocabularies = new ConvFmVocabularies(bins, positionNames, skillNames, Options.LastViewFields ? PlacesWithLastView : Places, companyNames);
    }

    /// <summary>The options in use.</summary>
    public JobViewsFeatureOptions Options { get; }

    /// <summary>The five vocabularies a <see cref="ConvFmModel"/> over these features is built with.</summary>
    public ConvFmVocabularies Vocabularies { get; }

    /// <summary>The data the features were built from.</summary>
    public JobViewsData Data => _data;

    /// <summary>Catalog size.</summary>
    public int JobCount => _jobText.Length;

    /// <summary>Catalog indices of the distinct jobs <paramref name="user"/> viewed, in first-view order.</summary>
    public IReadOnlyList<int> Viewed(string user) => _viewed.TryGetValue(user, out var list) ? list : [];

    /// <summary>Catalog indices of every view of <paramref name="user"/> in time order (View.Start, then file order); repeats kept.</summary>
    public IReadOnlyList<int> Timeline(string user) => _timeline.TryGetValue(user, out var list) ? list : [];

    internal TfidfModel Tfidf => _tfidf;

    internal SparseVector JobText(int job) => _jobText[job];

    internal int JobCity(int job) => _jobCity[job];

    internal int JobState(int job) => _jobState[job];

    internal int JobCompany(int job) => _jobCompany[job];

    /// <summary>The user's own words: positions of interest, then work-history titles.</summary>
    internal IReadOnlyList<string> Interests(string user) => _interests.TryGetValue(user, out var list) ? list : [];

    /// <summary>
    /// The user as known from the data, leaving out the views of the jobs in <paramref name="exclude"/> (so that a training
    /// pair sees the user as a held-out pair will: without the job being predicted).
    /// </summary>
    public JobViewsUser Profile(string user, IReadOnlySet<int>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var seen = new HashSet<int>();
        HashSet<int> cities = [], states = [], companies = [], workCities = [], workStates = [];
        foreach (var j in Viewed(user))
        {
            if (exclude?.Contains(j) == true)
            {
                continue;
            }

            seen.Add(j);
            cities.Add(_jobCity[j]);
            states.Add(_jobState[j]);
            companies.Add(_jobCompany[j]);
        }

        if (_workPlaces.TryGetValue(user, out var places))
        {
            foreach (var (city, state) in places)
            {
                workCities.Add(city);
                workStates.Add(state);
            }
        }

        var lastJob = -1;
        var timeline = Timeline(user);
        for (var i = timeline.Count - 1; i >= 0 && lastJob < 0; i--)
        {
            if (seen.Contains(timeline[i]))
            {
                lastJob = timeline[i];
            }
        }

        var text = _tfidf.Transform(UserText(user, seen));
        return new JobViewsUser(text, Skills(user), seen, cities, states, companies, workCities, workStates, lastJob);
    }

    /// <summary>The ConvFM input of <paramref name="user"/> and catalog job <paramref name="job"/>.</summary>
    public ConvFmInput Input(JobViewsUser user, int job)
    {
        ArgumentNullException.ThrowIfNull(user);
        var similarity = user.Text.Dot(_jobText[job]);
        var bin = similarity <= 0 ? 0 : 1 + Math.Min(Options.SimilarityBins - 1, (int)(similarity * Options.SimilarityBins));
        var last = _lastCompanyId >= 0 ? user.LastJob : -1;
        var place = last >= 0 && _jobCity[last] == _jobCity[job] ? 6
            : user.Cities.Contains(_jobCity[job]) ? 0
            : last >= 0 && _jobState[last] == _jobState[job] ? 7
            : user.States.Contains(_jobState[job]) ? 1
            : user.WorkCities.Contains(_jobCity[job]) ? 2
            : user.WorkStates.Contains(_jobState[job]) ? 3
            : user.States.Count + user.WorkStates.Count > 0 ? 4 : 5;
        var company = last >= 0 && _jobCompany[last] == _jobCompany[job] ? _lastCompanyId
            : user.Companies.Contains(_jobCompany[job]) ? _viewedCompanyId : _jobCompanyId[job];
        return new ConvFmInput(bin, _jobPositionId[job], user.Skills, place, company);
    }

    /// <summary>
    /// The content score of <c>content_rec_anchor.py</c>: TF-IDF cosine, plus <paramref name="stateWeight"/> for a state and
    /// <paramref name="cityWeight"/> for a city of a viewed job.
    /// </summary>
    public double ContentScore(JobViewsUser user, int job, double stateWeight, double cityWeight)
    {
        ArgumentNullException.ThrowIfNull(user);
        double s = user.Text.Dot(_jobText[job]);
        if (user.States.Contains(_jobState[job]))
        {
            s += stateWeight;
        }

        if (user.Cities.Contains(_jobCity[job]))
        {
            s += cityWeight;
        }

        return s;
    }

    [GeneratedRegex("[a-z][a-z+#.]*")]
    private static partial Regex Token();

    private int[] Skills(string user)
    {
        var bag = new List<int>();
        if (_interests.TryGetValue(user, out var texts))
        {
            foreach (var text in texts)
            {
                foreach (Match m in Token().Matches(text.ToLowerInvariant()))
                {
                    if (bag.Count < Options.MaxSkills && _skillIds.TryGetValue(m.Value, out var id))
                    {
                        bag.Add(id);
                    }
                }
            }
        }

        return [.. bag];
    }

    private string UserText(string user, int skip) =>
        UserText(user, Viewed(user).Where(j => j != skip).ToHashSet());

    private string UserText(string user, HashSet<int> seen)
    {
        var parts = new List<string>(_interests.GetValueOrDefault(user) ?? []);

        // A job viewed several times counts once per view, as the anchor concatenates every view's text.
        foreach (var view in _views.GetValueOrDefault(user) ?? [])
        {
            if (seen.Contains(view))
            {
                parts.Add(_data.Jobs[view].Text);
            }
        }

        return string.Join(' ', parts);
    }

    private static void Append(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static int Id(Dictionary<string, int> map, string key)
    {
        if (!map.TryGetValue(key, out var id))
        {
            map[key] = id = map.Count;
        }

        return id;
    }

    private static uint Fnv1a(string s)
    {
        var h = 2166136261u;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }
}
