using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using TalentFlow.Grains.Samples;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Requirements;
using TalentFlow.ML.Screening;
using TalentFlow.ML.Skills;

namespace TalentFlow.Benchmarks.UploadLatency;

/// <summary>
/// What the evidence finder's semantic pre-filter (<see cref="RequirementEvidenceOptions.SemanticPrefilter"/>) changes
/// (<c>evidence-check</c>): the job's requirements (proposed from the posting, as a job grain does) judged against resumes
/// with MiniLM, once embedding every sentence (before) and once per <c>--caps</c> value with the pre-filter, pair by pair:
/// requirements whose status agrees, pairs whose whole report agrees (statuses, coverages, failed knockouts, evidence), the
/// largest coverage difference, requirements decided by meaning, and the sentences and tokens sent to the encoder. Two sets:
/// real resumes (<c>--resumes</c> of <c>resume_pdf_categories</c>' held-out resumes × the one-paragraph O*NET jobs the
/// upload bench uses) and the silo's sample data (<see cref="SampleCorpus"/>: jobs with requirement sections × 48 resumes).
/// The screening score is not compared pair by pair: the job grain computes it before and apart from the evidence, which
/// decides only through a failed knockout (compared here).
/// </summary>
internal static class EvidenceCheckScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        string data = args.String("data") ?? Path.Combine("..", "shared", "data");
        int resumes = args.Int("resumes", 100), jobs = args.Int("jobs", 100), threads = args.Int("threads", 2);
        int[] caps = [.. (args.String("caps") ?? "600,32,16,8").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];

        var corpus = ScreeningCorpus.Load(Path.Combine(data, "resume_pdf_categories", "resumes.csv"), Path.Combine(data, "onet_occupations_tech_skills"), seed: 0);
        var proposer = new RequirementProposer();
        var realJobs = corpus.ProtocolJobs.Take(jobs).Select(j => proposer.Propose(j.Job.Description)).ToList();
        var realResumes = corpus.TestResumes.OrderBy(r => r.Id, StringComparer.Ordinal).Take(resumes).Select(r => r.Text).ToList();
        var sampleJobs = SampleCorpus.Jobs().Select(j => proposer.Propose(j.Posting.Description)).ToList();
        var sampleResumes = SampleCorpus.Candidates().Select(c => c.Resume.Text).ToList();

        // A cache large enough for every sentence: each is run through the model once, whichever configuration asks first.
        using var minilm = MiniLmModel.Load(new MiniLmOptions { IntraOpThreads = threads, EmbeddingCacheSize = 1_000_000 });
        // The upload bench's own pairs: its job against the distinct two-page resumes it uploads.
        var uploadJob = proposer.Propose(corpus.ProtocolJobs[0].Job.Description);
        var uploadResumes = UploadLatencyScenario.ManyTwoPages(corpus, 1000, 45);
        var sets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["upload_bench"] = await CompareAsync([uploadJob], uploadResumes, minilm, caps),
            ["real"] = await CompareAsync(realJobs, realResumes, minilm, caps),
            ["fixtures"] = await CompareAsync(sampleJobs, sampleResumes, minilm, caps),
        };
        return new
        {
            scenario = "evidence-check",
            encoder = minilm.VersionId,
            upload_bench = new { jobs = 1, requirements = uploadJob.Count, resumes = uploadResumes.Count },
            real = new { jobs = realJobs.Count, requirements = realJobs.Sum(j => j.Count), resumes = realResumes.Count },
            fixtures = new { jobs = sampleJobs.Count, requirements = sampleJobs.Sum(j => j.Count), resumes = sampleResumes.Count },
            results = sets,
        };
    }

    private static async Task<object> CompareAsync(List<IReadOnlyList<Requirement>> jobs, List<string> resumes, OnnxSentenceEncoder minilm, int[] caps)
    {
        var before = new CountingEncoder(minilm);
        var finder = new RequirementEvidenceFinder(new RequirementEvidenceOptions { SemanticPrefilter = false });
        var reference = new List<RequirementReport>();
        var clock = Stopwatch.StartNew();
        foreach (var requirements in jobs)
        {
            foreach (string resume in resumes)
            {
                reference.Add(await finder.AssessAsync(requirements, resume, before));
                before.CountWhole(resume);
            }
        }
        var rows = new List<object> { Row("all sentences (before)", before, reference, reference, clock.Elapsed) };
        foreach (int cap in caps)
        {
            var after = new CountingEncoder(minilm);
            var filtered = new RequirementEvidenceFinder(new RequirementEvidenceOptions { MaxSemanticSentences = cap });
            var reports = new List<RequirementReport>();
            clock.Restart();
            foreach (var requirements in jobs)
            {
                foreach (string resume in resumes)
                {
                    reports.Add(await filtered.AssessAsync(requirements, resume, after));
                    after.CountWhole(resume);
                }
            }
            rows.Add(Row("pre-filter, cap " + cap.ToString(CultureInfo.InvariantCulture), after, reference, reports, clock.Elapsed));
        }
        rows.Add(await MarginsAsync(jobs, resumes, reference, minilm));
        return rows;
    }

    /// <summary>
    /// How close the sentences the pre-filter leaves out came: for every requirement the words left unproven (the only ones
    /// the encoder is asked about), by what it shares with the resume (<see cref="RequirementEvidenceFinder.SemanticReach"/>),
    /// the highest cosine of any sentence with it, and of any sentence the default pre-filter does not embed, against the
    /// semantic threshold.
    /// </summary>
    private static async Task<object> MarginsAsync(List<IReadOnlyList<Requirement>> jobs, List<string> resumes, List<RequirementReport> reference, OnnxSentenceEncoder minilm)
    {
        var finder = new RequirementEvidenceFinder();
        var best = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var leftOut = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        int p = 0;
        foreach (var requirements in jobs)
        {
            foreach (string resume in resumes)
            {
                var report = reference[p++];
                var view = new RequirementEvidenceFinder.ResumeView(ResumeSentences.Split(resume), SkillVocabulary.Default);
                if (view.Sentences.Count == 0) continue;
                var vectors = await minilm.EmbedAsync([.. view.Sentences]);
                foreach (var item in report.Items.Where(i => i.Status == RequirementStatus.Missing || i.Evidence.Any(e => e.Basis == EvidenceBasis.Meaning)))
                {
                    var requirement = (await minilm.EmbedAsync([item.Requirement.Text]))[0];
                    var chosen = finder.SemanticCandidates([item.Requirement], view).ToHashSet();
                    string reach = finder.Rank(item.Requirement, view).Reach.ToString();
                    double all = -1, outside = -1;
                    for (int s = 0; s < vectors.Length; s++)
                    {
                        double cosine = TensorPrimitives.Dot(requirement, vectors[s]);
                        all = Math.Max(all, cosine);
                        if (!chosen.Contains(s)) outside = Math.Max(outside, cosine);
                    }
                    (CollectionsMarshal.GetValueRefOrAddDefault(best, reach, out _) ??= []).Add(all);
                    if (outside >= 0) (CollectionsMarshal.GetValueRefOrAddDefault(leftOut, reach, out _) ??= []).Add(outside);
                }
            }
        }
        return new
        {
            configuration = "margins of the default pre-filter (cosines of unproven requirements)",
            semantic_threshold = new RequirementEvidenceOptions().SemanticThreshold,
            by_reach = best.Keys.Order(StringComparer.Ordinal).ToDictionary(k => k, k => new
            {
                requirements = best[k].Count,
                best_cosine_max = Math.Round(best[k].Max(), 3),
                best_cosine_p50 = Math.Round(best[k].Order().ElementAt(best[k].Count / 2), 3),
                left_out_cosine_max = leftOut.TryGetValue(k, out var l) ? Math.Round(l.Max(), 3) : (double?)null,
                left_out_cosine_p99 = leftOut.TryGetValue(k, out var m) ? Math.Round(m.Order().ElementAt(Math.Min(m.Count - 1, (int)(0.99 * m.Count))), 3) : (double?)null,
            }),
        };
    }

    private static object Row(string name, CountingEncoder encoder, List<RequirementReport> before, List<RequirementReport> after, TimeSpan elapsed)
    {
        int items = 0, statusAgree = 0, pairsAgree = 0, knockoutsAgree = 0, meaning = 0;
        double maxCoverage = 0;
        for (int p = 0; p < before.Count; p++)
        {
            var (b, a) = (before[p], after[p]);
            bool same = true;
            for (int i = 0; i < b.Items.Count; i++)
            {
                items++;
                if (b.Items[i].Status == a.Items[i].Status) statusAgree++;
                if (a.Items[i].Evidence.Any(e => e.Basis == EvidenceBasis.Meaning)) meaning++;
                same &= b.Items[i].Status == a.Items[i].Status && b.Items[i].Evidence.SequenceEqual(a.Items[i].Evidence);
            }
            bool knockouts = b.FailedKnockouts.Select(k => k.Requirement.Id).SequenceEqual(a.FailedKnockouts.Select(k => k.Requirement.Id), StringComparer.Ordinal);
            if (knockouts) knockoutsAgree++;
            double diff = Math.Max(Math.Abs((b.MustHaveCoverage ?? 0) - (a.MustHaveCoverage ?? 0)), Math.Abs((b.NiceToHaveCoverage ?? 0) - (a.NiceToHaveCoverage ?? 0)));
            maxCoverage = Math.Max(maxCoverage, diff);
            if (same && knockouts && diff == 0) pairsAgree++;
        }
        return new
        {
            configuration = name,
            pairs = before.Count,
            requirements_judged = items,
            status_agreement_pct = Math.Round(100.0 * statusAgree / Math.Max(1, items), 2),
            report_agreement_pct = Math.Round(100.0 * pairsAgree / Math.Max(1, before.Count), 2),
            failed_knockouts_agreement_pct = Math.Round(100.0 * knockoutsAgree / Math.Max(1, before.Count), 2),
            max_coverage_difference = Math.Round(maxCoverage, 4),
            requirements_met_by_meaning = meaning,
            encoder_calls = encoder.Calls,
            calls_with_every_sentence = encoder.Whole,
            sentences_embedded_per_pair = Math.Round((double)encoder.Texts / Math.Max(1, before.Count), 1),
            tokens_embedded_per_pair = Math.Round((double)encoder.Tokens / Math.Max(1, before.Count), 1),
            seconds = Math.Round(elapsed.TotalSeconds, 1),
        };
    }

    /// <summary>The real encoder, counting the texts and tokens it is asked for.</summary>
    private sealed class CountingEncoder(OnnxSentenceEncoder inner) : IEncoder
    {
        public int Calls { get; private set; }

        public long Texts { get; private set; }

        public long Tokens { get; private set; }

        /// <summary>Calls that embedded every sentence of their resume.</summary>
        public int Whole { get; private set; }

        private int _last = -1;

        public int Dimension => inner.Dimension;

        /// <summary>Counts the call since the last <see cref="CountWhole"/>, if any, that held every sentence of <paramref name="resume"/>.</summary>
        public void CountWhole(string resume)
        {
            if (_last >= ResumeSentences.Split(resume).Count) Whole++;
            _last = -1;
        }

        public string VersionId => inner.VersionId;

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Calls++;
            _last = texts.Count - 1;
            Texts += texts.Count;
            Tokens += texts.Sum(t => (long)inner.Tokenize(t).Tokens);
            return inner.EmbedAsync(texts, cancellationToken);
        }
    }
}
