using System.Security.Cryptography;
using System.Text;
using TalentFlow.ML.Artifacts;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Careers;

/// <summary>
/// The career SVM's input: TF-IDF of the whole text and, optionally, beside it a TF-IDF of the text's first words — the
/// headline, where a resume names the role its owner holds or wants ("HR ADMINISTRATOR", "Senior Java Developer") — scaled
/// by a weight. Cross-validation decides whether the headline block is used and how many words it reads
/// (<see cref="CareerModelOptions.HeadlineWords"/>); the headline block's indices follow the body's. Immutable and thread-safe.
/// </summary>
public sealed class CareerTextFeatures
{
    private CareerTextFeatures(TfidfModel body, TfidfModel? headline, int headlineWords, float headlineWeight)
    {
        if (headline is not null && (headlineWords < 1 || !(headlineWeight > 0) || !float.IsFinite(headlineWeight)))
        {
            throw new ArgumentOutOfRangeException(nameof(headlineWords), "A headline block needs at least one word and a positive weight.");
        }

        (Body, Headline, HeadlineWords, HeadlineWeight) = (body, headline, headline is null ? 0 : headlineWords, headline is null ? 0f : headlineWeight);
    }

    /// <summary>TF-IDF of the whole text.</summary>
    public TfidfModel Body { get; }

    /// <summary>TF-IDF of the first <see cref="HeadlineWords"/> words, or null when the headline block is not used.</summary>
    public TfidfModel? Headline { get; }

    /// <summary>Words the headline block reads (0 without one).</summary>
    public int HeadlineWords { get; }

    /// <summary>The headline block's scale beside the unit-length body vector (0 without one).</summary>
    public float HeadlineWeight { get; }

    /// <summary>Length of a feature vector: the body's terms, then the headline's.</summary>
    public int Count => Body.Terms.Count + (Headline?.Terms.Count ?? 0);

    /// <summary>Fits the body on <paramref name="texts"/> and, when <paramref name="headlineWords"/> &gt; 0, the headline block on their first words.</summary>
    public static CareerTextFeatures Fit(IReadOnlyList<string> texts, TfidfOptions options, int headlineWords, float headlineWeight = 1f)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(options);
        var body = TfidfVectorizer.Fit(texts, options);
        var headline = headlineWords > 0
            ? TfidfVectorizer.Fit([.. texts.Select(t => HeadlineOf(t, headlineWords))], options with { MaxFeatures = null })
            : null;
        return new CareerTextFeatures(body, headline, headlineWords, headlineWeight);
    }

    /// <summary>The feature vector of <paramref name="text"/>.</summary>
    public SparseVector Transform(string text)
    {
        var body = Body.Transform(text);
        if (Headline is null) return body;
        var head = Headline.Transform(HeadlineOf(text, HeadlineWords));
        var indices = new int[body.Count + head.Count];
        var values = new float[indices.Length];
        body.Indices.CopyTo(indices, 0);
        body.Values.CopyTo(values, 0);
        int offset = Body.Terms.Count;
        for (int i = 0; i < head.Count; i++)
        {
            indices[body.Count + i] = offset + head.Indices[i];
            values[body.Count + i] = HeadlineWeight * head.Values[i];
        }

        return new SparseVector(indices, values);
    }

    /// <summary>The feature vectors of <paramref name="texts"/>.</summary>
    public SparseVector[] Transform(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new SparseVector[texts.Count];
        for (int i = 0; i < vectors.Length; i++) vectors[i] = Transform(texts[i]);
        return vectors;
    }

    /// <summary>A short description, e.g. <c>tfidf(5000, 1-2, sublinear) + headline(5 words, 812 terms, ×1)</c>.</summary>
    public string Describe()
    {
        var o = Body.Options;
        var body = $"tfidf({Body.Terms.Count}, {o.NGramMin}-{o.NGramMax}{(o.SublinearTf ? ", sublinear" : string.Empty)})";
        return Headline is null ? body : $"{body} + headline({HeadlineWords} words, {Headline.Terms.Count} terms, ×{HeadlineWeight:0.###})";
    }

    /// <summary>The first <paramref name="words"/> runs of letters or digits of <paramref name="text"/>, joined by spaces.</summary>
    internal static string HeadlineOf(string text, int words)
    {
        var builder = new StringBuilder();
        int taken = 0, i = 0;
        while (taken < words && i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            int start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            if (i == start) break;
            if (taken++ > 0) builder.Append(' ');
            builder.Append(text, start, i - start);
        }

        return builder.ToString();
    }

    /// <summary>Hashes the body as version 2 artifacts did, then the headline block only when there is one (old versions keep their ids).</summary>
    internal void AppendTo(IncrementalHash hash, Func<TfidfModel, string> header)
    {
        Append(hash, Body, header(Body));
        if (Headline is not null) Append(hash, Headline, $"headline {HeadlineWords} {HeadlineWeight:R}\n");
    }

    internal static CareerTextFeatures FromArtifact(TfidfArtifact body, CareerHeadlineArtifact? headline)
    {
        if (headline is null) return new CareerTextFeatures(body.ToModel(), null, 0, 0f);
        if (headline.Words is < 1 or > 1000 || !(headline.Weight > 0) || !float.IsFinite(headline.Weight)) throw new InvalidDataException("Headline block out of range.");
        return new CareerTextFeatures(body.ToModel(), headline.Tfidf.ToModel(), headline.Words, headline.Weight);
    }

    private static void Append(IncrementalHash hash, TfidfModel model, string header)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(header));
        foreach (var term in model.Terms) hash.AppendData(Encoding.UTF8.GetBytes(term + "\n"));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(model.Idf));
    }
}
