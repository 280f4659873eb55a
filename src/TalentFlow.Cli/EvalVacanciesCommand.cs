using System.CommandLine;
using System.Globalization;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.Cli;

/// <summary>
/// <c>eval vacancies --data DIR [--fit-dir DIR] --json</c>: ranks every vacancy for each annotated CV by TF-IDF cosine and
/// compares with the human rankings that are permutations: mean NDCG@5 (gain = vacancies − place), mean Spearman, top-1
/// agreement; the same protocol as ../shared/anchors/vacancy_rank_anchor.py.
/// </summary>
internal static class EvalVacanciesCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Folder with vacancies.csv, cv_texts.csv, rankings_long.csv.", Required = true };
        var fitDir = new Option<string?>("--fit-dir") { Description = "Extra folder whose cv_texts.csv joins the TF-IDF fit corpus." };
        var model = new Option<string>("--model") { Description = "tfidf: whole-text cosine (the anchor's); sections: seed 000's per-section matcher.", DefaultValueFactory = _ => "tfidf" };
        model.AcceptOnlyFromAmong("tfidf", "sections");
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var encoder = EncoderOptions.Encoder("tfidf", "the whole-text cosine or the section cosines (lsa: fitted on the same corpus as TF-IDF)");
        var miniLm = EncoderOptions.MiniLmModel();
        var maxWindows = EncoderOptions.MaxWindows();
        var cache = EncoderOptions.EmbeddingCache();
        var command = new Command("vacancies", "Evaluate vacancy ranking against human rankings.") { data, fitDir, model, encoder, miniLm, maxWindows, cache, json };
        command.SetAction(parse =>
        {
            var sections = parse.GetValue(model) == "sections";
            var run = parse.GetValue(encoder) == "tfidf" ? null : new EncoderRun(parse.GetValue(encoder)!, parse.GetValue(miniLm), parse.GetValue(maxWindows), parse.GetValue(cache));
            JsonOutput.Write(context.Stdout, Run(context, parse.GetValue(data)!, parse.GetValue(fitDir), sections, run), parse.GetValue(json));
            return 0;
        });
        return command;
    }

    /// <summary>The <c>--encoder</c> settings of a run in an embedding space (null: TF-IDF).</summary>
    internal sealed record EncoderRun(string Encoder, string? MiniLmModel, int MaxWindows, string? Cache);

    internal static List<KeyValuePair<string, object>> Run(CliContext context, string dir, string? fitDir, bool sections = false, EncoderRun? encoder = null)
    {
        var vacancies = CsvTable.Read(Path.Combine(dir, "vacancies.csv"), "vacancy_number", "job_description");
        var cvRows = CsvTable.Read(Path.Combine(dir, "cv_texts.csv"), "cv_id", "resume_text");
        var cvs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in cvRows)
        {
            cvs[r["cv_id"]] = r["resume_text"];
        }

        var corpus = vacancies.Select(v => v["job_description"]).Concat(cvs.Values).ToList();
        if (fitDir is not null)
        {
            corpus.AddRange(CsvTable.Read(Path.Combine(fitDir, "cv_texts.csv"), "resume_text").Select(r => r["resume_text"]));
        }

        Func<string, double[]> similarities;
        using var space = encoder is null ? null : EvalEncoderSimilarity.Open(context, encoder.Encoder, sections, corpus, encoder.MiniLmModel, encoder.MaxWindows, encoder.Cache);
        if (space is not null)
        {
            var jobTexts = vacancies.Select(v => v["job_description"]).ToArray();
            context.Progress.Run("Embedding vacancies and CVs", _ => { space.Prepare([.. jobTexts, .. cvs.Values]); return 0; });
            similarities = text => jobTexts.Select(j => space.Score(text, j)).ToArray();
        }
        else if (sections)
        {
            var matcher = context.Progress.Run("Fitting section vectorizers", _ => BaselineMatcher.Fit(corpus));
            var jobs = vacancies.Select(v => matcher.Prepare(v["job_description"])).ToArray();
            similarities = text =>
            {
                var resume = matcher.Prepare(text);
                return jobs.Select(j => matcher.Score(resume, j).RawScore).ToArray();
            };
        }
        else
        {
            var model = context.Progress.Run("Fitting TF-IDF", _ => TfidfVectorizer.Fit(corpus));
            CliLog.Vocabulary(context.Logger, model.Terms.Count);
            var vacancyVectors = model.Transform(vacancies.Select(v => v["job_description"]).ToList());
            similarities = text =>
            {
                var v = model.Transform(text);
                return vacancyVectors.Select(x => (double)v.Dot(x)).ToArray();
            };
        }

        CliLog.RowsRead(context.Logger, vacancies.Count, Path.Combine(dir, "vacancies.csv"));
        CliLog.RowsRead(context.Logger, cvRows.Count, Path.Combine(dir, "cv_texts.csv"));
        var numbers = vacancies.Select(v => int.Parse(v["vacancy_number"], CultureInfo.InvariantCulture)).ToArray();

        var human = new SortedDictionary<(string Cv, string Annotator), Dictionary<int, int>>();
        foreach (var r in CsvTable.Read(Path.Combine(dir, "rankings_long.csv"), "cv_id", "annotator", "place", "vacancy_number", "ranking_is_permutation"))
        {
            if (r["ranking_is_permutation"] != "true")
            {
                continue;
            }

            var key = (r["cv_id"], r["annotator"]);
            if (!human.TryGetValue(key, out var places))
            {
                human[key] = places = [];
            }

            places[int.Parse(r["vacancy_number"], CultureInfo.InvariantCulture)] = int.Parse(r["place"], CultureInfo.InvariantCulture);
        }

        List<double> ndcg = [], spearman = [], top1 = [];
        foreach (var ((cv, _), places) in human)
        {
            if (!cvs.TryGetValue(cv, out var text) || places.Count != vacancies.Count)
            {
                continue;
            }

            var sims = similarities(text);
            var order = Enumerable.Range(0, sims.Length).OrderByDescending(i => sims[i]).Select(i => numbers[i]).ToArray();
            var gains = order.Select(n => (double)(vacancies.Count - places[n])).ToArray();
            ndcg.Add(RankingMetrics.Ndcg(gains, gains.OrderDescending().ToArray()));
            var sorted = places.Keys.Order().ToArray();
            var rho = RegressionMetrics.Spearman(sorted.Select(n => sims[Array.IndexOf(numbers, n)]).ToArray(), sorted.Select(n => (double)-places[n]).ToArray());
            if (!double.IsNaN(rho))
            {
                spearman.Add(rho);
            }

            top1.Add(order[0] == places.MinBy(p => p.Value).Key ? 1 : 0);
        }

        if (ndcg.Count == 0)
        {
            throw new CliException($"{dir}: no complete human rankings to compare with");
        }

        return
        [
            new("model", (encoder?.Encoder ?? "tfidf") + (sections ? "-sections" : "")),
            new("encoder", space?.VersionId ?? "tfidf"),
            new("ndcg@5", ndcg.Average()),
            new("spearman", spearman.Count > 0 ? spearman.Average() : double.NaN),
            new("top1_agreement", top1.Average()),
            new("rankings", ndcg.Count),
        ];
    }
}
