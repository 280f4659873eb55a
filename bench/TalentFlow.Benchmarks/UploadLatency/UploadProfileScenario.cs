using System.Diagnostics;
using System.Globalization;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Requirements;
using TalentFlow.ML.Screening;

namespace TalentFlow.Benchmarks.UploadLatency;

/// <summary>
/// Where an upload's time goes (<c>upload-profile</c>): the same resume and job as <c>upload-latency</c>, and the encoder
/// and model calls an upload makes on the silo, in process and timed one by one (median of <c>--repeat</c>): the
/// candidate's own embedding (CandidateGrain, the resume), the screening features without and with the encoder (parse, TF-IDF,
/// coverage; the encoder embeds resume, headline and experience section), the requirement evidence without and with the
/// encoder (the job's proposed requirements the words leave unproven and the sentences the pre-filter keeps;
/// <c>…_every_sentence</c>: every sentence, as before the pre-filter). Not the grain path itself (no HTTP, storage or
/// grain calls): the share of each part, measured with the same objects the silo serves.
/// </summary>
internal static class UploadProfileScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        string data = args.String("data") ?? Path.Combine("..", "shared", "data");
        int repeat = args.Int("repeat", 20), words = args.Int("words", 1000), threads = args.Int("threads", 2);
        var quantization = EncoderQuantization(args.String("quantization") ?? "none");
        var corpus = ScreeningCorpus.Load(Path.Combine(data, "resume_pdf_categories", "resumes.csv"), Path.Combine(data, "onet_occupations_tech_skills"), seed: 0);
        var job = corpus.ProtocolJobs[0].Job;
        var (_, resume) = UploadLatencyScenario.TwoPages(corpus, words);
        // A different resume each round, so that the encoder's cache answers only what one upload repeats.
        var pool = UploadLatencyScenario.ManyTwoPages(corpus, words, repeat + 2);

        using var encoder = MiniLmModel.Load(new MiniLmOptions { IntraOpThreads = threads, Quantization = quantization, EmbeddingCacheSize = int.Parse(args.String("cache") ?? "256", CultureInfo.InvariantCulture) });
        var model = ScreeningModel.BuiltIn;
        var plain = new ScreeningFeatures(model.Vocabulary);
        var encoded = new ScreeningFeatures(model.Vocabulary, encoder);
        var requirements = new RequirementProposer().Propose(job.Description);
        var before = new RequirementEvidenceFinder(new RequirementEvidenceOptions { SemanticPrefilter = false });
        var finder = new RequirementEvidenceFinder();
        var sentences = ResumeSentences.Split(resume);

        var steps = new (string Name, Func<string, Task> Run)[]
        {
            ("candidate_embedding", t => encoder.EmbedAsync([t])),
            ("features_without_encoder", t => plain.PrepareResumeAsync(t)),
            ("features_with_encoder", t => encoded.PrepareResumeAsync(t)),
            ("evidence_without_encoder", t => finder.AssessAsync(requirements, t, null)),
            ("evidence_with_encoder", t => finder.AssessAsync(requirements, t, encoder)),
            ("evidence_with_encoder_every_sentence", t => before.AssessAsync(requirements, t, encoder)),
        };
        var times = steps.ToDictionary(s => s.Name, _ => new List<double>());
        for (int i = -2; i < repeat; i++)
        {
            string text = pool[i + 2] + string.Create(CultureInfo.InvariantCulture, $"\nReference {i + 3}\n");
            foreach (var (name, run) in steps)
            {
                var t0 = Stopwatch.GetTimestamp();
                await run(text);
                if (i >= 0) times[name].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }

        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, list) in times) result[name + "_ms"] = Math.Round(list.Order().ElementAt(list.Count / 2), 1);
        result["resume_chars_mean"] = Math.Round(pool.Average(r => r.Length));
        result["first_resume_chars"] = resume.Length;
        result["resume_tokens"] = encoder.Tokenize(resume).Tokens;
        result["requirements"] = requirements.Count;
        result["sentences_first_resume"] = sentences.Count;
        result["sentence_tokens_first_resume"] = sentences.Sum(s => encoder.Tokenize(s).Tokens) + requirements.Sum(r => encoder.Tokenize(r.Text).Tokens);
        result["encoder"] = encoder.VersionId;
        result["threads"] = threads;
        result["repeat"] = repeat;
        return result;
    }

    private static OnnxQuantization EncoderQuantization(string value) => TalentFlow.Benchmarks.Encoders.EncodeQuantizationComparison.Parse(value);
}
