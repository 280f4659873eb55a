using System.Numerics.Tensors;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Parsing;

namespace TalentFlow.ML.Scoring;

/// <summary>
/// The custom scorer's inputs for one (resume, job) pair: per-section TF-IDF cosines (the baseline's), per-section and
/// whole-text semantic cosines (the encoder's), skill coverage, experience gap and education match.
/// </summary>
public sealed class MatchFeatureExtractor(BaselineMatcher matcher, IEncoder encoder, ResumeParser? resumes = null, JobParser? jobs = null)
{
    /// <summary>Feature names, in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "tfidf_skills", "tfidf_experience", "tfidf_education",
        "semantic_skills", "semantic_experience", "semantic_education", "semantic_text",
        "skill_coverage", "experience_gap", "education_match",
    ];

    private static readonly SectionKind[] Sections = [SectionKind.Skills, SectionKind.Experience, SectionKind.Education];
    private static readonly string[] DegreeLevels = ["associate", "bachelor", "master", "phd"];
    private readonly ResumeParser _resumes = resumes ?? new ResumeParser();
    private readonly JobParser _jobs = jobs ?? new JobParser();

    /// <summary>Features of every pair (batched through the encoder).</summary>
    public async Task<float[][]> ExtractAsync(IReadOnlyList<(string Resume, string Job)> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var result = new float[pairs.Count][];
        for (int i = 0; i < pairs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result[i] = await ExtractAsync(pairs[i].Resume, pairs[i].Job, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>Features of one pair.</summary>
    public async Task<float[]> ExtractAsync(string resume, string job, CancellationToken cancellationToken = default)
    {
        var match = matcher.Score(resume, job);
        var parsedResume = _resumes.Parse(resume);
        var parsedJob = _jobs.Parse(job);
        // One batch: the three section texts and the whole text of each side (a missing section falls back to the whole text).
        var texts = new List<string>(8);
        foreach (var section in Sections) texts.Add(parsedResume.Sections.GetValueOrDefault(section) ?? resume);
        texts.Add(resume);
        foreach (var section in Sections) texts.Add(SectionOf(job, section));
        texts.Add(job);
        var e = await encoder.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);

        int required = match.MatchedSkills.Count + match.MissingSkills.Count;
        double gap = parsedJob.MinYearsExperience is { } years ? Math.Clamp((years - parsedResume.TotalYearsOfExperience) / 10.0, 0, 1) : 0;
        return
        [
            (float)match.SectionScores["skills"], (float)match.SectionScores["experience"], (float)match.SectionScores["education"],
            TensorPrimitives.Dot(e[0], e[4]), TensorPrimitives.Dot(e[1], e[5]), TensorPrimitives.Dot(e[2], e[6]), TensorPrimitives.Dot(e[3], e[7]),
            required == 0 ? 1f : match.MatchedSkills.Count / (float)required,
            (float)gap,
            EducationMatch(parsedResume, parsedJob),
        ];
    }

    private static string SectionOf(string job, SectionKind section) =>
        SectionParser.Parse(job).GetValueOrDefault(section) ?? job;

    /// <summary>1 when the resume's highest degree reaches the job's, 0 when below, 0.5 when either is unknown.</summary>
    private static float EducationMatch(ParsedResume resume, ParsedJob job)
    {
        int wanted = Level(job.EducationRequirement);
        int held = -1;
        foreach (var item in resume.Education) held = Math.Max(held, Level(item.Degree));
        if (wanted < 0 || held < 0) return 0.5f;
        return held >= wanted ? 1f : 0f;
    }

    private static int Level(string? degree)
    {
        if (string.IsNullOrEmpty(degree)) return -1;
        string d = degree.ToLowerInvariant();
        if (d.Contains("phd", StringComparison.Ordinal) || d.Contains("doctor", StringComparison.Ordinal)) return 3;
        if (d.Contains("master", StringComparison.Ordinal) || d.StartsWith("ms", StringComparison.Ordinal) || d.Contains("mba", StringComparison.Ordinal)) return 2;
        if (d.Contains("bachelor", StringComparison.Ordinal) || d.StartsWith("b", StringComparison.Ordinal)) return 1;
        if (d.Contains("associate", StringComparison.Ordinal)) return 0;
        return Array.IndexOf(DegreeLevels, d);
    }
}
