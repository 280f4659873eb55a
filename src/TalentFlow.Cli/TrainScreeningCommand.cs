using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Screening;

namespace TalentFlow.Cli;

/// <summary>
/// <c>train screening --resumes CSV --occupations DIR --output FILE [--seed S] [--vocabulary onet+resumes|onet] [--per-job-offsets] [--json]</c>:
/// the built-in screening model. Resumes of known category (<c>ID,Category,Resume</c>) against O*NET occupations posted as
/// one-paragraph jobs, positive when the categories match (<see cref="ScreeningCorpus"/>: neither a resume nor an occupation
/// on both sides); fits the text space and the model (<see cref="ScreeningOfflineTraining"/>), writes the artifact and prints its
/// held-out metrics beside today's baseline score. Same inputs and seed, same file.
/// </summary>
internal static class TrainScreeningCommand
{
    public static Command Create(CliContext context)
    {
        var resumes = new Option<string>("--resumes") { Description = "CSV with ID, Category, Resume (e.g. ../shared/data/resume_pdf_categories/resumes.csv).", Required = true };
        var occupations = new Option<string>("--occupations") { Description = "O*NET folder (occupation_data.csv, technology_skills.csv).", Required = true };
        var output = new Option<string>("--output") { Description = "Model file to write.", DefaultValueFactory = _ => "screening_model.json" };
        var seed = new Option<int>("--seed") { Description = "Seed of the resume split and the calibration folds.", DefaultValueFactory = _ => 0 };
        var vocabulary = new Option<string>("--vocabulary") { Description = "onet: the TF-IDF vocabulary from O*NET texts only; onet+resumes: also the training resumes.", DefaultValueFactory = _ => "onet+resumes" };
        vocabulary.AcceptOnlyFromAmong("onet", "onet+resumes");
        var perJob = new Option<bool>("--per-job-offsets") { Description = "Fit per-occupation offsets too (GLMix); they never apply to new jobs." };
        var dump = new Option<string?>("--dump-features") { Description = "Also write DIR/train.csv and DIR/test.csv: job, candidate, category, label and the features of every pair (no text), for analysis." };
        var mapping = new Option<string?>("--mapping") { Description = "TSV of category<TAB>O*NET code (default: the embedded Screening/category_occupations.tsv)." };
        var encoder = EncoderOption();
        var ads = AdsOption();
        var trainOnAds = new Option<string>("--train-on-ads") { Description = "yes: the training ads of --ads join the training pairs (a second wording of jobs); no: they are only measured.", DefaultValueFactory = _ => "yes" };
        trainOnAds.AcceptOnlyFromAmong("yes", "no");
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var cache = new Option<string?>("--encoder-cache") { Description = "A file keeping the encoder's embeddings between runs (hashes of texts and vectors, no text): the next run re-encodes nothing." };
        var znorm = new Option<string>("--znorm")
        {
            Description = "Per-job z-normalisation of the similarity features against a background pool: none; synthetic (the repository's synthetic resumes, shippable); occupations (synthetic resumes written from the occupation titles and profile words the model ships); train-resumes (training resumes, to measure what the synthetic pool costs — the model file then holds their texts: never ship it); train-centroid (the average of --background-size training resumes' vectors: the dot-product features centred per job; the file holds averages only).",
            DefaultValueFactory = _ => "none",
        };
        znorm.AcceptOnlyFromAmong("none", "synthetic", "occupations", "train-resumes", "train-centroid");
        var znormFeatures = new Option<string?>("--znorm-features") { Description = "Comma-separated features --znorm normalises (default: every similarity and coverage)." };
        var znormMinScale = new Option<double>("--znorm-min-scale") { Description = "Floor of a job's deviation over the pool; a large value (1000) only centres.", DefaultValueFactory = _ => 0.01 };
        var backgroundSize = new Option<int>("--background-size") { Description = "Resumes in the background pool of --znorm.", DefaultValueFactory = _ => 48 };
        var command = new Command("screening", "Train the built-in screening model (calibrated P(shortlist)).") { resumes, occupations, output, seed, vocabulary, perJob, dump, mapping, encoder, ads, trainOnAds, cache, znorm, backgroundSize, znormFeatures, znormMinScale, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var corpus = context.Progress.Run("Loading resumes and occupations", _ => ScreeningCorpus.Load(parse.GetValue(resumes)!, parse.GetValue(occupations)!, parse.GetValue(seed),
                parse.GetValue(mapping) is { } tsv ? CategoryOccupations.Parse(new StringReader(File.ReadAllText(tsv))) : null));
            var options = new ScreeningOfflineOptions
            {
                Seed = parse.GetValue(seed),
                VocabularyFromResumes = parse.GetValue(vocabulary) == "onet+resumes",
                Trainer = new ScreeningModelTrainer.Options { PerJobOffsets = parse.GetValue(perJob), PerJobCoefficients = false },
                TrainOnAds = parse.GetValue(trainOnAds) == "yes",
                Normalisation = parse.GetValue(znorm) switch
                {
                    "synthetic" => ScreeningBackgroundKind.Synthetic,
                    "occupations" => ScreeningBackgroundKind.Occupations,
                    "train-resumes" => ScreeningBackgroundKind.TrainingResumes,
                    "train-centroid" => ScreeningBackgroundKind.TrainingCentroid,
                    _ => ScreeningBackgroundKind.None,
                },
                BackgroundSize = parse.GetValue(backgroundSize) is >= 2 and var size ? size : throw new CliException("--background-size must be at least 2"),
                BackgroundFeatures = parse.GetValue(znormFeatures)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                BackgroundMinScale = parse.GetValue(znormMinScale) is > 0 and var floor ? floor : throw new CliException("--znorm-min-scale must be positive"),
            };
            var adsCorpus = parse.GetValue(ads) is { } adsDir ? context.Progress.Run("Loading job ads", _ => ScreeningAdsCorpus.Load(adsDir, parse.GetValue(seed))) : null;
            var textEncoder = CreateEncoder(parse.GetValue(encoder)!, corpus, options.TrainOnAds ? adsCorpus : null, context);
            var cached = textEncoder is not null && parse.GetValue(cache) is { } cacheFile ? new CachedEncoder(textEncoder, cacheFile) : null;
            textEncoder = cached ?? textEncoder;
            if (parse.GetValue(dump) is { } dumpDir)
            {
                var (features, train, test) = await ScreeningOfflineTraining.BuildPairsAsync(corpus, options, textEncoder, adsCorpus, cancellationToken).ConfigureAwait(false);
                Directory.CreateDirectory(dumpDir);
                foreach (var (name, pairs) in new[] { ("train", train), ("test", test) })
                {
                    await using var writer = new StreamWriter(Path.Combine(dumpDir, name + ".csv"));
                    await writer.WriteLineAsync("job,candidate,label," + string.Join(',', features.Names)).ConfigureAwait(false);
                    foreach (var e in pairs)
                    {
                        await writer.WriteLineAsync(FormattableString.Invariant($"{e.JobId},{e.CandidateId},{(e.Shortlisted ? 1 : 0)},") + string.Join(',', e.Features.Select(f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))).ConfigureAwait(false);
                    }
                }
            }
            var (model, evaluation) = await ScreeningOfflineTraining.TrainAsync(corpus, options, textEncoder, adsCorpus, cancellationToken).ConfigureAwait(false);
            cached?.Save();
            var path = parse.GetValue(output)!;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
            await using (var stream = File.Create(path)) model.Save(stream);
            JsonOutput.Write(context.Stdout, [new("model_path", path), .. EvalScreeningCommand.Fields(model, corpus, evaluation)], parse.GetValue(json));
        });
        return command;
    }

    internal static Option<string> EncoderOption()
    {
        var option = new Option<string>("--encoder")
        {
            Description = "Sentence-encoder cosines as features: none; lsa (the embedded LSA encoder fitted on the training texts, 128 dimensions, seed 0 — measured only: the silo's LSA is another fit, so a model trained with it is never served); minilm (the served all-MiniLM-L6-v2, beside the binaries).",
            DefaultValueFactory = _ => "none",
        };
        option.AcceptOnlyFromAmong("none", "lsa", "minilm");
        return option;
    }

    internal static Option<string?> AdsOption() => new("--ads")
    {
        Description = "Data folder with glassdoor_ds_job_postings, vacancy_resume_ranking and updated_resume_dataset (e.g. ../shared/data): real job ads, another wording, measured held out (and trained on, see --train-on-ads).",
    };

    /// <summary>The encoder named by <c>--encoder</c>; null for none.</summary>
    internal static TalentFlow.ML.Encoders.IEncoder? CreateEncoder(string name, ScreeningCorpus corpus, ScreeningAdsCorpus? ads, CliContext context) => name switch
    {
        "minilm" => EncoderOptions.LoadMiniLm(new TalentFlow.ML.Onnx.MiniLmOptions(), context),
        "lsa" => context.Progress.Run("Fitting the LSA encoder", _ => TalentFlow.ML.Semantic.EmbeddedEncoder.Fit(
            [.. corpus.TrainResumes.Select(r => r.Text), .. corpus.TrainJobs.Select(j => j.Job.Title + "\n" + j.Job.Description),
             .. ads?.TrainJobs.Select(j => j.Job.Title + "\n" + j.Job.Description) ?? [], .. ads?.TrainResumes.Select(r => r.Text) ?? []],
            TalentFlow.ML.Semantic.EmbeddedEncoderKind.Lsa, seed: 0, dimensions: 128)),
        _ => null,
    };
}
