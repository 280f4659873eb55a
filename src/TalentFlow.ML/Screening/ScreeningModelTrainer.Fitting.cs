namespace TalentFlow.ML.Screening;

/// <content>GLMix by block coordinate descent, out-of-fold calibration and the threshold.</content>
public sealed partial class ScreeningModelTrainer
{
    private sealed record Fitted(double[] Theta, Dictionary<string, ScreeningEffect> Jobs, Dictionary<string, ScreeningEffect> Reviewers);

    private ScreeningModel Fit(ScreeningFeatures features, IReadOnlyList<string> names, ScreeningExample[] train, string fingerprint, CancellationToken cancellationToken)
    {
        int d = names.Count;
        var parent = _options.Parent;
        if (parent is not null && (parent.Vocabulary.Fingerprint != features.Vocabulary.Fingerprint || parent.Background?.Fingerprint != features.Background?.Fingerprint))
        {
            throw new ArgumentException($"The parent model {parent.Version} was trained in another text space or background pool; features for it cannot train this model.");
        }
        // A parent with encoder features met by a silo without that encoder: its fallback (same base features) is the prior.
        parent = parent is null ? null : parent.For(features) ?? parent;
        var (means, scales) = Standardisation(train, names, parent);
        var priorMean = new double[d + 1];
        var priorPrecision = new double[d + 1];
        for (int k = 0; k < d; k++)
        {
            int inParent = parent is null ? -1 : IndexOf(parent.FeatureNames, names[k]);
            priorMean[k] = inParent >= 0 ? parent!.Weights[inParent] : 0;
            priorPrecision[k] = inParent >= 0 ? _options.ParentL2 : _options.L2;
        }
        priorMean[d] = parent?.Bias ?? 0;
        priorPrecision[d] = 1e-4;

        var x = train.Select(e => Standardise(e.Features, means, scales)).ToArray();
        var y = train.Select(e => e.Shortlisted ? 1.0 : 0.0).ToArray();
        var fitted = FitGlmix(train, x, y, Enumerable.Range(0, train.Length).ToArray(), priorMean, priorPrecision, cancellationToken);

        // Out-of-fold logits, folds grouped by candidate: calibration and threshold see only predictions of unseen candidates.
        var logits = new double[train.Length];
        for (int i = 0; i < train.Length; i++) logits[i] = Logit(fitted, x[i], train[i]);
        if (_options.CalibrationFolds >= 2)
        {
            var fold = train.Select(e => (int)(Unit(e.CandidateId, "fold", _options.Seed) * _options.CalibrationFolds)).ToArray();
            for (int k = 0; k < _options.CalibrationFolds; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = Enumerable.Range(0, train.Length).Where(i => fold[i] != k).ToArray();
                if (rows.Length == train.Length || !rows.Any(i => y[i] == 1) || rows.All(i => y[i] == 1)) continue;
                var partial = FitGlmix(train, x, y, rows, priorMean, priorPrecision, cancellationToken);
                for (int i = 0; i < train.Length; i++)
                {
                    if (fold[i] == k) logits[i] = Logit(partial, x[i], train[i]);
                }
            }
        }
        var labels = train.Select(e => e.Shortlisted).ToArray();
        var (a, b) = PlattScaling.Fit(logits, labels);
        var probabilities = logits.Select(z => LogisticNewton.Sigmoid(a * z + b)).ToArray();
        double threshold = _options.Threshold == ThresholdRule.Half ? 0.5 : MaxF1Threshold(probabilities, labels);
        var fallback = features.EncoderVersion is null ? null : FitFallback(features, train, fingerprint, threshold, cancellationToken);
        return new ScreeningModel(features.Vocabulary, [.. names], features.EncoderVersion, means, scales, fitted.Theta[..d], fitted.Theta[d],
            fitted.Jobs, fitted.Reviewers, a, b, threshold, fingerprint, _options.Parent?.Version, new Dictionary<string, double>(), fallback: fallback,
            background: features.Background);
    }

    /// <summary>
    /// The model without the encoder features, fitted the same way on the same pairs (the parent's fallback as its prior), its
    /// Platt intercept shifted so that it shortlists at <paramref name="threshold"/> exactly when it would at its own
    /// max-F1 threshold: the served default threshold is the main model's.
    /// </summary>
    private ScreeningModel FitFallback(ScreeningFeatures features, ScreeningExample[] train, string fingerprint, double threshold, CancellationToken cancellationToken)
    {
        var baseFeatures = new ScreeningFeatures(features.Vocabulary, background: features.Background);
        int d = baseFeatures.Names.Count;
        var baseTrain = train.Select(e => e with { Features = e.Features[..d] }).ToArray();
        var parent = _options.Parent is { } p ? p.For(baseFeatures) : null;
        var trainer = new ScreeningModelTrainer(_options with { Parent = parent });
        var model = trainer.Fit(baseFeatures, baseFeatures.Names, baseTrain, fingerprint, cancellationToken);
        double shift = Logit(threshold) - Logit(model.Threshold);
        return new ScreeningModel(model.Vocabulary, model.FeatureNames, null, [.. model.Means], [.. model.Scales], [.. model.Weights], model.Bias,
            new(model.JobEffects), new(model.ReviewerEffects), model.PlattA, model.PlattB + shift, threshold, fingerprint, model.ParentVersion, new Dictionary<string, double>(),
            background: model.Background);

        static double Logit(double p) => Math.Log(p / (1 - p));
    }

    private Fitted FitGlmix(ScreeningExample[] data, double[][] x, double[] y, int[] rows, double[] priorMean, double[] priorPrecision, CancellationToken cancellationToken)
    {
        int n = data.Length, d = priorMean.Length - 1;
        var jobs = new Dictionary<string, ScreeningEffect>(StringComparer.Ordinal);
        var reviewers = new Dictionary<string, ScreeningEffect>(StringComparer.Ordinal);
        var byJob = rows.GroupBy(i => data[i].JobId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var byReviewer = rows.Where(i => data[i].ReviewerId is not null).GroupBy(i => data[i].ReviewerId!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var ones = new double[n][];
        var one = new[] { 1.0 };
        Array.Fill(ones, one);
        var offset = new double[n];
        double[] theta = priorMean;
        bool effects = _options.PerJobOffsets || _options.PerJobCoefficients || _options.PerReviewerOffsets;
        int rounds = effects ? _options.Iterations : 1;
        var fitted = new Fitted(theta, jobs, reviewers);
        for (int round = 0; round < rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (int i in rows) offset[i] = EffectLogit(fitted, x[i], data[i], job: true, reviewer: true);
            theta = LogisticNewton.Fit(x, rows, y, offset, priorMean, priorPrecision);
            fitted = fitted with { Theta = theta };
            if (!effects) break;
            if (_options.PerJobOffsets || _options.PerJobCoefficients)
            {
                foreach (int i in rows) offset[i] = Dot(theta, x[i]) + EffectLogit(fitted, x[i], data[i], job: false, reviewer: true);
                foreach (var group in byJob)
                {
                    var jobRows = group.ToArray();
                    if (_options.PerJobCoefficients)
                    {
                        var precision = Enumerable.Repeat(_options.JobCoefficientL2, d).Append(_options.JobL2).ToArray();
                        var w = LogisticNewton.Fit(x, jobRows, y, offset, new double[d + 1], precision);
                        jobs[group.Key] = new ScreeningEffect(w[d], w[..d], jobRows.Length);
                    }
                    else
                    {
                        var w = LogisticNewton.Fit(ones, jobRows, y, offset, [0.0], [_options.JobL2]);
                        jobs[group.Key] = new ScreeningEffect(w[0], null, jobRows.Length);
                    }
                }
            }
            if (_options.PerReviewerOffsets)
            {
                foreach (int i in rows) offset[i] = Dot(theta, x[i]) + EffectLogit(fitted, x[i], data[i], job: true, reviewer: false);
                foreach (var group in byReviewer)
                {
                    var reviewerRows = group.ToArray();
                    var w = LogisticNewton.Fit(ones, reviewerRows, y, offset, [0.0], [_options.ReviewerL2]);
                    reviewers[group.Key] = new ScreeningEffect(w[0], null, reviewerRows.Length);
                }
            }
        }
        return fitted;
    }

    private static double Logit(Fitted fitted, double[] x, ScreeningExample e) => Dot(fitted.Theta, x) + EffectLogit(fitted, x, e, job: true, reviewer: true);

    private static double EffectLogit(Fitted fitted, double[] x, ScreeningExample e, bool job, bool reviewer)
    {
        double z = 0;
        if (job && fitted.Jobs.TryGetValue(e.JobId, out var j))
        {
            z += j.Offset;
            if (j.Weights is { } w)
            {
                for (int k = 0; k < w.Count; k++) z += w[k] * x[k];
            }
        }
        if (reviewer && e.ReviewerId is not null && fitted.Reviewers.TryGetValue(e.ReviewerId, out var r)) z += r.Offset;
        return z;
    }

    private static double Dot(double[] theta, double[] x)
    {
        double z = 0;
        for (int k = 0; k < theta.Length; k++) z += theta[k] * x[k];
        return z;
    }

    /// <summary>Standardised features with the intercept's 1 appended.</summary>
    private static double[] Standardise(float[] features, double[] means, double[] scales)
    {
        var z = new double[features.Length + 1];
        for (int k = 0; k < features.Length; k++) z[k] = ScreeningModel.Standardise(features[k], means[k], scales[k]);
        z[^1] = 1;
        return z;
    }

    /// <summary>Means and deviations of the training features; a feature the parent has keeps the parent's, so its weight stays comparable.</summary>
    private static (double[] Means, double[] Scales) Standardisation(ScreeningExample[] train, IReadOnlyList<string> names, ScreeningModel? parent)
    {
        int d = names.Count, n = train.Length;
        var means = new double[d];
        var scales = new double[d];
        for (int k = 0; k < d; k++)
        {
            int inParent = parent is null ? -1 : IndexOf(parent.FeatureNames, names[k]);
            if (inParent >= 0)
            {
                means[k] = parent!.Means[inParent];
                scales[k] = parent.Scales[inParent];
                continue;
            }
            double mean = 0;
            foreach (var e in train) mean += e.Features[k];
            mean /= n;
            double variance = 0;
            foreach (var e in train) variance += (e.Features[k] - mean) * (e.Features[k] - mean);
            double sd = Math.Sqrt(variance / n);
            means[k] = mean;
            scales[k] = sd > 1e-9 ? sd : 1;
        }
        return (means, scales);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    /// <summary>The threshold between two distinct probabilities that maximises F1 (ties: the higher threshold), within [0.02, 0.98].</summary>
    internal static double MaxF1Threshold(double[] probabilities, bool[] labels)
    {
        var order = Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).ToArray();
        int positives = labels.Count(l => l), tp = 0;
        double best = -1, threshold = 0.5;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++;
            if (k + 1 < order.Length && probabilities[order[k + 1]] == probabilities[order[k]]) continue;
            double f1 = 2.0 * tp / (positives + k + 1);
            if (f1 > best)
            {
                best = f1;
                double next = k + 1 < order.Length ? probabilities[order[k + 1]] : 0;
                threshold = (probabilities[order[k]] + next) / 2;
            }
        }
        return Math.Clamp(threshold, 0.02, 0.98);
    }
}
