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

    internal static (string VersionId, string Sha256) Write(string directory, string baseDirectory, string baseName, OnnxModelGraph graph,
        IReadOnlyDictionary<string, float[]> tensors, int servedMaxLength, JsonObject manifest)
    {
        Directory.CreateDirectory(directory);
        var bytes = graph.Write(tensors, metadata: new Dictionary<string, string>
        {
            ["talentflow.base_model"] = baseName,
            ["talentflow.fine_tuned"] = manifest["settings"]?.ToJsonString() ?? "",
        });
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var version = $"{baseName}-ft:{sha[..16]}";
        WriteAtomically(Path.Combine(directory, "model.onnx"), bytes);
        File.Copy(Path.Combine(baseDirectory, "vocab.txt"), Path.Combine(directory, "vocab.txt"), overwrite: true);
        File.WriteAllText(Path.Combine(directory, "sentence_bert_config.json"), $"{{\"max_seq_length\": {servedMaxLength}, \"do_lower_case\": false}}\n");
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), "{\"do_lower_case\": true}\n");
        manifest["name"] = $"{baseName}-ft";
        manifest["version_id"] = version;
        manifest["model_sha256"] = sha;
        File.WriteAllText(Path.Combine(directory, ManifestFile), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return (version, sha);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
