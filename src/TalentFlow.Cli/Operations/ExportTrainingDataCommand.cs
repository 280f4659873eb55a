using System.CommandLine;
using System.Globalization;
using CsvHelper;
using TalentFlow.Cli.Hosting;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Cli.Operations;

/// <summary>
/// <c>export-training-data --output FILE [--min-confidence X] [--days N] [--status reviewed|completed|disagreed]</c>, seed
/// 002's <c>export_training_data.py</c>: the running cluster's labelled screening results as CSV — <c>resume,
/// job_description, score</c> (the columns <c>train baseline|scorer</c> and <c>eval match</c> read; score is the reviewer's
/// score, else the label 1 or 0), <c>label</c> and the verdict's details.
/// The file holds resume texts: personal data.
/// </summary>
internal static class ExportTrainingDataCommand
{
    public static Command Create(CliContext context)
    {
        var api = new ApiConnection();
        var output = new Option<string>("--output") { Description = "The CSV file to write.", Required = true };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Only verdicts at least this sure: 1 for a decision, |2·score − 1| for a score. Default 0." };
        var days = new Option<int?>("--days") { Description = "Only verdicts of the last N days." };
        var status = new Option<string>("--status") { Description = "reviewed (every labelled result; completed means the same) or disagreed (the reviewer corrected the model).", DefaultValueFactory = _ => "reviewed" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("export-training-data", "Write the cluster's labelled screening results as training CSV.") { output, minConfidence, days, status, json };
        api.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var filter = new TrainingSampleFilter(parse.GetValue(status)!, parse.GetValue(days), parse.GetValue(minConfidence));
            filter.Validate();
            string path = parse.GetValue(output)!;
            return api.RunAsync(parse, async (client, token) =>
            {
                var samples = await client.ExportTrainingSamplesAsync(filter, token).ConfigureAwait(false);
                // Written to a temporary file first: an interrupted export never leaves half a CSV under the asked name.
                string partial = path + ".partial";
                await using (var writer = new StreamWriter(partial))
                await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
                {
                    foreach (var header in Columns) csv.WriteField(header);
                    await csv.NextRecordAsync().ConfigureAwait(false);
                    foreach (var s in samples)
                    {
                        csv.WriteField(s.ResumeText);
                        csv.WriteField(s.JobDescription);
                        csv.WriteField((s.HumanScore ?? s.Label).ToString("R", CultureInfo.InvariantCulture));
                        csv.WriteField(s.Label);
                        csv.WriteField(s.ResultId);
                        csv.WriteField(s.HumanDecision ?? "");
                        csv.WriteField(s.HumanScore?.ToString("R", CultureInfo.InvariantCulture) ?? "");
                        csv.WriteField(s.Confidence.ToString("R", CultureInfo.InvariantCulture));
                        csv.WriteField(s.ModelScore.ToString("R", CultureInfo.InvariantCulture));
                        csv.WriteField(s.ModelDecision);
                        csv.WriteField(s.NeedsRetraining);
                        csv.WriteField(s.Notes ?? "");
                        csv.WriteField(s.ReviewedAt.ToString("O", CultureInfo.InvariantCulture));
                        await csv.NextRecordAsync().ConfigureAwait(false);
                    }
                }
                File.Move(partial, path, overwrite: true);
                int positive = samples.Count(s => s.Label == 1);
                JsonOutput.Write(context.Stdout,
                    [new("output", path), new("samples", samples.Count), new("positive", positive), new("negative", samples.Count - positive)], parse.GetValue(json));
                return 0;
            }, ct);
        });
        return command;
    }

    private static readonly string[] Columns =
        ["resume", "job_description", "score", "label", "result_id", "human_decision", "human_score", "confidence", "model_score", "model_decision", "needs_retraining", "notes", "reviewed_at"];
}
