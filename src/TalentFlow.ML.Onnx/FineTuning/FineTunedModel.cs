using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TalentFlow.ML.Onnx.Graph;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// A tuned model folder: <c>model.onnx</c> (the base graph with the trained layers' initializers replaced),
/// <c>vocab.txt</c>, <c>sentence_bert_config.json</c>, <c>tokenizer_config.json</c> and <c>finetune.json</c> (version id,
/// base model, settings, metrics). <see cref="Load"/> serves it like the base model: same tokenizer, 256 tokens.
/// </summary>
public static class FineTunedModel
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "finetune.json";

    /// <summary>Opens the tuned encoder of <paramref name="directory"/> (an <see cref="OnnxSentenceEncoder"/>).</summary>
    /// <exception cref="OnnxModelException">A file is missing or does not load.</exception>
    public static OnnxSentenceEncoder Load(string directory, int intraOpThreads = 0, LongTextMode longTexts = LongTextMode.Truncate, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new OnnxModelException(OnnxModelErrorKind.FileNotFound, manifestPath, $"Not a tuned model folder: {manifestPath} is missing.");
        }

        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var version = manifest["version_id"]!.GetValue<string>();
        var sha = manifest["model_sha256"]!.GetValue<string>();
        var name = manifest["name"]!.GetValue<string>();
        return new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions
        {
            ModelDirectory = directory,
            LowerCase = true,
            FinalSigma = true,
            IntraOpThreads = intraOpThreads,
            Name = name,
            LongTexts = longTexts,
            VersionId = version + (longTexts == LongTextMode.Window ? ":window128x16" : ""),
        }, logger) { ModelSha256 = sha };
    }

    /// <summary>
    /// The tuned model in memory: the base graph with <paramref name="tensors"/> replaced and the fine-tuning metadata added,
    /// its SHA-256 and version id (<c>{baseName}-ft:{16 hex}</c>). Deterministic: the same base, tensors and settings give the
    /// same bytes, which is how a silo applying an <see cref="EncoderDelta"/> checks that it rebuilt the trained model.
    /// </summary>
    internal static (byte[] Bytes, string VersionId, string Sha256) Compose(OnnxModelGraph graph, IReadOnlyDictionary<string, float[]> tensors,
        IReadOnlyDictionary<string, string> metadata, string baseName)
    {
        var bytes = graph.Write(tensors, metadata: metadata);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return (bytes, $"{baseName}-ft:{sha[..16]}", sha);
    }

    /// <summary>The metadata a tuned graph carries: its base model's name, the settings it was tuned with, the version it started from.</summary>
    internal static Dictionary<string, string> Metadata(string baseName, JsonObject manifest)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["talentflow.base_model"] = baseName,
            ["talentflow.fine_tuned"] = manifest["settings"]?.ToJsonString() ?? "",
        };
        // A run continued from a tuned version names it (its lineage), so two runs that differ only there are two models.
        if (manifest["started_from"]?.GetValue<string>() is { } startedFrom)
        {
            metadata[StartedFromKey] = startedFrom;
        }

        return metadata;
    }

    /// <summary>The metadata key naming the tuned version a run started from.</summary>
    public const string StartedFromKey = "talentflow.started_from";

    /// <summary>Composes the tuned graph (<see cref="Compose"/>) and writes the folder.</summary>
    internal static (string VersionId, string Sha256) Write(string directory, string baseDirectory, string baseName, OnnxModelGraph graph,
        IReadOnlyDictionary<string, float[]> tensors, int servedMaxLength, JsonObject manifest)
    {
        var (bytes, version, sha) = Compose(graph, tensors, Metadata(baseName, manifest), baseName);
        Write(directory, baseDirectory, baseName, bytes, version, sha, servedMaxLength, manifest);
        return (version, sha);
    }

    internal static void Write(string directory, string baseDirectory, string baseName, byte[] bytes, string version, string sha,
        int servedMaxLength, JsonObject manifest)
    {
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, "model.onnx"), bytes);
        File.Copy(Path.Combine(baseDirectory, "vocab.txt"), Path.Combine(directory, "vocab.txt"), overwrite: true);
        File.WriteAllText(Path.Combine(directory, "sentence_bert_config.json"), $"{{\"max_seq_length\": {servedMaxLength}, \"do_lower_case\": false}}\n");
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), "{\"do_lower_case\": true}\n");
        manifest["name"] = $"{baseName}-ft";
        manifest["version_id"] = version;
        manifest["model_sha256"] = sha;
        File.WriteAllText(Path.Combine(directory, ManifestFile), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
