using System.Numerics.Tensors;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Requirements;
using TalentFlow.ML.Skills;

namespace TalentFlow.ML.Screening;

/// <summary>
/// The screening model's inputs for a (job, resume) pair, split into a job side (<see cref="PrepareJobAsync"/>) and a resume
/// side (<see cref="PrepareResumeAsync"/>), each computed once per document; <see cref="Combine"/> turns two sides into the
/// feature vector (order: <see cref="Names"/>) with a few sparse dot products and set look-ups.
/// <para>
/// Features: whole-text and per-section TF-IDF cosines (the job's sections fall back to its whole text, so a one-paragraph
/// posting still compares on each); title match (TF-IDF cosine of the job title and the resume's headline — its first line and
/// the titles of the positions held —, the share of the title's words the resume holds, and the share of the headline's words
/// the posting holds); the occupation-profile similarities at three SOC levels (<see cref="ScreeningVocabulary.Profile"/>), and
/// of the job's profile with the headline's (the role the resume claims) at two; skill coverage and overlap (the skills taxonomy); must-have and nice-to-have
/// coverage (share of each requirement's content words the resume holds, weighted); experience gap; education match; and,
/// with an encoder, the whole-text, title-to-headline and text-to-experience cosines.
/// </para>
/// Sides made by another <see cref="Version"/> (another vocabulary or encoder) are refused.
/// </summary>
public sealed class ScreeningFeatures
{
    /// <summary>Features every model has, in vector order.</summary>
    public static IReadOnlyList<string> BaseNames { get; } =
    [
        "text_tfidf", "skills_tfidf", "experience_tfidf", "education_tfidf", "title_tfidf", "title_coverage", "headline_coverage",
        "occupation_profile", "occupation_broad", "occupation_major", "headline_occupation", "headline_broad", "skill_coverage", "skill_overlap", "must_have_coverage", "nice_to_have_coverage", "experience_gap", "education_match",
    ];

    /// <summary>Features added when an encoder is given, after <see cref="BaseNames"/>.</summary>
    public static IReadOnlyList<string> EncoderNames { get; } = ["semantic_text", "semantic_title", "semantic_experience"];

    private static readonly SectionKind[] Sections = [SectionKind.Skills, SectionKind.Experience, SectionKind.Education];
    private readonly IEncoder? _encoder;
    private readonly ResumeParser _resumes;
    private readonly JobParser _jobs;
    private readonly RequirementProposer _proposer;
    private readonly SkillVocabulary _skills;
    private readonly int[] _normalised;
    private readonly Lock _poolGate = new();
    private Task<ScreeningResumeSide[]>? _pool;

    /// <summary>
    /// Features in <paramref name="vocabulary"/>'s text space; with <paramref name="encoder"/>, also its cosines; with
    /// <paramref name="background"/>, the similarity features z-normalised per job against that pool.
    /// </summary>
    public ScreeningFeatures(ScreeningVocabulary vocabulary, IEncoder? encoder = null, ResumeParser? resumes = null, JobParser? jobs = null, SkillVocabulary? skills = null,
        ScreeningBackground? background = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Vocabulary = vocabulary;
        _encoder = encoder;
        _skills = skills ?? SkillVocabulary.Default;
        _resumes = resumes ?? new ResumeParser(_skills);
        _jobs = jobs ?? new JobParser(_skills);
        _proposer = new RequirementProposer(_jobs);
        Names = encoder is null ? BaseNames : [.. BaseNames, .. EncoderNames];
        Background = background;
        _normalised = background is null ? [] : [.. Enumerable.Range(0, Names.Count).Where(k => background.Features.Contains(Names[k], StringComparer.Ordinal))];
        if (background?.Centroid is { } centroid && encoder is not null && (centroid.Embeddings.Length != 3 || centroid.Embeddings[0].Length != encoder.Dimension))
        {
            throw new ArgumentException("The background centroid carries no embeddings of this encoder.", nameof(background));
        }
        Version = $"screening-features/1:{vocabulary.Fingerprint}:{encoder?.VersionId ?? "none"}" + (background is null ? "" : ":znorm-" + background.Fingerprint);
    }

    /// <summary>The background pool the similarity features are normalised against per job; null for raw features.</summary>
    public ScreeningBackground? Background { get; }

    /// <summary>The text space.</summary>
    public ScreeningVocabulary Vocabulary { get; }

    /// <summary>The encoder's version, or null without one.</summary>
    public string? EncoderVersion => _encoder?.VersionId;

    /// <summary>Feature names, in vector order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Identifies the vocabulary and encoder: sides are combined only with sides of the same version.</summary>
    public string Version { get; }

    /// <summary>The job's half of the features.</summary>
    public async Task<ScreeningJobSide> PrepareJobAsync(ScreeningJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(job.Description);
        string title = job.Title ?? string.Empty;
        string text = title.Length == 0 ? job.Description : title + "\n" + job.Description;
        var parsed = _jobs.Parse(job.Description);
                var textVector = Vocabulary.Vectorize(text);
        var sections = SectionParser.Parse(job.Description);
        var sectionVectors = Sections.Select(s => sections.TryGetValue(s, out var t) && t.Trim().Length > 0 ? Vocabulary.Vectorize(t) : textVector).ToArray();
        string titleText = title.Length > 0 ? title : parsed.Title ?? string.Empty;
        var required = job.RequiredSkills is { Count: > 0 } given
            ? given.Select(s => _skills.Canonicalize(s) ?? s).Distinct(StringComparer.OrdinalIgnoreCase).ToArray()
            : parsed.RequiredSkills.Count > 0 ? [.. parsed.RequiredSkills] : [.. _skills.Find(text)];
        var requirements = (job.Requirements ?? _proposer.Propose(job.Description))
            .Select(r => new ScreeningRequirement(r.Kind, r.Weight, ScreeningTerms.Of(r.Text, dropFiller: true)))
            .Where(r => r.Terms.Length > 0)
            .ToArray();
        float[][] embeddings = [];
        if (_encoder is not null)
        {
            embeddings = await _encoder.EmbedAsync([text, titleText.Length > 0 ? titleText : text], cancellationToken).ConfigureAwait(false);
        }
        var side = new ScreeningJobSide(Version, textVector, sectionVectors[0], sectionVectors[1], sectionVectors[2], Vocabulary.Vectorize(titleText),
            ScreeningTerms.Of(titleText, dropFiller: true), Vocabulary.Profile(textVector), ScreeningTerms.Of(text), required, requirements,
            parsed.MinYearsExperience, DegreeLevels.Of(parsed.EducationRequirement), embeddings);
        return Background switch
        {
            null => side,
            { Centroid: { } centroid } => side with { Norm = Normalisation(side, [centroid]) },
            _ => side with { Norm = Normalisation(side, await PoolAsync(cancellationToken).ConfigureAwait(false)) },
        };
    }

    /// <summary>The job's mean and deviation of each normalised feature over the pool (population deviation, floored).</summary>
    private ScreeningJobNorm Normalisation(ScreeningJobSide job, ScreeningResumeSide[] pool)
    {
        var means = new float[Names.Count];
        var scales = new float[Names.Count];
        Array.Fill(scales, 1f);
        var raw = pool.Select(r => CombineRaw(job, r)).ToArray();
        foreach (int k in _normalised)
        {
            double mean = 0, squares = 0;
            foreach (var x in raw) mean += x[k];
            mean /= raw.Length;
            foreach (var x in raw) squares += (x[k] - mean) * (x[k] - mean);
            means[k] = (float)mean;
            scales[k] = (float)Math.Max(Math.Sqrt(squares / raw.Length), Background!.MinScale);
        }
        return new ScreeningJobNorm(means, scales);
    }

    /// <summary>
    /// The pool's resume sides, prepared once (on the first job) and shared; a caller's cancellation stops its wait, not the
    /// preparation other callers share; a failed preparation is retried by the next caller.
    /// </summary>
    private Task<ScreeningResumeSide[]> PoolAsync(CancellationToken cancellationToken)
    {
        Task<ScreeningResumeSide[]> task;
        lock (_poolGate)
        {
            if (_pool is null || _pool.IsFaulted || _pool.IsCanceled) _pool = PreparePoolAsync();
            task = _pool;
        }
        return task.WaitAsync(cancellationToken);
    }

    private async Task<ScreeningResumeSide[]> PreparePoolAsync()
    {
        var texts = Background!.Resumes;
        var sides = new ScreeningResumeSide[texts.Count];
        for (int i = 0; i < texts.Count; i++) sides[i] = await PrepareResumeAsync(texts[i], CancellationToken.None).ConfigureAwait(false);
        return sides;
    }

    /// <summary>The resume's half of the features.</summary>
    public async Task<ScreeningResumeSide> PrepareResumeAsync(string resume, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resume);
        var parsed = _resumes.Parse(resume);
                var textVector = Vocabulary.Vectorize(resume);
        var sectionTexts = Sections.Select(s => parsed.Sections.TryGetValue(s, out var t) && t.Trim().Length > 0 ? t : null).ToArray();
        var sectionVectors = sectionTexts.Select(t => t is null ? textVector : Vocabulary.Vectorize(t)).ToArray();
        string firstLine = resume.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        if (firstLine.Length > 120) firstLine = firstLine[..120];
        string headline = string.Join("\n", new[] { firstLine }.Concat(parsed.WorkExperience.Select(w => w.Title).OfType<string>().Take(5)));
        int degree = -1;
        foreach (var item in parsed.Education) degree = Math.Max(degree, DegreeLevels.Of(item.Degree));
        float[][] embeddings = [];
        if (_encoder is not null)
        {
            embeddings = await _encoder.EmbedAsync([resume, headline.Length > 0 ? headline : resume, sectionTexts[1] ?? resume], cancellationToken).ConfigureAwait(false);
        }
        var headlineVector = Vocabulary.Vectorize(headline);
        return new ScreeningResumeSide(Version, textVector, sectionVectors[0], sectionVectors[1], sectionVectors[2], headlineVector,
            ScreeningTerms.Of(headline, dropFiller: true), Vocabulary.Profile(headlineVector), ScreeningTerms.Of(resume), Vocabulary.Profile(textVector), [.. _skills.Find(resume)],
            parsed.WorkExperience.Any(w => w.Start is not null) ? parsed.TotalYearsOfExperience : null, degree, embeddings);
    }

    /// <summary>Features of one pair from its two sides (order: <see cref="Names"/>).</summary>
    /// <exception cref="ArgumentException">A side was made by another <see cref="Version"/>.</exception>
    public float[] Combine(ScreeningJobSide job, ScreeningResumeSide resume)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(resume);
        if (job.FeatureVersion != Version || resume.FeatureVersion != Version)
        {
            throw new ArgumentException($"Sides of features {job.FeatureVersion} and {resume.FeatureVersion} cannot be combined by {Version}.");
        }
        var x = CombineRaw(job, resume);
        if (Background is not null)
        {
            var norm = job.Norm ?? throw new ArgumentException("The job side carries no background statistics.", nameof(job));
            foreach (int k in _normalised) x[k] = (x[k] - norm.Means[k]) / norm.Scales[k];
        }
        return x;
    }

    private float[] CombineRaw(ScreeningJobSide job, ScreeningResumeSide resume)
    {
        var x = new float[Names.Count];
        x[0] = job.Text.Dot(resume.Text);
        x[1] = job.Skills.Dot(resume.Skills);
        x[2] = job.Experience.Dot(resume.Experience);
        x[3] = job.Education.Dot(resume.Education);
        x[4] = job.Title.Dot(resume.Headline);
        x[5] = (float)ScreeningTerms.Coverage(job.TitleTerms, resume.Terms);
        x[6] = (float)ScreeningTerms.Coverage(resume.HeadlineTerms, job.Words);
        x[7] = job.Occupations.Occupations.Dot(resume.Occupations.Occupations);
        x[8] = job.Occupations.Broad.Dot(resume.Occupations.Broad);
        x[9] = job.Occupations.Major.Dot(resume.Occupations.Major);
        x[10] = job.Occupations.Occupations.Dot(resume.HeadlineOccupations.Occupations);
        x[11] = job.Occupations.Broad.Dot(resume.HeadlineOccupations.Broad);
        var have = new HashSet<string>(resume.SkillNames, StringComparer.OrdinalIgnoreCase);
        int matched = job.RequiredSkills.Count(have.Contains);
        x[12] = job.RequiredSkills.Length == 0 ? 0 : matched / (float)job.RequiredSkills.Length;
        x[13] = job.RequiredSkills.Length == 0 || have.Count == 0 ? 0 : (float)(matched / Math.Sqrt(job.RequiredSkills.Length * (double)have.Count));
        x[14] = (float)RequirementCoverage(job.Requirements, RequirementKind.MustHave, resume.Terms);
        x[15] = (float)RequirementCoverage(job.Requirements, RequirementKind.NiceToHave, resume.Terms);
        x[16] = job.MinYears is { } years ? (float)Math.Clamp((years - (resume.Years ?? 0)) / 10.0, 0, 1) : 0f;
        x[17] = job.DegreeLevel < 0 || resume.DegreeLevel < 0 ? 0.5f : resume.DegreeLevel >= job.DegreeLevel ? 1f : 0f;
        if (_encoder is not null)
        {
            if (job.Embeddings.Length != 2 || resume.Embeddings.Length != 3) throw new ArgumentException("The sides carry no embeddings of this encoder.");
            int e = BaseNames.Count;
            x[e] = TensorPrimitives.Dot(job.Embeddings[0], resume.Embeddings[0]);
            x[e + 1] = TensorPrimitives.Dot(job.Embeddings[1], resume.Embeddings[1]);
            x[e + 2] = TensorPrimitives.Dot(job.Embeddings[0], resume.Embeddings[2]);
        }
        return x;
    }

    /// <summary>Features of one pair from its texts (prepares both sides; prefer caching sides when a document recurs).</summary>
    public async Task<float[]> ExtractAsync(ScreeningJob job, string resume, CancellationToken cancellationToken = default)
    {
        var jobSide = await PrepareJobAsync(job, cancellationToken).ConfigureAwait(false);
        var resumeSide = await PrepareResumeAsync(resume, cancellationToken).ConfigureAwait(false);
        return Combine(jobSide, resumeSide);
    }

    /// <summary>The matched and missing required skills of a pair, for the explanation.</summary>
    public static (IReadOnlyList<string> Matched, IReadOnlyList<string> Missing) Skills(ScreeningJobSide job, ScreeningResumeSide resume)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(resume);
        var have = new HashSet<string>(resume.SkillNames, StringComparer.OrdinalIgnoreCase);
        return ([.. job.RequiredSkills.Where(have.Contains)], [.. job.RequiredSkills.Where(s => !have.Contains(s))]);
    }

    private static double RequirementCoverage(ScreeningRequirement[] requirements, RequirementKind kind, int[] held)
    {
        double total = 0, shown = 0;
        foreach (var r in requirements)
        {
            if (r.Kind != kind) continue;
            total += r.Weight;
            shown += r.Weight * ScreeningTerms.Coverage(r.Terms, held);
        }
        return total > 0 ? shown / total : 0;
    }
}
