using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Scoring;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Cli;

/// <summary>
/// <c>train scorer --train FILE --validation FILE [--test FILE] [--epochs N] [--batch-size N] [--learning-rate X] [--output DIR] [--predictions CSV]</c>:
/// the custom scorer. Fits the baseline and the embedded encoder on the training texts, trains the feature model on the
/// training pairs, Platt-calibrates it on the validation pairs, and reports on the test pairs (else validation) beside the
/// zero-shot scores (the baseline's weighted TF-IDF and the encoder's whole-text cosine). Writes DIR/scorer.json with the
/// baseline (DIR/baseline_model.json) and encoder (DIR/encoder.json) its features come from; a silo serves the three
/// together when <c>Matching:ScorerDirectory</c> names DIR.
/// </summary>
internal static class TrainScorerCommand
{
    public static Command Create(CliContext context)
    {
        var train = new Option<string>("--train") { Description = "Training pairs: JSON [{resume, job_description, score}] or CSV.", Required = true };
        var validation = new Option<string>("--validation") { Description = "Held-out pairs for calibration.", Required = true };
        var test = new Option<string?>("--test") { Description = "Pairs to report on; default: --validation." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training pairs.", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch-size") { Description = "Pairs per step.", DefaultValueFactory = _ => 16 };
        var rate = new Option<double>("--learning-rate") { Description = "Adam step size.", DefaultValueFactory = _ => 0.05 };
        var seed = new Option<int>("--seed") { Description = "Seed of shuffling and of the encoder's SVD.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output") { Description = "Folder for scorer.json, baseline_model.json and encoder.json (a silo's Matching:ScorerDirectory).", DefaultValueFactory = _ => Path.Combine("models", "scorer") };
        var predictions = new Option<string?>("--predictions") { Description = "Also write one CSV row per test pair: human, scorer, probability, baseline, zero_shot, projection_head, job_prior (for pooling cross-fitted folds)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("scorer", "Train the custom match scorer (features → calibrated probability).") { train, validation, test, epochs, batch, rate, seed, output, predictions, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(epochs) < 1 || parse.GetValue(batch) < 1 || parse.GetValue(rate) <= 0)
            {
                throw new CliException("--epochs and --batch-size must be at least 1 and --learning-rate positive");
            }
            var trainPairs = LabelledPair.Load(parse.GetValue(train)!);
            var validationPairs = LabelledPair.Load(parse.GetValue(validation)!);
            var testPairs = parse.GetValue(test) is { } testPath ? LabelledPair.Load(testPath) : validationPairs;
            if (trainPairs.Count < 2 || validationPairs.Count < 2) throw new CliException("need at least 2 training and 2 validation pairs");

            // Only training texts shape the vocabulary and the embedding space: nothing of validation or test leaks in.
            string[] texts = [.. trainPairs.Select(p => p.Resume).Concat(trainPairs.Select(p => p.JobDescription)).Distinct(StringComparer.Ordinal)];
            var matcher = context.Progress.Run("Fitting the baseline", _ => BaselineMatcher.Fit(texts));
            var encoder = context.Progress.Run("Fitting the embedded encoder", _ => LsaEncoder.Fit(texts, new LsaOptions { Dimensions = 128, Seed = parse.GetValue(seed) }));
            var extractor = new MatchFeatureExtractor(matcher, encoder);
            var xTrain = await extractor.ExtractAsync([.. trainPairs.Select(p => (p.Resume, p.JobDescription))], cancellationToken).ConfigureAwait(false);
            var xValidation = await extractor.ExtractAsync([.. validationPairs.Select(p => (p.Resume, p.JobDescription))], cancellationToken).ConfigureAwait(false);
            var xTest = ReferenceEquals(testPairs, validationPairs)
                ? xValidation
                : await extractor.ExtractAsync([.. testPairs.Select(p => (p.Resume, p.JobDescription))], cancellationToken).ConfigureAwait(false);

            var scorer = MatchScorer.Train(xTrain, [.. trainPairs.Select(p => p.Score)], new MatchScorerOptions
            {
                Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch), LearningRate = parse.GetValue(rate), Seed = parse.GetValue(seed),
            });
            scorer.Calibrate(xValidation, [.. validationPairs.Select(p => p.Score)]);

            // The projection head: CoSENT fine-tuning of the frozen encoder's whole-text embeddings on the training pairs.
            var trainTriples = await TriplesAsync(encoder, trainPairs, cancellationToken).ConfigureAwait(false);
            var testTriples = await TriplesAsync(encoder, testPairs, cancellationToken).ConfigureAwait(false);
            var head = context.Progress.Run("Fine-tuning the projection head", _ => ProjectionHead.Train(trainTriples, new ProjectionHeadOptions { Seed = parse.GetValue(seed) }));
            double[] headScores = [.. testTriples.Select(t => (double)head.Cosine(t.A, t.B))];
            // A job's mean training score, for jobs that recur (a small set of vacancies shared by every split): what any
            // learned model can pick up without matching anything; a gain that only equals it is the jobs' prior, not matching.
            var jobMeans = trainPairs.GroupBy(p => p.JobDescription, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Average(p => p.Score), StringComparer.Ordinal);
            double overall = trainPairs.Average(p => p.Score);
            double[] jobPrior = [.. testPairs.Select(p => jobMeans.GetValueOrDefault(p.JobDescription, overall))];
            int recurringJobs = testPairs.Count(p => jobMeans.ContainsKey(p.JobDescription));

            double[] human = [.. testPairs.Select(p => p.Score)];
            double[] model = [.. xTest.Select(x => scorer.Score(x))];
            double[] probability = [.. xTest.Select(x => scorer.Probability(x))];
            double[] baseline = [.. testPairs.Select(p => matcher.Score(p.Resume, p.JobDescription).RawScore)];
            int semanticIndex = MatchFeatureExtractor.Names.ToList().IndexOf("semantic_text");
            double[] semantic = [.. xTest.Select(x => (double)x[semanticIndex])];
            var labels = human.Select(h => h >= 0.5 ? 1.0 : 0.0).ToArray();
            double brier = probability.Zip(labels, (p, l) => (p - l) * (p - l)).Average();
            double accuracy = probability.Zip(labels, (p, l) => (p >= 0.5 ? 1.0 : 0.0) == l ? 1.0 : 0.0).Average();

            if (parse.GetValue(predictions) is { } predictionsPath)
            {
                await using var writer = new StreamWriter(predictionsPath);
                await writer.WriteLineAsync("human,scorer,probability,baseline,zero_shot,projection_head,job_prior").ConfigureAwait(false);
                for (int i = 0; i < human.Length; i++)
                {
                    await writer.WriteLineAsync(string.Join(',', new[] { human[i], model[i], probability[i], baseline[i], semantic[i], headScores[i], jobPrior[i] }
                        .Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))).ConfigureAwait(false);
                }
            }
            var dir = parse.GetValue(output)!;
            Directory.CreateDirectory(dir);
            // The scorer only fits features of this baseline and this encoder: the three files are served together
            // (Matching:ScorerDirectory).
            await using (var stream = File.Create(Path.Combine(dir, "scorer.json"))) scorer.Save(stream);
            await using (var stream = File.Create(Path.Combine(dir, "baseline_model.json"))) matcher.Save(stream);
            await using (var stream = File.Create(Path.Combine(dir, "encoder.json"))) encoder.Save(stream);
            JsonOutput.Write(context.Stdout,
            [
                new("train_pairs", trainPairs.Count),
                new("validation_pairs", validationPairs.Count),
                new("test_pairs", testPairs.Count),
                new("scorer_pearson", RegressionMetrics.Pearson(model, human)),
                new("scorer_spearman", RegressionMetrics.Spearman(model, human)),
                new("baseline_pearson", RegressionMetrics.Pearson(baseline, human)),
                new("baseline_spearman", RegressionMetrics.Spearman(baseline, human)),
                new("zero_shot_semantic_pearson", RegressionMetrics.Pearson(semantic, human)),
                new("zero_shot_semantic_spearman", RegressionMetrics.Spearman(semantic, human)),
                new("projection_head_pearson", RegressionMetrics.Pearson(headScores, human)),
                new("projection_head_spearman", RegressionMetrics.Spearman(headScores, human)),
                new("job_prior_pearson", RegressionMetrics.Pearson(jobPrior, human)),
                new("job_prior_spearman", RegressionMetrics.Spearman(jobPrior, human)),
                new("test_pairs_with_a_training_job", recurringJobs),
                new("calibrated_brier", brier),
                new("calibrated_accuracy_at_0_5", accuracy),
                new("platt", new[] { scorer.PlattA, scorer.PlattB }),
                new("weights", MatchFeatureExtractor.Names.Zip(scorer.Weights).ToDictionary(p => p.First, p => Math.Round(p.Second, 4))),
                new("model", Path.Combine(dir, "scorer.json")),
            ], parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static async Task<List<(float[] A, float[] B, double Score)>> TriplesAsync(
        TalentFlow.ML.Encoders.IEncoder encoder, IReadOnlyList<LabelledPair> pairs, CancellationToken cancellationToken)
    {
        var resumes = await encoder.EmbedAsync([.. pairs.Select(p => p.Resume)], cancellationToken).ConfigureAwait(false);
        var jobs = await encoder.EmbedAsync([.. pairs.Select(p => p.JobDescription)], cancellationToken).ConfigureAwait(false);
        return [.. pairs.Select((p, i) => (resumes[i], jobs[i], p.Score))];
    }
}
