using System.Numerics.Tensors;
using TalentFlow.ML.Encoders;

namespace TalentFlow.ML.Onnx.Sections;

/// <summary>
/// Section-wise embedding and scoring (seed 000): skills, experience and education embedded separately with any
/// <see cref="IEncoder"/> (one batch for the three), compared section by section, weighted 0.4 / 0.4 / 0.2.
/// </summary>
public static class SectionEmbedder
{
    /// <summary>Embeds the non-blank sections of <paramref name="sections"/> in one call to <paramref name="encoder"/>.</summary>
    public static async Task<SectionEmbeddings> EmbedAsync(IEncoder encoder, ResumeSections sections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(sections);
        string?[] texts = [sections.Skills, sections.Experience, sections.Education];
        var present = texts.Select((t, i) => (t, i)).Where(x => !string.IsNullOrWhiteSpace(x.t)).ToArray();
        var vectors = present.Length == 0
            ? []
            : await encoder.EmbedAsync(present.Select(x => x.t!).ToArray(), cancellationToken).ConfigureAwait(false);
        var bySection = new float[]?[3];
        for (var k = 0; k < present.Length; k++)
        {
            bySection[present[k].i] = vectors[k];
        }

        return new SectionEmbeddings(bySection[0], bySection[1], bySection[2], encoder.VersionId);
    }

    /// <summary>
    /// The weighted mean of the cosine similarities of the sections both sides have, the weights renormalised over those
    /// sections; <see langword="null"/> when they share none.
    /// </summary>
    /// <exception cref="ArgumentException">The two were embedded by different encoder versions.</exception>
    public static double? Score(SectionEmbeddings a, SectionEmbeddings b, SectionWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.VersionId != b.VersionId)
        {
            throw new ArgumentException($"Section embeddings of different encoder versions ({a.VersionId}, {b.VersionId}) are not comparable.", nameof(b));
        }

        weights ??= new SectionWeights();
        double sum = 0, weight = 0;
        Add(a.Skills, b.Skills, weights.Skills);
        Add(a.Experience, b.Experience, weights.Experience);
        Add(a.Education, b.Education, weights.Education);
        return weight > 0 ? sum / weight : null;

        void Add(float[]? x, float[]? y, double w)
        {
            if (x is not null && y is not null && w > 0)
            {
                sum += w * TensorPrimitives.Dot(x, y);
                weight += w;
            }
        }
    }
}
