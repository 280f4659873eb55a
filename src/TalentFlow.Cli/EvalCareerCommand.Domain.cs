using TalentFlow.ML.Careers;
using TalentFlow.ML.Metrics;

namespace TalentFlow.Cli;

/// <content>
/// Out-of-domain measurement for <c>--model mlp|career</c>: the held-out test resumes (in domain) against texts generated here
/// with a fixed seed — letter gibberish, random everyday words, other-domain prose (recipes, weather, sport, travel, reviews,
/// gardening) — and one-word or empty-ish texts. Reports each signal's ROC-AUC (in domain = positive) and the share each group
/// <see cref="CareerDomain"/>'s default rule flags.
/// </content>
internal static partial class EvalCareerCommand
{
    private static readonly string[] EverydayWords =
    [
        "banana", "river", "purple", "umbrella", "kitten", "mountain", "pillow", "thunder", "candle", "pebble", "orange", "bicycle",
        "cloud", "whisper", "garden", "lemon", "tiger", "blanket", "ocean", "window", "carrot", "balloon", "forest", "spoon",
        "rainbow", "puppy", "castle", "feather", "honey", "island", "jacket", "ladder", "marble", "noodle", "owl", "pumpkin",
        "quilt", "rocket", "sandwich", "turtle", "violin", "walrus", "yellow", "zebra", "apple", "bridge", "cookie", "dragon",
        "elephant", "flower", "guitar", "hammock", "igloo", "jelly", "kettle", "lantern", "meadow", "nest", "olive", "parrot",
        "pancake", "squirrel", "sunset", "teapot", "volcano", "waffle", "butterfly", "cherry", "dolphin", "moonlight", "picnic",
    ];

    private static readonly string[][] OtherDomain =
    [
        ["Preheat the oven to 180 degrees.", "Whisk the eggs with sugar until pale and fluffy.", "Fold in the flour and a pinch of salt.",
            "Bake for twenty minutes until golden.", "Chop the onions and fry them in butter.", "Season the soup with pepper and fresh basil.",
            "Let the dough rest overnight in the fridge.", "Serve the pasta with grated parmesan."],
        ["Tomorrow will be cloudy with light rain in the morning.", "Temperatures drop to five degrees overnight.",
            "A strong wind from the north brings snow to the hills.", "Sunny spells are expected on the coast by the afternoon.",
            "Thunderstorms may break out late on Sunday.", "Fog will clear slowly over the valleys."],
        ["The home side scored twice in the second half.", "Their goalkeeper saved a penalty in the final minute.",
            "The striker was booked for a late tackle.", "Fans sang loudly as the match went to extra time.",
            "The visitors equalised from a corner kick.", "The league title will be decided next weekend."],
        ["We took the night train to the mountains.", "The old town was full of narrow streets and tiny cafes.",
            "On the third day we hiked to a lake above the village.", "Our hotel had a balcony facing the sea.",
            "We tried the local cheese and bought postcards.", "The ferry to the island left at dawn."],
        ["This blender is loud but crushes ice in seconds.", "The lid cracked after a week of use.", "Five stars for the price.",
            "The colour is nicer than in the photos.", "Delivery was quick and the box arrived intact.", "My kids love the bright buttons."],
        ["Plant tulip bulbs in autumn before the first frost.", "Water the tomatoes early in the morning.",
            "Roses need a sunny spot and rich soil.", "Prune the apple tree in late winter.", "Slugs love young lettuce leaves.",
            "Mulch keeps the beds moist in summer."],
    ];

    private static List<KeyValuePair<string, object>> CareerDomainReport(CareerModel model, List<string> testTexts)
    {
        var random = new Random(20261207);
        var groups = new (string Name, List<string> Texts)[]
        {
            ("gibberish", [.. Enumerable.Range(0, 60).Select(i => i == 0 ? "asdf qwerty" : Gibberish(random))]),
            ("random_words", [.. Enumerable.Range(0, 60).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(4, 40)).Select(_ => EverydayWords[random.Next(EverydayWords.Length)])))]),
            ("other_domain", [.. Enumerable.Range(0, 60).Select(i => OtherDomainText(random, OtherDomain[i % OtherDomain.Length]))]),
            ("one_word", ["hello", "pizza", "a", "...", "accountant", "engineer", "lorem", "x y", "asdf", "teacher"]),
        };
        var rule = new CareerDomainOptions();
        var inDomain = testTexts.Select(model.DomainSignals).ToList();
        var outDomain = groups.SelectMany(g => g.Texts).Select(model.DomainSignals).ToList();
        var labels = inDomain.Select(_ => true).Concat(outDomain.Select(_ => false)).ToArray();
        var all = inDomain.Concat(outDomain).ToList();
        var report = new List<KeyValuePair<string, object>>
        {
            new("ood_auc_known_share", all.Any(s => s.KnownShare is null) ? double.NaN : ClassificationMetrics.RocAuc(all.Select(s => s.KnownShare!.Value).ToArray(), labels)),
            new("ood_auc_centroid_cosine", ClassificationMetrics.RocAuc(all.Select(s => s.MaxCentroidCosine).ToArray(), labels)),
            new("ood_auc_neg_entropy", ClassificationMetrics.RocAuc(all.Select(s => -s.NormalizedEntropy).ToArray(), labels)),
            new("ood_auc_top_probability", ClassificationMetrics.RocAuc(all.Select(s => s.TopProbability).ToArray(), labels)),
            new("ood_flagged_test_resumes", inDomain.Count(s => CareerDomain.OutOfDomainReason(s, rule) is not null) / (double)Math.Max(1, inDomain.Count)),
            new("ood_test_known_share_p01_p05_p50", Quantiles(inDomain.Select(s => s.KnownShare ?? double.NaN))),
            new("ood_test_centroid_cosine_p01_p05_p50", Quantiles(inDomain.Select(s => s.MaxCentroidCosine))),
        };
        foreach (var (name, texts) in groups)
        {
            var signals = texts.Select(model.DomainSignals).ToList();
            report.Add(new($"ood_flagged_{name}", signals.Count(s => CareerDomain.OutOfDomainReason(s, rule) is not null) / (double)signals.Count));
            report.Add(new($"ood_{name}_known_share_p50_p95_max", Quantiles(signals.Select(s => s.KnownShare ?? double.NaN), 0.5, 0.95, 1)));
            report.Add(new($"ood_{name}_centroid_cosine_p50_p95_max", Quantiles(signals.Select(s => s.MaxCentroidCosine), 0.5, 0.95, 1)));
        }

        return report;
    }

    private static string Gibberish(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(2, 30)).Select(_ => new string([.. Enumerable.Range(0, random.Next(3, 9)).Select(_ => (char)('a' + random.Next(26)))])));

    private static string OtherDomainText(Random random, string[] sentences) =>
        string.Join(' ', Enumerable.Range(0, random.Next(2, sentences.Length + 1)).Select(_ => sentences[random.Next(sentences.Length)]));

    private static double[] Quantiles(IEnumerable<double> values, params double[] at)
    {
        if (at.Length == 0) at = [0.01, 0.05, 0.5];
        // NaN (no vocabulary: the MLP) leaves nothing to report.
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? [] : [.. at.Select(q => Math.Round(sorted[Math.Min(sorted.Length - 1, (int)(q * (sorted.Length - 1)))], 3))];
    }
}
