using Orleans;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Users;

namespace TalentFlow.Silo;

/// <summary>
/// Loads the synthetic sample jobs, candidates and users (profiles and interactions) once the silo is up (the embedded default's "loaded with sample data"),
/// so that the API and dashboard have something to show. Started after the silo's own hosted service, so grains can be called.
/// </summary>
internal sealed partial class SampleDataLoader(IGrainFactory grains, ILogger<SampleDataLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = SampleCorpus.Jobs();
        var candidates = SampleCorpus.Candidates();
        foreach (var job in jobs) await grains.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting, cancellationToken).ConfigureAwait(false);
        foreach (var candidate in candidates)
        {
            await grains.GetGrain<ICandidateGrain>(candidate.Id).UpsertResumeAsync(candidate.Resume, cancellationToken).ConfigureAwait(false);
        }
        foreach (var job in SampleUsers.Jobs()) await grains.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting, cancellationToken).ConfigureAwait(false);
        var users = SampleUsers.Users();
        foreach (var user in users)
        {
            var grain = grains.GetGrain<IUserGrain>(user.Id);
            await grain.SetProfileAsync(user.Profile, cancellationToken).ConfigureAwait(false);
            foreach (var interaction in user.Interactions) await grain.RecordInteractionAsync(interaction, cancellationToken).ConfigureAwait(false);
        }
        Loaded(logger, jobs.Count + SampleUsers.Jobs().Count, candidates.Count, users.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1001, LogLevel.Information, "Loaded sample data: {Jobs} jobs, {Candidates} candidates and {Users} users (SampleData:Load=false turns this off).")]
    private static partial void Loaded(ILogger logger, int jobs, int candidates, int users);
}
