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
        var resumeSide = await PrepareResumeAsync(resume, cancellationToken).ConfigureAwait(false);
        var jobSide = await PrepareJobAsync(job, cancellationToken).ConfigureAwait(false);
        return Combine(match, resumeSide, jobSide);
    }

    /// <summary>
    /// The resume's half of the features (section and whole-text embeddings, years, degree), computed once and kept by the
    /// candidate so that scoring it against any job only combines two halves.
    /// </summary>
    public async Task<ScorerSide> PrepareResumeAsync(string resume, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resume);
        var parsed = _resumes.Parse(resume);
        // A missing section falls back to the whole text.
        var texts = new List<string>(4);
        foreach (var section in Sections) texts.Add(parsed.Sections.GetValueOrDefault(section) ?? resume);
        texts.Add(resume);
        var e = await encoder.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        int held = -1;
        foreach (var item in parsed.Education) held = Math.Max(held, Level(item.Degree));
        return new ScorerSide(encoder.VersionId, e, parsed.TotalYearsOfExperience, held);
    }

    /// <summary>The job's half of the features (section and whole-text embeddings, years asked, degree asked).</summary>
    public async Task<ScorerSide> PrepareJobAsync(string job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var parsed = _jobs.Parse(job);
        var texts = new List<string>(4);
        foreach (var section in Sections) texts.Add(SectionOf(job, section));
        texts.Add(job);
        var e = await encoder.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        return new ScorerSide(encoder.VersionId, e, parsed.MinYearsExperience, Level(parsed.EducationRequirement));
    }

    /// <summary>The feature vector (order: <see cref="Names"/>) from the baseline's result and the two prepared halves.</summary>
    public static float[] Combine(MatchResult match, ScorerSide resume, ScorerSide job)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(resume);
        ArgumentNullException.ThrowIfNull(job);
        if (resume.EncoderVersion != job.EncoderVersion)
        {
            throw new ArgumentException($"The halves come from two encoders ({resume.EncoderVersion}, {job.EncoderVersion}).");
        }
        var r = resume.Embeddings;
        var j = job.Embeddings;
        int required = match.MatchedSkills.Count + match.MissingSkills.Count;
        double gap = job.Years is { } years ? Math.Clamp((years - (resume.Years ?? 0)) / 10.0, 0, 1) : 0;
        // 1 when the resume's highest degree reaches the job's, 0 when below, 0.5 when either is unknown.
        float education = job.DegreeLevel < 0 || resume.DegreeLevel < 0 ? 0.5f : resume.DegreeLevel >= job.DegreeLevel ? 1f : 0f;
        return
        [
            (float)match.SectionScores["skills"], (float)match.SectionScores["experience"], (float)match.SectionScores["education"],
            TensorPrimitives.Dot(r[0], j[0]), TensorPrimitives.Dot(r[1], j[1]), TensorPrimitives.Dot(r[2], j[2]), TensorPrimitives.Dot(r[3], j[3]),
            required == 0 ? 1f : match.MatchedSkills.Count / (float)required,
            (float)gap,
            education,
        ];
    }

    private static string SectionOf(string job, SectionKind section) =>
        SectionParser.Parse(job).GetValueOrDefault(section) ?? job;

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

/// <summary>One side of a (resume, job) pair, prepared for <see cref="MatchFeatureExtractor.Combine"/>.</summary>
/// <param name="EncoderVersion">The encoder that made <paramref name="Embeddings"/>.</param>
/// <param name="Embeddings">Skills, experience, education section and whole-text embeddings, in that order.</param>
/// <param name="Years">Resume: years held; job: least years asked; null when not stated.</param>
/// <param name="DegreeLevel">Highest degree held or asked: 0 associate, 1 bachelor, 2 master, 3 PhD; −1 unknown.</param>
public sealed record ScorerSide(string EncoderVersion, float[][] Embeddings, double? Years, int DegreeLevel);
