using System.Globalization;
using System.Text;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;
using TalentFlow.ML.Screening;

namespace TalentFlow.Grains.Samples;

/// <summary>A sample resume with the id it is loaded under.</summary>
/// <param name="Id">Candidate id.</param>
/// <param name="Resume">The resume.</param>
public sealed record SampleCandidate(string Id, CandidateResume Resume);

/// <summary>A sample job with the id it is loaded under.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Posting">The posting.</param>
public sealed record SampleJob(string Id, JobPosting Posting);

/// <summary>
/// Synthetic jobs and resumes (no real person's data; <see cref="SyntheticCorpus"/>'s roles), deterministic for a seed: the
/// embedded default loads them so that the dashboard and the API have something to show, and the baseline is fitted on them
/// until a trained model exists.
/// </summary>
public static class SampleCorpus
{
    private static readonly string[] Cities = ["Austin, TX", "Denver, CO", "Seattle, WA", "Boston, MA", "Chicago, IL", "Atlanta, GA"];

    /// <summary>One posting per role.</summary>
    public static IReadOnlyList<SampleJob> Jobs()
    {
        var roles = SyntheticCorpus.Roles;
        var companies = SyntheticCorpus.Companies;
        var jobs = new List<SampleJob>(roles.Count);
        for (int i = 0; i < roles.Count; i++)
        {
            var role = roles[i];
            var description = new StringBuilder()
                .Append(companies[i % companies.Count]).Append(" is hiring a ").Append(role.Title).Append(".\n")
                .Append("Responsibilities:\n");
            foreach (var duty in role.Duties) description.Append("- ").Append(char.ToUpperInvariant(duty[0])).Append(duty.AsSpan(1)).Append('\n');
            description.Append("Requirements:\n")
                .Append("- 3+ years of experience with ").Append(string.Join(", ", role.Skills[..5])).Append('\n')
                .Append("- ").Append(role.Degree).Append(" in ").Append(role.Field).Append(" or equivalent\n")
                .Append("Nice to have: ").Append(string.Join(", ", role.Skills[5..])).Append('\n');
            jobs.Add(new SampleJob(
                "sample-job-" + (i + 1).ToString(CultureInfo.InvariantCulture),
                new JobPosting(role.Title, description.ToString(), [.. role.Skills[..5]], Cities[i % Cities.Length], companies[i % companies.Count])));
        }
        return jobs;
    }

    /// <summary><paramref name="count"/> resumes across the roles, deterministic for <paramref name="seed"/>.</summary>
    public static IReadOnlyList<SampleCandidate> Candidates(int count = 48, int seed = 7) =>
        [.. SyntheticCorpus.Resumes(count, seed).Select((r, i) => new SampleCandidate(
            "sample-candidate-" + (i + 1).ToString(CultureInfo.InvariantCulture), new CandidateResume(r.Name, r.Text, "sample")))];

    /// <summary>Every sample text, for fitting the baseline before any training.</summary>
    public static IReadOnlyList<string> Texts() =>
        [.. Jobs().Select(j => j.Posting.Title + "\n" + j.Posting.Description), .. Candidates().Select(c => c.Resume.Text)];
}
