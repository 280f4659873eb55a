using System.Buffers;
using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// ConvFM over content fields (<see cref="JobViewsFeatures"/>) trained on job views, and its hybrid with the content score.
/// Training pairs see each user without the job being predicted; validation is each qualifying user's last training view,
/// so no held-out view is used for training, early stopping or the hybrid weight.
/// </summary>
public sealed partial class ConvFmRecommender
{
    private ConvFmScorer? _scorer;

    private ConvFmRecommender(JobViewsFeatures features, ConvFmModel model, ConvFmRecommenderOptions options)
    {
        Features = features;
        Model = model;
        Options = options;
    }

    /// <summary>The fields.</summary>
    public JobViewsFeatures Features { get; }

    /// <summary>The trained network.</summary>
    public ConvFmModel Model { get; }

    /// <summary>The options trained with.</summary>
    public ConvFmRecommenderOptions Options { get; }

    /// <summary>λ in ConvFM logit + λ · content, chosen on validation.</summary>
    public double HybridWeight { get; private set; }

    /// <summary>Scores every catalog job by the ConvFM logit; seen jobs get −∞.</summary>
    public void ScoreConvFm(JobViewsUser user, Span<double> scores) => Score(user, scores, 0, contentOnly: false);

    /// <summary>Scores every catalog job by logit + <see cref="HybridWeight"/> · content; seen jobs get −∞.</summary>
    public void ScoreHybrid(JobViewsUser user, Span<double> scores) => Score(user, scores, HybridWeight, contentOnly: false);

    /// <summary>Scores every catalog job by the content score alone; seen jobs get −∞.</summary>
    public void ScoreContent(JobViewsUser user, Span<double> scores) => Score(user, scores, 1, contentOnly: true);

    /// <summary>Scores into <paramref name="logits"/> and <paramref name="content"/> separately (seen jobs −∞ in both).</summary>
    public void ScoreParts(JobViewsUser user, Span<double> logits, Span<double> content)
    {
        ArgumentNullException.ThrowIfNull(user);
        var n = Features.JobCount;
        if (logits.Length < n || content.Length < n)
        {
            throw new ArgumentException("Destinations are shorter than the catalog.");
        }

        // Pooled buffers: ranking the catalog runs once per request and must not allocate per call.
        var inputs = ArrayPool<ConvFmInput>.Shared.Rent(n);
        var raw = ArrayPool<float>.Shared.Rent(n);
        try
        {
            for (var j = 0; j < n; j++)
            {
                inputs[j] = Features.Input(user, j);
                content[j] = Features.ContentScore(user, j, Options.StateWeight, Options.CityWeight);
            }

            // The precomputed scorer (created on first use; the model does not change after training): PredictLogits' logits.
            (_scorer ??= Model.CreateScorer()).ScoreLogits(inputs.AsSpan(0, n), raw.AsSpan(0, n));
            for (var j = 0; j < n; j++)
            {
                logits[j] = raw[j];
            }

            foreach (var j in user.Seen)
            {
                logits[j] = double.NegativeInfinity;
                content[j] = double.NegativeInfinity;
            }
        }
        finally
        {
            ArrayPool<ConvFmInput>.Shared.Return(inputs);
            ArrayPool<float>.Shared.Return(raw);
        }
    }

    private void Score(JobViewsUser user, Span<double> scores, double weight, bool contentOnly)
    {
        ArgumentNullException.ThrowIfNull(user);
        var n = Features.JobCount;
        if (contentOnly)
        {
            for (var j = 0; j < n; j++)
            {
                scores[j] = Features.ContentScore(user, j, Options.StateWeight, Options.CityWeight);
            }

            foreach (var j in user.Seen)
            {
                scores[j] = double.NegativeInfinity;
            }

            return;
        }

        var content = ArrayPool<double>.Shared.Rent(n);
        try
        {
            ScoreParts(user, scores, content);
            if (weight != 0)
            {
                for (var j = 0; j < n; j++)
                {
                    scores[j] += weight * content[j];
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(content);
        }
    }
}
