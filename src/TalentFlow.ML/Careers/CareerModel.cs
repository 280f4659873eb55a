using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using TalentFlow.ML.Artifacts;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Careers;

/// <summary>How a <see cref="CareerModel"/> is trained.</summary>
public sealed record CareerModelOptions
{
    /// <summary>The embedded encoder fitted on the training texts. Default <see cref="EmbeddedEncoder.DefaultKind"/> (LSA).</summary>
    public EmbeddedEncoderKind Encoder { get; init; } = EmbeddedEncoder.DefaultKind;

    /// <summary>Embedding length (capped by the encoder by the number of texts). Default 256.</summary>
    public int Dimensions { get; init; } = 256;

    /// <summary>The MLP classifier over the embeddings.</summary>
    public CareerClassifierTrainer.Options Classifier { get; init; } = new();

    /// <summary>
    /// The classifier served: the MLP, the TF-IDF linear SVM, or null (default) for whichever has the better stratified
    /// <see cref="Folds"/>-fold cross-validated accuracy on the training texts (a tie keeps the TF-IDF SVM, as <c>eval career</c>).
    /// </summary>
    public CareerClassifierKind? ClassifierKind { get; init; }

    /// <summary>Cross-validation folds for choosing the classifier and the SVM's C. Default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The SVM's candidate C values, simplest first (a tie keeps the earlier). Default 0.1, 0.3, 1, 3 (as <c>eval career</c>).</summary>
    public IReadOnlyList<double> SvmCosts { get; init; } = [0.1, 0.3, 1, 3];

    /// <summary>
    /// Headline lengths the cross-validation tries for the TF-IDF classifier: 0 is none, n a second TF-IDF block over the
    /// text's first n words (where a resume states its role), weighted 1 beside the body. Default 0, 5, 8 — none first, so
    /// a tie keeps the plainer model.
    /// </summary>
    public IReadOnlyList<int> HeadlineWords { get; init; } = [0, 5, 8];

    /// <summary>The TF-IDF classifier's features: 5000 terms, 1–2-grams, English stop words, sublinear tf.</summary>
    public Tfidf.TfidfOptions Tfidf { get; init; } = new() { SublinearTf = true };

    /// <summary>
    /// Whether the TF-IDF classifier also trains on each career's name as one text of that career (the label's own words: a
    /// zero-shot prior that resumes naming their role can match when a career has only two or three training resumes).
    /// Never a held-out text in cross-validation. Default true.
    /// </summary>
    public bool LabelTexts { get; init; } = true;

    /// <summary>Most skills kept per career (data set skills first, then O*NET technologies). Default 40.</summary>
    public int SkillsPerCareer { get; init; } = 40;

    /// <summary>Seed of the encoder and the classifier. Default 0.</summary>
    public int Seed { get; init; }
}

/// <summary>What a career recommends beyond its name: skills to have and books to read, and the O*NET occupations behind the skills.</summary>
/// <param name="Skills">The career's skills, data set skills first.</param>
/// <param name="Books">Books for the career (none when the data set has none).</param>
/// <param name="Occupations">O*NET-SOC codes of the occupations the skills came from.</param>
public sealed record CareerKnowledge(IReadOnlyList<string> Skills, IReadOnlyList<CareerBook> Books, IReadOnlyList<string> Occupations)
{
    /// <summary>No skills, books or occupations.</summary>
    public static CareerKnowledge Empty { get; } = new([], [], []);
}

/// <summary>A career and its calibrated probability.</summary>
/// <param name="Career">The career's label.</param>
/// <param name="Confidence">Temperature-scaled softmax probability in [0, 1].</param>
public readonly record struct CareerScore(string Career, float Confidence);

/// <summary>
/// A trained career model: an embedded encoder fitted on the training texts, a classifier — the <see cref="CareerClassifier"/>
/// MLP over its embeddings or the <see cref="CareerTfidfClassifier"/> over TF-IDF (<see cref="Kind"/>) — the careers (label encoder: index ↔ name), each career's centroid embedding, each career's
/// <see cref="CareerKnowledge"/> and <see cref="CareerModelMetadata"/>. Immutable and thread-safe; saved and loaded as one
/// checksummed JSON artifact (<see cref="Save(Stream)"/>, <see cref="Load(Stream)"/>).
/// </summary>
public sealed class CareerModel
{
    private readonly float[] _centroids;

    internal CareerModel(IEmbeddedEncoder encoder, CareerClassifier classifier, IReadOnlyList<string> careers, float[] centroids,
        IReadOnlyList<CareerKnowledge> knowledge, CareerModelMetadata metadata)
        : this(encoder, classifier, null, careers, centroids, knowledge, metadata)
    {
    }

    internal CareerModel(IEmbeddedEncoder encoder, CareerTfidfClassifier classifier, IReadOnlyList<string> careers, float[] centroids,
        IReadOnlyList<CareerKnowledge> knowledge, CareerModelMetadata metadata)
        : this(encoder, null, classifier, careers, centroids, knowledge, metadata)
    {
    }

    private CareerModel(IEmbeddedEncoder encoder, CareerClassifier? mlp, CareerTfidfClassifier? tfidf, IReadOnlyList<string> careers, float[] centroids,
        IReadOnlyList<CareerKnowledge> knowledge, CareerModelMetadata metadata)
    {
        if ((mlp is null) == (tfidf is null) || careers.Count != (mlp?.Classes ?? tfidf!.Classes) || knowledge.Count != careers.Count
            || centroids.Length != careers.Count * encoder.Dimension || (mlp is not null && mlp.Inputs != encoder.Dimension))
        {
            throw new ArgumentException("The encoder, classifier, careers, centroids and knowledge do not fit together.");
        }

        Encoder = encoder;
        Classifier = mlp;
        TfidfClassifier = tfidf;
        Careers = careers;
        _centroids = centroids;
        Knowledge = knowledge;
        Metadata = metadata;
        VersionId = Version();
    }

    /// <summary>The encoder the MLP reads and the centroids live in.</summary>
    public IEmbeddedEncoder Encoder { get; }

    /// <summary>Which classifier predicts.</summary>
    public CareerClassifierKind Kind => Classifier is null ? CareerClassifierKind.Tfidf : CareerClassifierKind.Mlp;

    /// <summary>The MLP classifier, when <see cref="Kind"/> is <see cref="CareerClassifierKind.Mlp"/>.</summary>
    public CareerClassifier? Classifier { get; }

    /// <summary>The TF-IDF linear SVM, when <see cref="Kind"/> is <see cref="CareerClassifierKind.Tfidf"/>.</summary>
    public CareerTfidfClassifier? TfidfClassifier { get; }

    /// <summary>The careers by class index (ordinal order).</summary>
    public IReadOnlyList<string> Careers { get; }

    /// <summary>Skills, books and occupations by class index.</summary>
    public IReadOnlyList<CareerKnowledge> Knowledge { get; }

    /// <summary>Options, validation metrics and data statistics of the training run.</summary>
    public CareerModelMetadata Metadata { get; }

    /// <summary>A short content hash (<c>career-…</c>): the same weights and careers give the same id.</summary>
    public string VersionId { get; }

    /// <summary>The unit centroid embedding of career <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Centroid(int index) => _centroids.AsSpan(index * Encoder.Dimension, Encoder.Dimension);

    /// <summary>Calibrated probabilities of every career for <paramref name="text"/>, by class index.</summary>
    public float[] Probabilities(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Classifier?.Probabilities(Encoder.Embed(text)) ?? TfidfClassifier!.Probabilities(text);
    }

    /// <summary>The <paramref name="top"/> most probable careers for <paramref name="text"/>, best first (a tie: lower index first).</summary>
    public IReadOnlyList<CareerScore> Predict(string text, int top = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var p = Probabilities(text);
        var order = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ThenBy(i => i).Take(top);
        return [.. order.Select(i => new CareerScore(Careers[i], p[i]))];
    }

    /// <summary>
    /// How much <paramref name="text"/> looks like what the model was trained on (<see cref="CareerDomainSignals"/>): the share
    /// of its words the TF-IDF classifier knows, its best cosine to a career centroid in the encoder's space, and the
    /// normalised entropy of the calibrated distribution.
    /// </summary>
    public CareerDomainSignals DomainSignals(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = CareerDomain.Words(text);
        int known = -1;
        if (TfidfClassifier is { } tfidf)
        {
            var vocabulary = tfidf.Features.Body.Vocabulary;
            known = words.Count(vocabulary.ContainsKey);
        }

        var embedding = Encoder.Embed(text);
        var norm = TensorPrimitives.Norm(embedding);
        double best = 0;
        if (norm > 0)
        {
            for (int c = 0; c < Careers.Count; c++) best = Math.Max(best, TensorPrimitives.Dot(Centroid(c), embedding) / norm);
        }

        var p = Probabilities(text);
        double entropy = 0;
        foreach (var q in p)
        {
            if (q > 0) entropy -= q * Math.Log(q);
        }

        return new CareerDomainSignals(words.Count, known < 0 ? null : known, best, p.Length > 1 ? entropy / Math.Log(p.Length) : 0, p.Max());
    }

    internal CareerModel WithKnowledge(IReadOnlyList<CareerKnowledge> knowledge) => new(Encoder, Classifier, TfidfClassifier, Careers, _centroids, knowledge, Metadata);

    /// <summary>Unit centroids of <paramref name="embeddings"/> per class.</summary>
    internal static float[] Centroids(float[][] embeddings, IReadOnlyList<int> labels, int classes, int dimension)
    {
        var centroids = new float[classes * dimension];
        for (int i = 0; i < embeddings.Length; i++)
        {
            var row = centroids.AsSpan(labels[i] * dimension, dimension);
            TensorPrimitives.Add(row, embeddings[i], row);
        }

        for (int c = 0; c < classes; c++)
        {
            var row = centroids.AsSpan(c * dimension, dimension);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        }

        return centroids;
    }

    /// <summary>Format version written by <see cref="Save(Stream)"/>; <see cref="Load(Stream)"/> reads it and version 1 (MLP only).</summary>
    public const int FormatVersion = 2;

    internal const string FormatName = "talentflow.career";

    /// <summary>Writes the model as one JSON artifact (the encoder's nested, base64 little-endian tensors, SHA-256).</summary>
    public void Save(Stream stream) => ModelArtifact.Write(stream, ToArtifact(), MatchingArtifactJson.Default.CareerArtifact);

    /// <summary>Writes a model file (replacing it).</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        Save(stream);
    }

    /// <summary>Reads an artifact written by <see cref="Save(Stream)"/>; anything else throws <see cref="EncoderArtifactException"/>.</summary>
    public static CareerModel Load(Stream stream) =>
        EncoderArtifacts.Guard(FormatName, () => FromArtifact(ModelArtifact.Read(stream, MatchingArtifactJson.Default.CareerArtifact, FormatName)));

    /// <summary>Reads a model file.</summary>
    public static CareerModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    private CareerArtifact ToArtifact()
    {
        var mlp = Classifier?.ToTensors();
        var svm = TfidfClassifier?.ToTensor();
        var centroids = TensorArtifact.Float32(_centroids, Careers.Count, Encoder.Dimension);
        using var checksum = new ArtifactChecksum();
        checksum.Add(Careers);
        foreach (var tensor in mlp ?? [svm!]) checksum.Add(tensor);
        var features = TfidfClassifier?.Features;
        return new CareerArtifact
        {
            Format = FormatName, Version = FormatVersion, VersionId = VersionId, Encoder = EmbeddedEncoder.ToElement(Encoder), Careers = [.. Careers],
            ClassifierKind = Kind == CareerClassifierKind.Mlp ? "mlp" : "tfidf", Classifier = Classifier?.Header,
            Mean = mlp?[0], Scale = mlp?[1], W1 = mlp?[2], B1 = mlp?[3], W2 = mlp?[4], B2 = mlp?[5],
            Tfidf = features?.Body.ToArtifact(),
            Headline = features?.Headline is { } h ? new CareerHeadlineArtifact(features.HeadlineWords, features.HeadlineWeight, h.ToArtifact()) : null,
            Svm = TfidfClassifier?.Header, SvmWeights = svm, Centroids = centroids,
            Knowledge = [.. Knowledge.Select(k => new CareerKnowledgeArtifact([.. k.Skills], [.. k.Occupations], [.. k.Books]))], Metadata = Metadata,
            Sha256 = checksum.Add(centroids).Hex(),
        };
    }

    private string Version()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(Encoder.VersionId + "\n"));
        foreach (var career in Careers) hash.AppendData(Encoding.UTF8.GetBytes(career + "\n"));
        // An MLP hashes as in version 1, so an old artifact keeps its version id.
        if (Classifier is not null) Classifier.AppendTo(hash);
        else TfidfClassifier!.AppendTo(hash);
        return "career-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static CareerModel FromArtifact(CareerArtifact a)
    {
        if (a.Version is not (1 or FormatVersion))
        {
            throw new EncoderArtifactException(EncoderArtifactError.UnsupportedVersion,
                $"{FormatName} version {a.Version} is not supported; this build reads versions 1 and {FormatVersion}.");
        }

        var encoder = EmbeddedEncoder.Read(a.Encoder);
        var careers = a.Careers;
        var kind = a.Version == 1 ? "mlp" : a.ClassifierKind;
        var mlp = kind == "mlp" ? CareerClassifier.FromArtifact(a) : null;
        var tfidf = kind == "tfidf" ? CareerTfidfClassifier.FromArtifact(a) : null;
        if (mlp is null && tfidf is null) throw new InvalidDataException($"Unknown classifier_kind '{kind}'.");
        if (careers.Length != (mlp?.Classes ?? tfidf!.Classes) || careers.Distinct(StringComparer.Ordinal).Count() != careers.Length)
        {
            throw new InvalidDataException("The careers do not match the classifier or repeat.");
        }

        var centroids = a.Centroids.ToFloat32("centroids", careers.Length, encoder.Dimension);
        using var checksum = new ArtifactChecksum();
        checksum.Add(careers);
        foreach (var tensor in mlp is not null ? [a.Mean!, a.Scale!, a.W1!, a.B1!, a.W2!, a.B2!] : new[] { a.SvmWeights! }) checksum.Add(tensor);
        EncoderArtifacts.Verify(a.Sha256, checksum.Add(a.Centroids).Hex());
        var knowledge = a.Knowledge.Select(k => new CareerKnowledge(k.Skills, k.Books, k.Occupations)).ToArray();
        var model = mlp is not null
            ? new CareerModel(encoder, mlp, careers, centroids, knowledge, a.Metadata)
            : new CareerModel(encoder, tfidf!, careers, centroids, knowledge, a.Metadata);
        EncoderArtifacts.VerifyVersion(a.VersionId, model.VersionId);
        return model;
    }
}
