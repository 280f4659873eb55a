using System.Text.Json;

namespace TalentFlow.ML.Onnx.Tests;

/// <summary>The tiny model and golden file that eng/onnx/make_tiny_bert.py writes, and temporary copies to break.</summary>
internal static class TinyBert
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TinyBert");

    public static JsonElement Golden { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "golden.json"))).RootElement;

    public static IReadOnlyList<GoldenCase> Cases { get; } = Golden.GetProperty("cases").EnumerateArray()
        .Select(c => new GoldenCase(
            c.GetProperty("text").GetString()!,
            Strings(c.GetProperty("pre_tokens")),
            Strings(c.GetProperty("word_pieces")),
            c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            c.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray()))
        .ToArray();

    public static int MaxSequenceLength => Golden.GetProperty("max_seq_length").GetInt32();

    public static int Hidden => Golden.GetProperty("hidden").GetInt32();

    public static TheoryData<int> CaseIndexes() => new(Enumerable.Range(0, Cases.Count));

    /// <summary>A temporary folder holding copies of the named files of the tiny model folder.</summary>
    public static TempFolder CopyOf(params string[] files)
    {
        var folder = new TempFolder();
        foreach (var f in files)
        {
            File.Copy(Path.Combine(Folder, f), Path.Combine(folder.Path, f));
        }

        return folder;
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}

internal sealed record GoldenCase(string Text, string[] PreTokens, string[] WordPieces, int[] Ids, float[] Embedding);
