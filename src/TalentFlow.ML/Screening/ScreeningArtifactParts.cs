using TalentFlow.ML.Artifacts;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Screening;

/// <summary>The parts of a <see cref="ScreeningArtifact"/> that convert without the model: vocabulary, centroid, effects.</summary>
internal static class ScreeningArtifactParts
{
    public static Dictionary<string, EffectArtifact> Effects(Dictionary<string, ScreeningEffect> effects) =>
        effects.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(
            e => e.Key, e => new EffectArtifact { Offset = e.Value.Offset, Weights = e.Value.Weights?.ToArray(), Count = e.Value.Count }, StringComparer.Ordinal);

    public static SparseArtifact Sparse(SparseVector v) => new() { Indices = v.Indices, Values = v.Values };

    public static ScreeningResumeSide ReadCentroid(CentroidArtifact c, ScreeningVocabulary vocabulary)
    {
        int terms = vocabulary.Tfidf.Terms.Count;
        SparseVector Read(SparseArtifact? s, int limit)
        {
            if (s?.Indices is null || s.Values is null || s.Indices.Length != s.Values.Length || !s.Values.All(float.IsFinite)) throw new InvalidDataException("bad centroid vector");
            for (int i = 0; i < s.Indices.Length; i++)
            {
                if (s.Indices[i] < 0 || s.Indices[i] >= limit || (i > 0 && s.Indices[i] <= s.Indices[i - 1])) throw new InvalidDataException("bad centroid index");
            }
            return new SparseVector(s.Indices, s.Values);
        }
        ScreeningProfile Profile(SparseArtifact[]? p) =>
            p is { Length: 3 } ? new ScreeningProfile(Read(p[0], int.MaxValue), Read(p[1], int.MaxValue), Read(p[2], int.MaxValue)) : throw new InvalidDataException("bad centroid profile");
        var embeddings = c.Embeddings ?? [];
        if (embeddings.Any(e => e is null || e.Length == 0 || e.Length != embeddings[0].Length || !e.All(float.IsFinite))) throw new InvalidDataException("bad centroid embeddings");
        return new ScreeningResumeSide("centroid", Read(c.Text, terms), Read(c.Skills, terms), Read(c.Experience, terms), Read(c.Education, terms), Read(c.Headline, terms),
            [], Profile(c.HeadlineOccupations), [], Profile(c.Occupations), [], null, -1, embeddings);
    }

    public static ScreeningVocabulary ReadVocabulary(VocabularyArtifact v)
    {
        var options = new TfidfOptions
        {
            MaxFeatures = v.MaxFeatures, NGramMin = v.NGramMin, NGramMax = v.NGramMax, EnglishStopWords = v.EnglishStopWords, Lowercase = v.Lowercase,
            SmoothIdf = v.SmoothIdf, SublinearTf = v.SublinearTf, L2Normalize = v.L2Normalize,
        };
        options.Validate();
        if (v.Terms is null || v.Idf is null || v.Terms.Length != v.Idf.Length || v.Terms.Length == 0) throw new InvalidDataException("terms and idf differ in length");
        if (v.Terms.Distinct(StringComparer.Ordinal).Count() != v.Terms.Length) throw new InvalidDataException("a term appears twice");
        var occupations = (v.Occupations ?? []).Select(x =>
        {
            if (x.Indices is null || x.Values is null || x.Indices.Length != x.Values.Length) throw new InvalidDataException($"occupation {x.Code}: bad profile");
            for (int i = 0; i < x.Indices.Length; i++)
            {
                if (x.Indices[i] < 0 || x.Indices[i] >= v.Terms.Length || (i > 0 && x.Indices[i] <= x.Indices[i - 1])) throw new InvalidDataException($"occupation {x.Code}: bad index");
            }
            return new ScreeningOccupation(x.Code ?? string.Empty, x.Title ?? string.Empty, new SparseVector(x.Indices, x.Values));
        }).ToArray();
        if (v.OccupationsPerDocument < 1 || !(v.Temperature > 0)) throw new InvalidDataException("bad occupation space settings");
        return new ScreeningVocabulary(new TfidfModel(options, v.Terms, v.Idf), occupations, v.OccupationsPerDocument, v.Temperature, v.Stem);
    }

    public static Dictionary<string, ScreeningEffect> ToEffects(Dictionary<string, EffectArtifact>? effects, int d)
    {
        var result = new Dictionary<string, ScreeningEffect>(StringComparer.Ordinal);
        foreach (var (key, e) in effects ?? [])
        {
            if (!double.IsFinite(e.Offset) || (e.Weights is not null && (e.Weights.Length != d || !e.Weights.All(double.IsFinite)))) throw new InvalidDataException($"effect {key}: bad weights");
            result[key] = new ScreeningEffect(e.Offset, e.Weights, e.Count);
        }
        return result;
    }
}
