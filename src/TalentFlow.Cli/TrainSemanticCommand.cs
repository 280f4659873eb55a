using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.Cli;

/// <summary>
/// <c>train semantic --train PAIRS --validation PAIRS [--base-model DIR] [--epochs] [--batch-size] [--learning-rate]
/// [--max-seq-length] [--train-layers K] [--loss cosent|contrastive] [--device auto|cpu|cuda] --output DIR [--json]</c>:
/// fine-tunes the top K layers of the sentence encoder (all-MiniLM-L6-v2 unless <c>--base-model</c>) on labelled pairs
/// (<see cref="LabelledPair"/>: seed JSON or CSV), in C# (<see cref="MiniLmTopFineTuner"/>), and writes a model folder the
/// served encoder loads. Prints device, pairs/s and the validation Spearman and ROC-AUC before and after.
/// </summary>
internal static class TrainSemanticCommand
{
    public static Command Create(CliContext context)
    {
        var train = new Option<string>("--train") { Description = "Training pairs: JSON [{resume, job_description, score}] or CSV with those columns.", Required = true };
        var validation = new Option<string>("--validation") { Description = "Held-out pairs, same format.", Required = true };
        var baseModel = new Option<string?>("--base-model") { Description = "Folder with model.onnx and vocab.txt (default: the served all-MiniLM-L6-v2)." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training pairs.", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch-size") { Description = "Pairs per step.", DefaultValueFactory = _ => 16 };
        var rate = new Option<double>("--learning-rate") { Description = "Peak AdamW learning rate.", DefaultValueFactory = _ => 2e-5 };
        var warmup = new Option<int>("--warmup-steps") { Description = "Linear warm-up steps, then linear decay.", DefaultValueFactory = _ => 100 };
        var maxLength = new Option<int>("--max-seq-length") { Description = "Tokens per text while training (serving keeps 256).", DefaultValueFactory = _ => 128 };
        var layers = new Option<int>("--train-layers") { Description = "Top transformer layers to train (1..6 for MiniLM); the rest are frozen.", DefaultValueFactory = _ => 1 };
        var loss = new Option<string>("--loss") { Description = "cosent (every labelled pair) or contrastive (in-batch InfoNCE on the positives).", DefaultValueFactory = _ => "cosent" };
        loss.AcceptOnlyFromAmong("cosent", "contrastive");
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda (the C# trainer runs on the CPU; cuda falls back with a warning).", DefaultValueFactory = _ => "auto" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = one per core).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the shuffling.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output") { Description = "Folder for the tuned model (model.onnx, vocab.txt, finetune.json).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("semantic", "Fine-tune the sentence encoder's top layers on labelled pairs.")
        {
            train, validation, baseModel, epochs, batch, rate, warmup, maxLength, layers, loss, device, threads, seed, output, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new EncoderFineTuneOptions
            {
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(rate),
                WarmupSteps = parse.GetValue(warmup),
                MaxSequenceLength = parse.GetValue(maxLength),
                TrainLayers = parse.GetValue(layers),
                Loss = parse.GetValue(loss) == "contrastive" ? FineTuneLoss.Contrastive : FineTuneLoss.CoSent,
                Device = parse.GetValue(device) switch { "cpu" => FineTuneDevice.Cpu, "cuda" => FineTuneDevice.Cuda, _ => FineTuneDevice.Auto },
                Threads = parse.GetValue(threads),
                Seed = parse.GetValue(seed),
            };
            if (options.TrainLayers < 1)
            {
                throw new CliException($"--train-layers {options.TrainLayers} is out of range: 1 up to the model's layer count (6 for all-MiniLM-L6-v2)");
            }

            if (parse.GetValue(baseModel) is { } dir && !Directory.Exists(dir))
            {
                throw new CliException($"base model folder not found: {dir}");
            }

            var trainPairs = ToPairs(LabelledPair.Load(parse.GetValue(train)!));
            var validationPairs = ToPairs(LabelledPair.Load(parse.GetValue(validation)!));
            var request = new EncoderFineTuneRequest(trainPairs, validationPairs, parse.GetValue(output)!)
            {
                BaseModelDirectory = parse.GetValue(baseModel),
                Options = options,
            };
            EncoderFineTuneResult result;
            try
            {
                result = await new MiniLmTopFineTuner(context.Logger).FineTuneAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (FineTuneException e)
            {
                throw new CliException(e.Message);
            }
            catch (OnnxModelException e)
            {
                throw new CliException($"{e.Kind}: {e.Message}");
            }

            JsonOutput.Write(context.Stdout,
            [
                new("device", result.Device),
                new("pairs_per_s", result.PairsPerSecond),
                new("train_pairs", result.TrainPairs),
                new("validation_pairs", result.ValidationPairs),
                new("validation_spearman_before", result.Before.Spearman),
                new("validation_spearman_after", result.After.Spearman),
                new("validation_auc_before", result.Before.RocAuc),
                new("validation_auc_after", result.After.RocAuc),
                new("output", result.OutputDirectory!),
                new("version_id", result.VersionId),
                new("model_sha256", result.ModelSha256),
                new("loss", parse.GetValue(loss)!),
                new("train_layers", options.TrainLayers),
                new("steps", result.Steps),
                new("epoch_losses", result.EpochLosses.ToArray()),
            ], parse.GetValue(json));
        });
        return command;
    }

    private static TextPair[] ToPairs(IReadOnlyList<LabelledPair> pairs) =>
        [.. pairs.Select(p => new TextPair(p.Resume, p.JobDescription, p.Score))];
}
