using System.Globalization;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;
using TalentFlow.ML.Parsing;

namespace TalentFlow.Grains;

/// <summary>Turns the ML library's parse results into the records clients see.</summary>
internal static class ProfileMapping
{
    public static CandidateProfile ToProfile(string id, string name, string text, ParsedResume parsed, DateTimeOffset now) => new(
        id,
        name,
        [.. parsed.Skills.OrderByDescending(s => s.Confidence).Select(s => s.Skill)],
        Math.Round(parsed.TotalYearsOfExperience, 1),
        [.. parsed.Sections.Keys.Select(k => k.ToString().ToLowerInvariant())],
        [.. parsed.WorkExperience.Select(w => new Contracts.Candidates.WorkExperienceItem(w.Title, w.Company, Month(w.Start), Month(w.End), w.Confidence))],
        [.. parsed.Education.Select(e => new Contracts.Candidates.EducationItem(e.Institution, e.Degree, e.FieldOfStudy, e.Confidence))],
        text.Length,
        now,
        parsed.FieldConfidence);

    public static JobProfile ToProfile(string id, JobPosting posting, ParsedJob parsed, IReadOnlyList<string> required, DateTimeOffset now) => new(
        id,
        posting.Title.Trim(),
        required,
        [.. parsed.PreferredSkills.Where(p => !required.Contains(p, StringComparer.OrdinalIgnoreCase))],
        parsed.ExperienceLevel == ExperienceLevel.Unspecified ? null : parsed.ExperienceLevel.ToString().ToLowerInvariant(),
        parsed.MinYearsExperience,
        parsed.EducationRequirement,
        string.IsNullOrWhiteSpace(posting.Location) ? null : posting.Location.Trim(),
        string.IsNullOrWhiteSpace(posting.Company) ? null : posting.Company.Trim(),
        now);

    private static string? Month(DateOnly? date) => date?.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
