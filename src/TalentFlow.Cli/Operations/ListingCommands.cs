using System.CommandLine;
using System.Globalization;
using TalentFlow.Cli.Hosting;
using TalentFlow.Client.Http;
using TalentFlow.Contracts;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;

namespace TalentFlow.Cli.Operations;

/// <summary>
/// <c>jobs list</c> and <c>candidates list</c> <c>[--limit N] [--cursor C | --all] [--json]</c>: what a running cluster stores,
/// in id order, a page at a time (any role's key reads them). Text prints one line per item and, when more follow, the command
/// for the next page on stderr; <c>--json</c> prints the API's page, <c>{items, next_cursor}</c>. <c>--all</c> reads every
/// page, <c>--limit</c> items per call.
/// </summary>
internal static class ListingCommands
{
    public static Command Jobs(CliContext context)
    {
        var command = new Command("jobs", "The jobs of a running cluster.");
        command.Subcommands.Add(List(context, "jobs", (client, limit, cursor, ct) => Page(client.ListJobsAsync(limit, cursor, ct)),
            (client, limit, ct) => client.EnumerateJobsAsync(limit, ct), Job, JobLine));
        return command;
    }

    public static Command Candidates(CliContext context)
    {
        var command = new Command("candidates", "The candidates of a running cluster.");
        command.Subcommands.Add(List(context, "candidates", (client, limit, cursor, ct) => Page(client.ListCandidatesAsync(limit, cursor, ct)),
            (client, limit, ct) => client.EnumerateCandidatesAsync(limit, ct), Candidate, CandidateLine));
        return command;
    }

    private static Command List<T>(
        CliContext context,
        string noun,
        Func<TalentFlowHttpClient, int, string?, CancellationToken, Task<(IReadOnlyList<T> Items, string? NextCursor)>> page,
        Func<TalentFlowHttpClient, int, CancellationToken, IAsyncEnumerable<T>> all,
        Func<T, object> toJson,
        Func<T, string> toLine)
    {
        var api = new ApiConnection();
        var limit = new Option<int>("--limit")
        {
            Description = $"The most {noun} to print (with --all: per call), 1–{Paging.MaxLimit}. Default {Paging.DefaultLimit}.",
            DefaultValueFactory = _ => Paging.DefaultLimit,
        };
        var cursor = new Option<string?>("--cursor") { Description = "Continue after the previous page: its next_cursor." };
        var every = new Option<bool>("--all") { Description = $"Every one of the {noun}, page after page." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {items: [...], next_cursor}." };
        var command = new Command("list", $"List the {noun} in id order, a page at a time.") { limit, cursor, every, json };
        api.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(limit) is < 1 or > Paging.MaxLimit) result.AddError($"--limit must be {Paging.LimitRule}.");
            if (result.GetValue(every) && result.GetValue(cursor) is not null) result.AddError("--all reads from the first page; leave out --cursor.");
        });
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            int size = parse.GetValue(limit);
            IReadOnlyList<T> items;
            string? next = null;
            if (parse.GetValue(every))
            {
                var read = new List<T>();
                await foreach (var item in all(client, size, token).ConfigureAwait(false)) read.Add(item);
                items = read;
            }
            else
            {
                (items, next) = await page(client, size, parse.GetValue(cursor), token).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                // The API's own snake_case shape, not the SDK records' property names.
                JsonOutput.Write(context.Stdout, [new("items", items.Select(toJson).ToArray()), new("next_cursor", next!)], json: true);
                return 0;
            }
            if (items.Count == 0) context.Stdout.WriteLine($"no {noun}");
            foreach (var item in items) context.Stdout.WriteLine(toLine(item));
            if (next is not null)
            {
                context.Environment.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"more {noun} follow: talentflow {noun} list --limit {size} --cursor {next}"));
            }
            return 0;
        }, ct));
        return command;
    }

    private static async Task<(IReadOnlyList<JobSummary>, string?)> Page(Task<JobPage> call)
    {
        var page = await call.ConfigureAwait(false);
        return (page.Items, page.NextCursor);
    }

    private static async Task<(IReadOnlyList<CandidateSummary>, string?)> Page(Task<CandidatePage> call)
    {
        var page = await call.ConfigureAwait(false);
        return (page.Items, page.NextCursor);
    }

    private static object Job(JobSummary j) => new
    {
        id = j.Id, title = j.Title, company = j.Company, location = j.Location, experience_level = j.ExperienceLevel, updated_at = j.UpdatedAt,
    };

    private static object Candidate(CandidateSummary c) => new
    {
        id = c.Id, name = c.Name, total_years_experience = c.TotalYearsExperience, updated_at = c.UpdatedAt,
    };

    private static string JobLine(JobSummary j)
    {
        string where = string.Join(", ", new[] { j.Company, j.Location }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return $"{j.Id,-28} {j.Title}{(where.Length == 0 ? "" : $"  ({where})")}";
    }

    private static string CandidateLine(CandidateSummary c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Id,-28} {c.Name}  ({c.TotalYearsExperience:0.#} years)");
}
