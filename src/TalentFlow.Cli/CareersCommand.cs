using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Careers;

namespace TalentFlow.Cli;

/// <summary>
/// <c>careers recommend --text TEXT | --file FILE [--top K] [--model FILE] [--onet DIR] [--json]</c>: offline career advice
/// from a local model (<c>train career</c>'s output); without <c>--model</c>, a model trained now on the generated sample
/// data (and O*NET when <c>--onet</c> is given), marked as sample.
/// </summary>
internal static class CareersCommand
{
    public static Command Create(CliContext context)
    {
        var text = new Option<string?>("--text") { Description = "Free text about the person (resume, profile, interests)." };
        var file = new Option<string?>("--file") { Description = "A resume file (PDF, DOCX or text)." };
        var top = new Option<int>("--top") { Description = "How many careers (1–50).", DefaultValueFactory = _ => 3 };
        var model = new Option<string?>("--model") { Description = "Model file from 'train career'; default: train one on sample data now." };
        var onet = new Option<string?>("--onet") { Description = "O*NET folder for the sample model's skills (only without --model)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var recommend = new Command("recommend", "Recommend careers, skills to learn and books for a person.") { text, file, top, model, onet, json };
        recommend.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(text) is null == parse.GetValue(file) is null) throw new CliException("give exactly one of --text and --file");
            if (parse.GetValue(top) is < 1 or > CareerAdvisor.MaxTop) throw new CliException($"--top must be 1–{CareerAdvisor.MaxTop}");
            var input = parse.GetValue(text) ?? (await new TalentFlow.ML.Documents.DocumentReader().ReadFileAsync(parse.GetValue(file)!, cancellationToken).ConfigureAwait(false)).Text;
            if (string.IsNullOrWhiteSpace(input)) throw new CliException("the text is empty");
            var careerModel = parse.GetValue(model) is { } path
                ? context.Progress.Run("Loading the career model", _ => CareerModel.Load(path))
                : context.Progress.Run("Training a sample career model", _ => CareerModelTrainer.Train(CareerDataSetLoader.Load(null),
                    parse.GetValue(onet) is { } dir ? OnetCatalog.Load(dir) : null, new CareerModelOptions { ClassifierKind = CareerClassifierKind.Mlp }, cancellationToken));
            var advice = new CareerAdvisor(careerModel).Recommend(input, parse.GetValue(top));
            Write(context.Stdout, advice, parse.GetValue(json));
            return 0;
        });
        var command = new Command("careers", "Career advice from a local model.") { recommend };
        return command;
    }

    private static void Write(TextWriter stdout, CareerAdvice advice, bool json)
    {
        if (json)
        {
            JsonOutput.Write(stdout,
            [
                new("model_version", advice.ModelVersion),
                new("is_sample", advice.IsSample),
                new("out_of_domain", advice.OutOfDomain),
                new("confidence_note", (object?)advice.ConfidenceNote ?? string.Empty),
                new("skills_found", advice.SkillsFound.ToArray()),
                new("careers", advice.Careers.Select(c => new Dictionary<string, object>
                {
                    ["career"] = c.Career,
                    ["confidence"] = Math.Round(c.Confidence, 4),
                    ["skills_to_learn"] = c.SkillsToLearn.ToArray(),
                    ["books"] = c.Books.Select(b => new Dictionary<string, string> { ["title"] = b.Title, ["author"] = b.Author }).ToArray(),
                }).ToArray()),
            ], json: true);
            return;
        }

        if (advice.IsSample) stdout.WriteLine("(model trained on generated sample data)");
        if (advice.ConfidenceNote is { } note) stdout.WriteLine($"(low confidence: {note})");
        foreach (var c in advice.Careers)
        {
            stdout.WriteLine($"{c.Career} ({c.Confidence:P0})");
            stdout.WriteLine($"  skills to learn: {(c.SkillsToLearn.Count == 0 ? "-" : string.Join(", ", c.SkillsToLearn.Take(15)))}");
            foreach (var b in c.Books) stdout.WriteLine($"  book: {b.Title}{(b.Author.Length > 0 ? " by " + b.Author : string.Empty)}");
        }
    }
}
