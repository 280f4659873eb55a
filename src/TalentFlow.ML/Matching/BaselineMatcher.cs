using TalentFlow.ML.Artifacts;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Skills;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Matching;

/// <summary>
/// Seed 000's baseline: one TF-IDF vectorizer per section (skills, experience, education), score = weighted cosine of the
/// resume's and the job's section vectors. A document without a given section uses its whole text for that section, so
/// unstructured resumes and job ads still compare on every section instead of scoring zero there.
/// </summary>
public sealed class BaselineMatcher
{
    private static readonly SectionKind[] Scored = [SectionKind.Skills, SectionKind.Experience, SectionKind.Education];

    private readonly TfidfModel[] _models;
    private readonly SkillVocabulary _skills;

    private BaselineMatcher(BaselineMatcherOptions options, TfidfModel[] models, SkillVocabulary skills)
    {
        Options = options;
        _models = models;
        _skills = skills;
    }

    /// <summary>The weights and thresholds in use.</summary>
    public BaselineMatcherOptions Options { get; }

    /// <summary>Vocabulary size per section.</summary>
    public IReadOnlyDictionary<string, int> FeatureCounts =>
        Scored.Select((s, i) => (s, i)).ToDictionary(p => Name(p.s), p => _models[p.i].Terms.Count);

    /// <summary>Fits the section vectorizers on training texts (resumes and jobs together).</summary>
    public static BaselineMatcher Fit(IReadOnlyList<string> documents, BaselineMatcherOptions? options = null, SkillVocabulary? skills = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new BaselineMatcherOptions();
        var sections = new string[Scored.Length][];
        for (var s = 0; s < Scored.Length; s++)
        {
            sections[s] = new string[documents.Count];
        }

        Parallel.For(0, documents.Count, d =>
        {
            var texts = SectionTexts(documents[d] ?? string.Empty);
            for (var s = 0; s < Scored.Length; s++)
            {
                sections[s][d] = texts[s];
            }
        });

        var models = sections.Select(texts => TfidfVectorizer.Fit(texts, options.Tfidf)).ToArray();
        return new BaselineMatcher(options, models, skills ?? SkillVocabulary.Default);
    }

    /// <summary>Vectorizes a document's sections and finds its skills.</summary>
    public PreparedDocument Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var texts = SectionTexts(text);
        return new PreparedDocument(_models[0].Transform(texts[0]), _models[1].Transform(texts[1]), _models[2].Transform(texts[2]), _skills.Find(text));
    }

    /// <summary>Scores a resume against a job; <paramref name="requiredSkills"/> defaults to the skills named in the job text.</summary>
    public MatchResult Score(string resume, string job, IReadOnlyList<string>? requiredSkills = null) =>
        Score(Prepare(resume), Prepare(job), requiredSkills);

    /// <summary>Scores prepared documents.</summary>
    public MatchResult Score(PreparedDocument resume, PreparedDocument job, IReadOnlyList<string>? requiredSkills = null)
    {
        ArgumentNullException.ThrowIfNull(resume);
        ArgumentNullException.ThrowIfNull(job);
        // Rows are l2-normalized, so the dot product is the cosine.
        double skills = resume.Skills.Dot(job.Skills), experience = resume.Experience.Dot(job.Experience), education = resume.Education.Dot(job.Education);
        var raw = Options.SkillsWeight * skills + Options.ExperienceWeight * experience + Options.EducationWeight * education;
        var score = Math.Clamp(raw, Options.MinScore, Options.MaxScore);

        var required = requiredSkills?.Select(s => _skills.Canonicalize(s) ?? s).Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            ?? [.. job.SkillNames];
        var have = new HashSet<string>(resume.SkillNames, StringComparer.OrdinalIgnoreCase);
        return new MatchResult(
            score,
            raw,
            score >= Options.ShortlistThreshold ? "SHORTLIST" : "REJECT",
            new Dictionary<string, double> { ["skills"] = skills, ["experience"] = experience, ["education"] = education },
            required.Where(have.Contains).ToList(),
            required.Where(s => !have.Contains(s)).ToList());
    }

    internal static string[] SectionTexts(string text)
    {
        var sections = SectionParser.Parse(text);
        return Scored.Select(kind => sections.TryGetValue(kind, out var t) && t.Length > 0 ? t : text).ToArray();
    }

    private static string Name(SectionKind kind) => kind.ToString().ToLowerInvariant();

    private const string Format = "talentflow.baseline-matcher/1";

    /// <summary>Writes weights, thresholds and the three section vectorizers.</summary>
    public void Save(Stream stream) => ModelArtifact.Write(stream, new BaselineMatcherArtifact(Format, Options.SkillsWeight, Options.ExperienceWeight,
        Options.EducationWeight, Options.MinScore, Options.MaxScore, Options.ShortlistThreshold,
        Scored.Select((s, i) => (s, i)).ToDictionary(p => Name(p.s), p => _models[p.i].ToArtifact(), StringComparer.Ordinal)),
        MatchingArtifactJson.Default.BaselineMatcherArtifact);

    /// <summary>Reads a matcher written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static BaselineMatcher Load(Stream stream, SkillVocabulary? skills = null)
    {
        var a = ModelArtifact.Read(stream, MatchingArtifactJson.Default.BaselineMatcherArtifact, Format);
        try
        {
            var options = new BaselineMatcherOptions
            {
                SkillsWeight = a.SkillsWeight, ExperienceWeight = a.ExperienceWeight, EducationWeight = a.EducationWeight,
                MinScore = a.MinScoreThreshold, MaxScore = a.MaxScoreThreshold, ShortlistThreshold = a.ShortlistThreshold,
            };
            var models = Scored.Select(s => a.Vectorizers.TryGetValue(Name(s), out var v) ? v.ToModel() : throw new InvalidDataException($"No '{Name(s)}' vectorizer.")).ToArray();
            return new BaselineMatcher(options with { Tfidf = models[0].Options }, models, skills ?? SkillVocabulary.Default);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Not a valid baseline matcher model: {e.Message}", e);
        }
    }
}
