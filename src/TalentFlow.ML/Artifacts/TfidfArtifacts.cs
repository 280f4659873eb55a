using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Artifacts;

/// <summary>Converts TF-IDF vectorizers to and from the shape every artifact nests them in.</summary>
internal static class TfidfArtifacts
{
    public static TfidfOptionsArtifact ToArtifact(this TfidfOptions o) =>
        new(o.NGramMin, o.NGramMax, o.EnglishStopWords, o.Lowercase, o.SmoothIdf, o.SublinearTf, o.L2Normalize) { MaxFeatures = o.MaxFeatures };

    /// <summary>The options, validated.</summary>
    public static TfidfOptions ToOptions(this TfidfOptionsArtifact a)
    {
        var options = new TfidfOptions
        {
            MaxFeatures = a.MaxFeatures, NGramMin = a.NgramMin, NGramMax = a.NgramMax, EnglishStopWords = a.EnglishStopWords, Lowercase = a.Lowercase,
            SmoothIdf = a.SmoothIdf, SublinearTf = a.SublinearTf, L2Normalize = a.L2Normalize,
        };
        options.Validate();
        return options;
    }

    public static TfidfArtifact ToArtifact(this TfidfModel model) => new(model.Options.ToArtifact(), [.. model.Terms], model.Idf.ToArray());

    /// <summary>The vectorizer; throws <see cref="InvalidDataException"/> when terms and idf differ in length or are empty.</summary>
    public static TfidfModel ToModel(this TfidfArtifact a)
    {
        var options = a.Options.ToOptions();
        if (a.Terms.Length != a.Idf.Length || a.Terms.Length == 0)
        {
            throw new InvalidDataException("A TF-IDF model needs as many idf values as terms, at least one.");
        }

        return new TfidfModel(options, a.Terms, a.Idf);
    }
}
