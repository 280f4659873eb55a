using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Screening;

namespace TalentFlow.Cli;

/// <summary>
/// <c>eval screening --resumes CSV --occupations DIR [--model FILE] [--seed S] [--json]</c>: a screening model (default: the
/// built-in) on the held-out resumes × held-out occupations of <see cref="ScreeningCorpus"/> (the same split as training with
/// the same seed), and on the protocol (one held-out occupation per category), beside today's baseline score.
/// </summary>
internal static class EvalScreeningCommand
{
    public static Command Create(CliContext context)
    {
        var resumes = new Option<string>("--resumes") { Description = "CSV with ID, Category, Resume.", Required = true };
        var occupations = new Option<string>("--occupations") { Description = "O*NET folder (occupation_data.csv, technology_skills.csv).", Required = true };
        var modelPath = new Option<string?>("--model") { Description = "Screening model file; default: the built-in model." };
        var seed = new Option<int>("--seed") { Description = "Seed of the resume split (as at training).", DefaultValueFactory = _ => 0 };
        var verdicts = new Option<int>("--verdicts") { Description = "Also simulate the loop: this many reviewers' verdicts per protocol job (half shortlists) on half of the held-out resumes, each trainer variant trained once, measured on the other half; 0: none.", DefaultValueFactory = _ => 0 };
        var mapping = new Option<string?>("--mapping") { Description = "TSV of category<TAB>O*NET code (default: the embedded Screening/category_occupations.tsv)." };
        var ads = TrainScreeningCommand.AdsOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var cache = new Option<string?>("--encoder-cache") { Description = "A file keeping the encoder's embeddings between runs (see train screening)." };
        var loopRuns = new Option<int>("--loop-runs") { Description = "Also run the loop as the trainer grain does (bench loop-eval's plan, 5 folds, the gate, the refit served) on seeds 1..N, each procedure of the comparison; 0: none.", DefaultValueFactory = _ => 0 };
        var loopOnly = new Option<bool>("--loop-only") { Description = "With --loop-runs: skip the held-out evaluation before it (it embeds every held-out resume)." };
        var fallback = new Option<bool>("--fallback") { Description = "Measure what a silo without the model's encoder serves: its fallback without encoder features." };
        var command = new Command("screening", "Measure a screening model on held-out resumes and occupations.") { resumes, occupations, modelPath, seed, verdicts, loopRuns, loopOnly, mapping, ads, cache, fallback, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ScreeningModel model;
            if (parse.GetValue(modelPath) is { } path)
            {
                await using var stream = File.OpenRead(path);
                model = ScreeningModel.Load(stream);
            }
            else
            {
                model = ScreeningModel.BuiltIn;
            }
            var corpus = context.Progress.Run("Loading resumes and occupations", _ => ScreeningCorpus.Load(parse.GetValue(resumes)!, parse.GetValue(occupations)!, parse.GetValue(seed),
                parse.GetValue(mapping) is { } tsv ? CategoryOccupations.Parse(new StringReader(File.ReadAllText(tsv))) : null));
            var adsCorpus = parse.GetValue(ads) is { } adsDir ? context.Progress.Run("Loading job ads", _ => ScreeningAdsCorpus.Load(adsDir, parse.GetValue(seed))) : null;
            // A model trained with MiniLM cosines is measured with MiniLM (an LSA-trained model cannot be: its encoder is not kept).
            if (parse.GetValue(fallback)) model = model.Fallback ?? throw new CliException($"Screening model {model.Version} has no fallback (it uses no encoder).");
            TalentFlow.ML.Encoders.IEncoder? encoder = model.EncoderVersion is { } needed && needed.StartsWith(TalentFlow.ML.Onnx.MiniLmModel.Name, StringComparison.Ordinal)
                ? EncoderOptions.LoadMiniLm(new TalentFlow.ML.Onnx.MiniLmOptions(), context)
                : null;
            var cached = encoder is not null && parse.GetValue(cache) is { } cacheFile ? new CachedEncoder(encoder, cacheFile) : null;
            encoder = cached ?? encoder;
            var fields = new List<KeyValuePair<string, object>> { new("version", model.Version) };
            if (!(parse.GetValue(loopOnly) && parse.GetValue(loopRuns) > 0))
            {
                var evaluation = await ScreeningOfflineTraining.EvaluateAsync(model, corpus, encoder, ads: adsCorpus, cancellationToken: cancellationToken).ConfigureAwait(false);
                cached?.Save();
                fields = Fields(model, corpus, evaluation);
            }
            if (parse.GetValue(loopRuns) is > 0 and var runs)
            {
                var served = await ScreeningServedLoop.RunAsync(model, corpus, encoder, ScreeningServedLoop.Comparison, [.. Enumerable.Range(1, runs)],
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                cached?.Save();
                fields.Add(new("served_loop", LoopFields(served)));
            }
            if (parse.GetValue(verdicts) is > 0 and var perJob)
            {
                if (perJob < 4) throw new CliException("--verdicts must be at least 4");
                var loop = await ScreeningLoopSimulation.RunAsync(model, corpus, perJob, parse.GetValue(seed), cancellationToken: cancellationToken).ConfigureAwait(false);
                fields.Add(new("loop_verdicts", loop.Verdicts));
                fields.Add(new("loop_evaluation_pairs", loop.EvaluationPairs));
                fields.Add(new("loop_before", loop.Before.ToDictionary()));
                fields.Add(new("loop_after", loop.Variants.ToDictionary(v => v.Name, v => v.After.ToDictionary())));
                fields.Add(new("loop_trainer_held_out", loop.Variants.ToDictionary(v => v.Name, v => v.TrainerHeldOut.ToDictionary())));
            }
            JsonOutput.Write(context.Stdout, fields, parse.GetValue(json));
        });
        return command;
    }

    private static object LoopFields(IReadOnlyList<ScreeningServedLoopRun> runs) => new
    {
        runs = runs.Select(r => new
        {
            seed = r.Seed, verdicts = r.Verdicts, before_f1 = Math.Round(r.Before.F1, 4), before_roc_auc = Math.Round(r.Before.RocAuc, 4),
            procedures = r.Procedures.Select(p => new
            {
                name = p.Procedure, oof_auc = Math.Round(p.OutOfFoldAuc, 4), production_auc = Math.Round(p.ProductionAuc, 4),
                gain = Math.Round(p.Gain.Difference, 4), lower = Math.Round(p.Gain.Lower, 4), upper = Math.Round(p.Gain.Upper, 4), promoted = p.Promoted,
                lower_by_candidate = Math.Round(p.GainByCandidate.Lower, 4), upper_by_candidate = Math.Round(p.GainByCandidate.Upper, 4),
                served_f1 = Math.Round(p.Served.F1, 4), served_roc_auc = Math.Round(p.Served.RocAuc, 4), served_shortlisted = p.Served.Shortlisted,
                after_f1 = Math.Round(p.After.F1, 4), after_roc_auc = Math.Round(p.After.RocAuc, 4),
            }),
        }),
        summary = runs.SelectMany(r => r.Procedures.Select(p => (r.Before, p))).GroupBy(x => x.p.Procedure).Select(g => new
        {
            name = g.Key, runs = g.Count(), promoted = g.Count(x => x.p.Promoted),
            mean_before_f1 = Math.Round(g.Average(x => x.Before.F1), 4),
            mean_served_f1 = Math.Round(g.Average(x => x.p.Served.F1), 4), mean_served_roc_auc = Math.Round(g.Average(x => x.p.Served.RocAuc), 4),
            mean_after_f1 = Math.Round(g.Average(x => x.p.After.F1), 4), mean_oof_gain = Math.Round(g.Average(x => x.p.Gain.Difference), 4),
            mean_lower = Math.Round(g.Average(x => x.p.Gain.Lower), 4),
            promoted_by_candidate = g.Count(x => x.p.GainByCandidate.Lower > 0),
            goal_met = g.Count(x => x.p.Promoted && x.p.After.F1 >= 0.80 && x.p.After.F1 - x.Before.F1 >= 0.10),
        }),
    };

    internal static List<KeyValuePair<string, object>> Fields(ScreeningModel model, ScreeningCorpus corpus, ScreeningEvaluation evaluation) =>
    [
        new("version", model.Version),
        new("data_fingerprint", model.DataFingerprint),
        new("threshold", Math.Round(model.Threshold, 4)),
        new("train_resumes", corpus.TrainResumes.Count),
        new("test_resumes", corpus.TestResumes.Count),
        new("train_occupations", corpus.TrainJobs.Count),
        new("test_occupations", corpus.TestJobs.Count),
        new("held_out", evaluation.HeldOut.ToDictionary()),
        new("protocol", evaluation.Protocol.ToDictionary()),
        new("baseline_held_out", evaluation.BaselineHeldOut.ToDictionary()),
        new("baseline_protocol", evaluation.BaselineProtocol.ToDictionary()),
        .. (evaluation.Ads is { } adsMetrics ? (KeyValuePair<string, object>[])[new("ads", adsMetrics.ToDictionary()), new("baseline_ads", evaluation.BaselineAds!.ToDictionary())] : []),
        new("encoder", model.EncoderVersion ?? "none"),
        new("znorm", model.Background is { } background ? $"{background.Name} ({background.Resumes.Count} resumes, {background.Features.Count} features)" : "none"),
        new("weights", model.FeatureNames.Zip(model.Weights).ToDictionary(p => p.First, p => Math.Round(p.Second, 4))),
    ];
}
