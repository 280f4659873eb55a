using System.Text.Json;
using TalentFlow.Benchmarks.ActiveLearning;
using TalentFlow.Benchmarks.Calls;
using TalentFlow.Benchmarks.Careers;
using TalentFlow.Benchmarks.ConvFm;
using TalentFlow.Benchmarks.Encoders;
using TalentFlow.Benchmarks.Failover;
using TalentFlow.Benchmarks.FineTune;
using TalentFlow.Benchmarks.Load;
using TalentFlow.Benchmarks.Loop;
using TalentFlow.Benchmarks.LoopEval;
using TalentFlow.Benchmarks.Rank;
using TalentFlow.Benchmarks.Recommend;
using TalentFlow.Benchmarks.Tfidf;
using TalentFlow.Benchmarks.Score;
using TalentFlow.Benchmarks.TopK;
using TalentFlow.Benchmarks.UploadLatency;
using TalentFlow.Benchmarks;

// Scenarios print one JSON object on stdout (CONTRACTS.md); anything else goes to stderr.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: TalentFlow.Benchmarks <scenario> [options] --json\n  calls [--seconds N] [--concurrency N] [--method-statistics on|off|passthrough]   grain calls, same silo and silo to silo\n  tfidf --corpus CSV [--repeat N]          TF-IDF fit + transform docs/s (CSV with a text column)\n  topk [--n N] [--d D] [--k K]              exact float32 top-k, one query at a time\n  rank [--data DIR] [--candidates N] [--distinct N] [--shards S] [--batch B] [--queries N] [--k K]   rank N MiniLM-embedded candidates for a job through the candidate shards (bulk-loaded): p50/p99 ms\n  recommend [--jobs N] [--k K] [--rankings N] [--shards S]   rank a job catalog for one user (content model): p50/p99 ms, ns per (user, job)\n  careers [--model FILE | --train CSV | --onet DIR] [--queries CSV] [--queries-count N] [--threads N] [--top K]   career advice p50/p99 ms per query\n  score [--calls N]                         score a cached candidate against a cached job, same silo\n  convfm --data DIR [--threads N] [--epochs N] [--users N] [--rankings N] [--singles N]   ConvFM train samples/s; µs per prediction (full network, scorer), single pair, rank 10k\n  encoder-fit [--docs N] [--data DIR] [--kinds lsa,subword] [--repeat N]   seconds to fit each embedded encoder\n  encode --texts CSV [--column C] [--limit N] [--max-length L] [--threads T] [--batch B] [--repeat R]   served MiniLM encoder texts/s, tokens/s, RSS\n  loop [--samples N]                        feedback → trained → live on 3 silos (one trainer)\n  loop-eval [--data DIR] [--jobs N] [--encoder lsa|minilm] [--silo-dll PATH]   the learning loop through the HTTP API: before/after F1, ROC-AUC, production_changed\n  upload-latency [--data DIR] [--uploads N] [--warmup N] [--words N] [--encoder lsa|minilm] [--resumes same|distinct] [--silo-dll PATH]   upload → decision of a two-page text resume on one silo: p50/p99 ms\n  upload-profile [--data DIR] [--repeat N] [--quantization none|int8] [--cache N] [--threads N]   the encoder and model calls of one upload, in process, timed one by one\n  evidence-check [--data DIR] [--resumes N] [--jobs N] [--caps 600,32,16,8] [--threads N]   requirement evidence with MiniLM, every sentence embedded vs the semantic pre-filter: agreement, sentences and tokens embedded\n  encoder-switch --make-deltas DIR [--count N] | --deltas DIR [--switches N] [--retained N] [--quantization none|int8] | --encoder lsa   VmRSS of a silo's encoder across fine-tuned version switches\n  failover [--data DIR] [--workers N] [--jobs N] [--before S] [--after-dead S] [--tail S] [--silo-dll PATH]   two silos on a throwaway PostgreSQL, B killed (SIGKILL) under upload + verdict load: statuses, dead after s, restarted serving after s, acknowledged writes lost\n  load --api-key KEY [--url U] [--rate N] [--seconds N] [--mix score|full]   open-loop HTTP load on a running cluster: p50/p99 ms\n  active-learning [--data DIR] [--seeds N] [--batch N] [--budget N] [--seed-size N] [--jobs A,B] [--first-line keep|drop] [--c C] [--out CSV]   uncertainty vs random sampling learning curves\n  finetune --resumes CSV --onet DIR [--loss cosent,contrastive] [--epochs N] [--batch N] [--learning-rate X] [--train-layers K] [--pairs-out DIR] [--served 1] [--seed N] | --anchor minilm_anchor.py [--speed-pairs N] [--rounds R]   MiniLM top-layer fine-tuning: held-out quality vs TF-IDF and zero-shot, or pairs/s vs the PyTorch anchor");
    return args.Length == 0 ? 2 : 0;
}
try
{
    object result = args[0] switch
    {
        "calls" => await CallsScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "tfidf" => TfidfScenario.Run(ScenarioArgs.Parse(args[1..])),
        "topk" => TopKScenario.Run(ScenarioArgs.Parse(args[1..])),
        "convfm" => ConvFmScenario.Run(ScenarioArgs.Parse(args[1..])),
        "encoder-fit" => EncoderFitScenario.Run(ScenarioArgs.Parse(args[1..])),
        "encode" => EncodeScenario.Run(ScenarioArgs.Parse(args[1..])),
        "rank" => await RankScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "recommend" => RecommendScenario.Run(ScenarioArgs.Parse(args[1..])),
        "careers" => CareersScenario.Run(ScenarioArgs.Parse(args[1..])),
        "score" => await ScoreScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "loop" => await LoopScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "loop-eval" => await LoopEvalScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "upload-latency" => await UploadLatencyScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "failover" => await FailoverScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "upload-profile" => await UploadProfileScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "evidence-check" => await EvidenceCheckScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "load" => await LoadScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        "active-learning" => ActiveLearningScenario.Run(ScenarioArgs.Parse(args[1..])),
        "finetune" => FineTuneScenario.Run(ScenarioArgs.Parse(args[1..])),
        "encoder-switch" => await EncoderSwitchScenario.RunAsync(ScenarioArgs.Parse(args[1..])),
        _ => throw new ArgumentException($"unknown scenario '{args[0]}'"),
    };
    Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
