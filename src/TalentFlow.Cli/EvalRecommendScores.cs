using TalentFlow.ML.Metrics;

namespace TalentFlow.Cli;

/// <summary>
/// What <c>eval recommend</c> accumulates per model: the rank of each held-out job (HR@10, NDCG@10, overall and for cold-start
/// users apart), and scored pairs for the pair metrics — each held-out job against 4 sampled unviewed catalog jobs
/// (<c>pairs_*</c>) and against 4 sampled from the content top k (<c>top_pairs_*</c>). Models marked as giving logits get
/// the thresholded metrics on sigmoid(score); the others (popularity, content) only ROC-AUC.
/// </summary>
internal sealed class EvalRecommendScores(IReadOnlyList<string> names, IReadOnlyList<bool> logits)
{
    private readonly Column[] _columns = [.. names.Select(_ => new Column())];

    public IReadOnlyList<string> Names => names;

    public int Users => _columns.Length > 0 ? _columns[0].All.Count : 0;

    public int ColdUsers => _columns.Length > 0 ? _columns[0].Cold.Count : 0;

    /// <summary>Records a 0-based rank; a negative or huge rank is a miss.</summary>
    public void AddRank(int model, int rank, bool cold)
    {
        var gain = rank is >= 0 and < 10 ? 1 / Math.Log2(rank + 2) : 0;
        _columns[model].All.Add(gain);
        if (cold)
        {
            _columns[model].Cold.Add(gain);
        }
    }

    /// <summary>Records a scored pair (a logit for models that give one).</summary>
    public void AddPair(int model, bool fromTop, double score, bool positive)
    {
        var list = fromTop ? _columns[model].TopPairs : _columns[model].Pairs;
        list.Add((score, positive));
    }

    public void WriteTo(List<KeyValuePair<string, object>> fields, string main)
    {
        var m = names.ToList().IndexOf(main);
        fields.Add(new("hr@10", _columns[m].All.HitRate));
        fields.Add(new("ndcg@10", _columns[m].All.Ndcg));
        fields.Add(new("cold_start_users", ColdUsers));
        fields.Add(new("cold_start_hr@10", _columns[m].Cold.HitRate));
        fields.Add(new("cold_start_ndcg@10", _columns[m].Cold.Ndcg));
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            fields.Add(new($"{names[c]}_hr@10", column.All.HitRate));
            fields.Add(new($"{names[c]}_ndcg@10", column.All.Ndcg));
            fields.Add(new($"{names[c]}_cold_start_hr@10", column.Cold.HitRate));
            fields.Add(new($"{names[c]}_cold_start_ndcg@10", column.Cold.Ndcg));
            WritePairs(fields, $"{names[c]}_pairs", column.Pairs, logits[c]);
            WritePairs(fields, $"{names[c]}_top_pairs", column.TopPairs, logits[c]);
        }
    }

    private static void WritePairs(List<KeyValuePair<string, object>> fields, string prefix, List<(double Score, bool Positive)> pairs, bool logits)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        var scores = pairs.Select(p => p.Score).ToArray();
        var positive = pairs.Select(p => p.Positive).ToArray();
        var probabilities = logits ? scores.Select(s => 1 / (1 + Math.Exp(-s))).ToArray() : [];
        var metrics = PairMetrics.Compute(scores, positive, probabilities);
        fields.Add(new($"{prefix}_roc_auc", metrics.RocAuc));
        if (logits)
        {
            fields.Add(new($"{prefix}_accuracy", metrics.Accuracy));
            fields.Add(new($"{prefix}_precision", metrics.Precision));
            fields.Add(new($"{prefix}_recall", metrics.Recall));
            fields.Add(new($"{prefix}_f1", metrics.F1));
        }
    }

    private sealed class Column
    {
        public Gains All { get; } = new();

        public Gains Cold { get; } = new();

        public List<(double Score, bool Positive)> Pairs { get; } = [];

        public List<(double Score, bool Positive)> TopPairs { get; } = [];
    }

    private sealed class Gains
    {
        private double _hits;
        private double _ndcg;

        public int Count { get; private set; }

        public double HitRate => Count == 0 ? 0 : _hits / Count;

        public double Ndcg => Count == 0 ? 0 : _ndcg / Count;

        public void Add(double gain)
        {
            Count++;
            _hits += gain > 0 ? 1 : 0;
            _ndcg += gain;
        }
    }
}
