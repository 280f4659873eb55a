using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using TalentFlow.Contracts.Users;
using TalentFlow.Grains;
using TalentFlow.Grains.Recommendations;

namespace TalentFlow.Grains.Users;

/// <summary>
/// A job seeker: profile and interactions persisted; recommendations ranked over the job catalog's shards (scatter-gather, exact
/// top k) by the recommender this silo serves (<see cref="RecommendationModels"/>), with a reason per job.
/// </summary>
[GrainType("user")]
public sealed partial class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    RecommendationModels models,
    ILogger<UserGrain> logger,
    [FromKeyedServices(GrainClock.Key)] TimeProvider timeProvider) : Grain, IUserGrain
{
    /// <summary>Most recommendations one call returns.</summary>
    public const int MaxTop = 100;

    /// <inheritdoc />
    public async Task<UserProfile> SetProfileAsync(UserProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        if (profile.IsEmpty) throw new ArgumentException("The profile is empty: give positions_of_interest, past_titles, city or state.");
        var stored = new UserProfile(Clean(profile.PositionsOfInterest), Clean(profile.PastTitles), Trim(profile.City), Trim(profile.State));
        var previous = state.State.Profile;
        state.State.Profile = stored;
        await state.WriteOrRestoreAsync(() => state.State.Profile = previous, cancellationToken).ConfigureAwait(true);
        return stored;
    }

    /// <inheritdoc />
    public Task<UserProfile?> GetProfileAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Profile);

    /// <inheritdoc />
    public async Task<bool> RecordInteractionAsync(UserInteraction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        interaction.Validate();
        var list = state.State.Interactions;
        if (list.Exists(s => s.Interaction == interaction)) return false;
        var job = await GrainFactory.GetGrain<IJobCatalogGrain>(IJobCatalogGrain.Key).GetAsync(interaction.JobId, cancellationToken).ConfigureAwait(true)
            ?? throw new ArgumentException($"Job '{interaction.JobId}' is not in the job catalog.");
        // Another turn may have recorded the same interaction while this one awaited the catalog.
        if (list.Exists(s => s.Interaction == interaction)) return false;
        var stored = new StoredInteraction(interaction, job.Title, job.City, job.State, job.Company);
        int at = list.FindLastIndex(s => s.Interaction.At <= interaction.At) + 1;
        list.Insert(at, stored);
        StoredInteraction? dropped = null;
        if (list.Count > UserState.HistoryLimit)
        {
            dropped = list[0];
            list.RemoveAt(0);
        }
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            list.Remove(stored);
            if (dropped is not null) list.Insert(0, dropped);
            throw;
        }
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserInteraction>> GetInteractionsAsync(CancellationToken cancellationToken = default)
    {
        var list = state.State.Interactions;
        var result = new UserInteraction[list.Count];
        for (int i = 0; i < list.Count; i++) result[i] = list[list.Count - 1 - i].Interaction;
        return Task.FromResult<IReadOnlyList<UserInteraction>>(result);
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(Exists);

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobRecommendation>> RecommendAsync(int top, CancellationToken cancellationToken = default)
    {
        if (top is < 1 or > MaxTop) throw new ArgumentOutOfRangeException(nameof(top), top, $"top must be 1–{MaxTop}.");
        if (!Exists) throw new KeyNotFoundException($"User '{this.GetPrimaryKeyString()}' does not exist: set a profile or record an interaction first.");
        var profile = state.State.Profile;
        var interactions = state.State.Interactions;
        var started = timeProvider.GetTimestamp();
        var hits = await GrainFactory.GetGrain<IJobCatalogGrain>(IJobCatalogGrain.Key)
            .TopAsync(Query(profile, interactions), top, cancellationToken).ConfigureAwait(true);
        var reasons = new RecommendationReasons(models.Content, profile, interactions);
        var result = new JobRecommendation[hits.Count];
        for (int i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            result[i] = new JobRecommendation(hit.Job.JobId, hit.Job.Title, hit.Job.Location, hit.Job.Company, hit.Score, hit.Text, reasons.For(hit), hit.Model);
        }
        Recommended(logger, this.GetPrimaryKeyString(), result.Length, interactions.Count == 0, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private bool Exists => state.State.Profile is not null || state.State.Interactions.Count > 0;

    /// <summary>The user's side: their text (profile, then one title per interaction, as the evaluation counts views), places, seen jobs.</summary>
    private static CatalogQuery Query(UserProfile? profile, List<StoredInteraction> interactions)
    {
        var text = new List<string>();
        text.AddRange(profile?.PositionsOfInterest ?? []);
        text.AddRange(profile?.PastTitles ?? []);
        var places = new List<UserPlace>();
        if (profile is { } p && (!string.IsNullOrEmpty(p.City) || !string.IsNullOrEmpty(p.State))) places.Add(new UserPlace(p.City ?? "", p.State ?? ""));
        string interests = string.Join(' ', text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var viewed = new List<UserView>(interactions.Count);
        foreach (var stored in interactions)
        {
            text.Add(stored.Title);
            places.Add(new UserPlace(stored.City, stored.State));
            seen.Add(stored.Interaction.JobId);
            viewed.Add(new UserView(stored.Title, stored.City, stored.State, stored.Company));
        }
        return new CatalogQuery(string.Join(' ', text), [.. places.Distinct()], [.. seen], interests, viewed);
    }

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(2201, LogLevel.Debug, "Recommended {Count} jobs to user {User} (cold start: {Cold}) in {Milliseconds:F2} ms.")]
    private static partial void Recommended(ILogger logger, string user, int count, bool cold, double milliseconds);
}
