using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Grains.Matching;

/// <summary>Scoring settings of every silo (configuration section <c>Matching</c>).</summary>
public sealed class MatchingOptions
{
    /// <summary>
    /// A baseline model saved by <c>talentflow train baseline</c> (<c>baseline_model.json</c>). When unset, the silo fits the
    /// baseline on its built-in sample corpus at start-up, so that scoring works before any training.
    /// </summary>
    public string? BaselineModelPath { get; set; }

    /// <summary>
    /// A sentence-transformers ONNX export (model.onnx + vocab.txt or tokenizer.json; see src/TalentFlow.ML.Onnx/README.md),
    /// e.g. a fine-tuned all-MiniLM-L6-v2. When set, it is the semantic encoder; when unset, <see cref="Encoder"/> decides.
    /// </summary>
    public string? OnnxModelDirectory { get; set; }

    /// <summary>
    /// The semantic encoder when <see cref="OnnxModelDirectory"/> is unset: <c>minilm</c> (default: all-MiniLM-L6-v2 on ONNX
    /// Runtime, the files built beside the silo and checked by SHA-256; a silo whose model cannot load does not start, and
    /// says why) or <c>lsa</c> (the embedded LSA encoder fitted on the sample corpus: the fallback, and what the grain tests
    /// use to start dozens of clusters quickly).
    /// </summary>
    [RegularExpression("^(minilm|lsa)$", ErrorMessage = "Matching:Encoder must be minilm or lsa.")]
    public string Encoder { get; set; } = "minilm";

    /// <summary>
    /// The folder <c>talentflow train scorer</c> wrote (<c>baseline_model.json</c>, <c>encoder.json</c>, <c>scorer.json</c>): the
    /// silo then serves that baseline and encoder and the scorer trained on their features, so scores carry a calibrated match
    /// probability and the decision follows <see cref="ShortlistProbability"/>. Cannot be combined with
    /// <see cref="BaselineModelPath"/> or <see cref="OnnxModelDirectory"/> (the scorer only fits the models it was trained with).
    /// </summary>
    public string? ScorerDirectory { get; set; }

    /// <summary>With a scorer: shortlist when the calibrated match probability reaches this. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double ShortlistProbability { get; set; } = 0.5;

    /// <summary>Longest resume or job description accepted, in characters. Default 200,000 (about 60 pages).</summary>
    [Range(1_000, 10_000_000)]
    public int MaxTextLength { get; set; } = 200_000;

    /// <summary>Model versions each silo keeps, so that grains on silos that have not yet swapped can still be compared.</summary>
    [Range(1, 16)]
    public int RetainedVersions { get; set; } = 3;

    /// <summary>
    /// Partitions of the candidate embedding index. Every ranking asks each one, and placement spreads them over the silos,
    /// so more shards than silos keeps every silo busy. Fixed for the life of a cluster's data. Default 8.
    /// </summary>
    [Range(1, 1024)]
    public int CandidateShards { get; set; } = 8;
}
