using TalentFlow.ML.Artifacts;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// The learned ranker's parameters: logistic regression over standardised pair features,
/// logit = bias + Σ weight_f · (x_f − mean_f) / scale_f. What a server needs besides the feature computation
/// (<see cref="JobViewsPairFeatures"/>): the feature names in order, the standardisation, the weights and the candidate count.
/// </summary>
public sealed class LearnedJobRankerModel : Serving.IJobPairRanker
{
    /// <summary>Creates the parameters; the four arrays must have equal lengths and finite values.</summary>
    public LearnedJobRankerModel(IReadOnlyList<string> featureNames, double[] means, double[] scales, double[] weights, double bias,
        int candidates, double stateWeight, double cityWeight, IDictionary<string, double>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(weights);
        var d = featureNames.Count;
        if (means.Length != d || scales.Length != d || weights.Length != d)
        {
            throw new ArgumentException($"{d} feature names but {means.Length} means, {scales.Length} scales and {weights.Length} weights.");
        }

        for (var f = 0; f < d; f++)
        {
            if (!double.IsFinite(means[f]) || !double.IsFinite(weights[f]) || !double.IsFinite(scales[f]) || scales[f] <= 0)
            {
                throw new ArgumentException($"Feature '{featureNames[f]}' has a non-finite mean or weight, or a scale that is not positive.");
            }
        }

        if (!double.IsFinite(bias))
        {
            throw new ArgumentException("The bias is not finite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        FeatureNames = [.. featureNames];
        Means = [.. means];
        Scales = [.. scales];
        Weights = [.. weights];
        Bias = bias;
        Candidates = candidates;
        StateWeight = stateWeight;
        CityWeight = cityWeight;
        Metrics = metrics is null ? new(StringComparer.Ordinal) : new(metrics, StringComparer.Ordinal);
    }

    /// <summary>Feature names, in the order of the weights.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Training means of the features.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>Training standard deviations of the features (1 for a constant feature).</summary>
    public IReadOnlyList<double> Scales { get; }

    /// <summary>Weights on the standardised features.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>The bias.</summary>
    public double Bias { get; }

    /// <summary>How many of the content ranking's best jobs are rescored.</summary>
    public int Candidates { get; }

    /// <summary>The content ranking's state bonus (for the candidates).</summary>
    public double StateWeight { get; }

    /// <summary>The content ranking's city bonus (for the candidates).</summary>
    public double CityWeight { get; }

    /// <summary>Training and validation numbers; add evaluation numbers before saving.</summary>
    public Dictionary<string, double> Metrics { get; }

    /// <summary>The weight of each feature in raw units (weight / scale): what one unit more of the feature adds to the logit.</summary>
    public double RawWeight(int feature) => Weights[feature] / Scales[feature];

    /// <summary>The logit of one pair's features (in <see cref="FeatureNames"/> order).</summary>
    public double Logit(ReadOnlySpan<float> features)
    {
        if (features.Length != Weights.Count)
        {
            throw new ArgumentException($"Expected {Weights.Count} features, got {features.Length}.", nameof(features));
        }

        var logit = Bias;
        for (var f = 0; f < features.Length; f++)
        {
            logit += Weights[f] * (features[f] - Means[f]) / Scales[f];
        }

        return logit;
    }

    /// <summary>The probability of one pair (sigmoid of <see cref="Logit"/>).</summary>
    public double Probability(ReadOnlySpan<float> features) => LogisticRegressionNewton.Sigmoid(Logit(features));

    /// <summary>Format version written by <see cref="Save"/>; <see cref="Load"/> reads only this one.</summary>
    public const int FormatVersion = 1;

    /// <summary>The artifact's <c>format</c> value.</summary>
    public const string FormatName = "talentflow.job-ranker";

    /// <summary>
    /// Writes <c>{format, version, candidates, state_weight, city_weight, bias, features: [{name, mean, scale, weight}],
    /// metrics}</c>. Doubles are written round-trip exact; non-finite metrics are left out.
    /// </summary>
    public void Save(Stream stream) => ModelArtifact.Write(stream, new JobRankerArtifact(FormatName, FormatVersion, Candidates, StateWeight, CityWeight, Bias,
        [.. FeatureNames.Select((name, f) => new JobRankerFeatureArtifact(name, Means[f], Scales[f], Weights[f]))],
        Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(StringComparer.Ordinal)), RecommendationArtifactJson.Default.JobRankerArtifact);

    /// <summary>Reads an artifact written by <see cref="Save"/>; throws <see cref="JobRankerArtifactException"/> on anything else.</summary>
    public static LearnedJobRankerModel Load(Stream stream)
    {
        var json = ModelArtifact.ReadAll(stream);
        // A newer version may have another shape: say so before its fields fail to read.
        if (ModelArtifact.PeekFormat(json).Format == FormatName && ModelArtifact.PeekVersion(json) is { } stored && stored != FormatVersion)
        {
            throw new JobRankerArtifactException(
                JobRankerArtifactError.UnsupportedVersion, $"{FormatName} version {stored} is not supported; this build reads version {FormatVersion}.");
        }

        JobRankerArtifact a;
        try
        {
            a = ModelArtifact.Read(json, RecommendationArtifactJson.Default.JobRankerArtifact, FormatName);
        }
        catch (InvalidDataException e)
        {
            throw new JobRankerArtifactException(JobRankerArtifactError.Corrupt, e.Message, e);
        }

        if (a.Version != FormatVersion)
        {
            throw new JobRankerArtifactException(
                JobRankerArtifactError.UnsupportedVersion, $"{FormatName} version {a.Version} is not supported; this build reads version {FormatVersion}.");
        }

        try
        {
            return new LearnedJobRankerModel([.. a.Features.Select(f => f.Name)], [.. a.Features.Select(f => f.Mean)], [.. a.Features.Select(f => f.Scale)],
                [.. a.Features.Select(f => f.Weight)], a.Bias, a.Candidates, a.StateWeight, a.CityWeight, new Dictionary<string, double>(a.Metrics, StringComparer.Ordinal));
        }
        catch (ArgumentException e)
        {
            throw new JobRankerArtifactException(JobRankerArtifactError.Corrupt, $"Not a valid {FormatName} artifact: {e.Message}", e);
        }
    }
}
