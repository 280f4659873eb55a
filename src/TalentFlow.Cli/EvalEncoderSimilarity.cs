using System.Numerics.Tensors;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Matching;

namespace TalentFlow.Cli;

/// <summary>
/// Resume ↔ job similarity in a sentence encoder's space for <c>eval vacancies</c> and <c>eval match</c>: the cosine of
/// the whole texts, or seed 000's section-wise score (skills, experience, education split as <see cref="BaselineMatcher"/>
/// splits them, a missing section read as the whole text) with its weights 0.4 / 0.4 / 0.2. Every text is embedded once,
/// in one batch. LSA is fitted on <c>fitTexts</c> (what TF-IDF is fitted on in the same command); MiniLM is used as it is.
/// </summary>
internal sealed class EvalEncoderSimilarity : IDisposable
{
    private readonly IEncoder _encoder;
    private readonly bool _sections;
    private readonly BaselineMatcherOptions _weights = new();
    private readonly Dictionary<string, float[][]> _embedded = new(StringComparer.Ordinal);

    private EvalEncoderSimilarity(IEncoder encoder, bool sections) => (_encoder, _sections) = (encoder, sections);

    public string VersionId => _encoder.VersionId;

    public static EvalEncoderSimilarity Open(CliContext context, string encoder, bool sections, IReadOnlyList<string> fitTexts, string? miniLmModel, int maxWindows,
        string? cache, int seed = 0)
    {
        IEncoder opened = encoder switch
        {
            "minilm" => context.Progress.Run("Loading MiniLM", _ => EncoderOptions.OpenMiniLm(context, miniLmModel, maxWindows, cache)),
            "lsa" => context.Progress.Run("Fitting LSA", _ => TalentFlow.ML.Semantic.EmbeddedEncoder.Fit(
                sections ? [.. fitTexts.SelectMany(BaselineMatcher.SectionTexts)] : fitTexts, TalentFlow.ML.Semantic.EmbeddedEncoderKind.Lsa, seed)),
            _ => throw new CliException($"--encoder {encoder} has no embedding space"),
        };
        return new EvalEncoderSimilarity(opened, sections);
    }

    /// <summary>Embeds every text (its sections, with <c>--model sections</c>) in one batch.</summary>
    public void Prepare(IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        var todo = texts.Where(t => !_embedded.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        var parts = todo.Select(t => _sections ? BaselineMatcher.SectionTexts(t) : [t]).ToList();
        var vectors = EncoderOptions.Embed(_encoder, [.. parts.SelectMany(p => p)], cancellationToken);
        var at = 0;
        for (var i = 0; i < todo.Count; i++)
        {
            _embedded[todo[i]] = vectors[at..(at + parts[i].Length)];
            at += parts[i].Length;
        }
    }

    /// <summary>Cosine (whole text) or the 0.4 / 0.4 / 0.2 section score of two prepared texts.</summary>
    public double Score(string resume, string job)
    {
        var a = _embedded[resume];
        var b = _embedded[job];
        if (!_sections) return TensorPrimitives.Dot(a[0], b[0]);
        return (_weights.SkillsWeight * TensorPrimitives.Dot(a[0], b[0])) + (_weights.ExperienceWeight * TensorPrimitives.Dot(a[1], b[1]))
            + (_weights.EducationWeight * TensorPrimitives.Dot(a[2], b[2]));
    }

    public void Dispose() => (_encoder as IDisposable)?.Dispose();
}
