using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Jobs;

namespace TalentFlow.Grains.Jobs;

/// <summary>A job's requirements and screening settings (the same grain as <see cref="IJobGrain"/>, keyed by job id).</summary>
[Alias("TalentFlow.Grains.IJobRequirementsGrain")]
public interface IJobRequirementsGrain : IGrainWithStringKey
{
    /// <summary>The job's requirements: proposed from the posting until a recruiter sets them.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    [ReadOnly]
    [Alias("GetRequirementsAsync")]
    Task<JobRequirements> GetRequirementsAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the job's requirements (acknowledged once durable); later screenings judge them.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    /// <exception cref="ArgumentException">An unknown kind, an empty or long text, a weight outside (0, 1], a bad or repeated id, or over 50 items.</exception>
    [Alias("SetRequirementsAsync")]
    Task<JobRequirements> SetRequirementsAsync(IReadOnlyList<JobRequirementInput> requirements, CancellationToken cancellationToken = default);

    /// <summary>How the job is screened.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    [ReadOnly]
    [Alias("GetSettingsAsync")]
    Task<JobSettings> GetSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes how the job is screened (acknowledged once durable); results screened earlier stay as they were.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    [Alias("SetSettingsAsync")]
    Task<JobSettings> SetSettingsAsync(JobSettings settings, CancellationToken cancellationToken = default);
}
