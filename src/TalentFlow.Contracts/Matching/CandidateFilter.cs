
namespace TalentFlow.Contracts.Matching;

/// <summary>
/// Conditions a candidate must meet to be ranked for a job. Applied inside every shard before its top k is taken, so a
/// filtered ranking is still the exact best of the candidates that pass.
/// </summary>
/// <param name="RequiredSkills">Skills every returned candidate's profile names (canonical names, case-insensitive); null or empty: any.</param>
/// <param name="MinYearsExperience">Least total years of experience; null: any.</param>
/// <param name="MinScore">Least cosine similarity with the job, in [-1, 1]; null: any.</param>
public sealed record CandidateFilter(
    IReadOnlyList<string>? RequiredSkills = null,
    double? MinYearsExperience = null,
    double? MinScore = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> when a bound is out of range.</summary>
    public void Validate()
    {
        if (MinYearsExperience is { } years && (!double.IsFinite(years) || years < 0 || years > 80))
        {
            throw new ArgumentException("min_years must be 0–80.");
        }
        if (MinScore is { } score && (!double.IsFinite(score) || score < -1 || score > 1))
        {
            throw new ArgumentException("min_score must be between -1 and 1.");
        }
        if (RequiredSkills is { } skills)
        {
            if (skills.Count > 50) throw new ArgumentException("At most 50 required skills.");
            foreach (var skill in skills)
            {
                if (string.IsNullOrWhiteSpace(skill) || skill.Length > 100) throw new ArgumentException("A required skill is empty or over 100 characters.");
            }
        }
    }

    /// <summary>True when nothing is filtered.</summary>
    public bool IsEmpty => RequiredSkills is not { Count: > 0 } && MinYearsExperience is null && MinScore is null;
}
