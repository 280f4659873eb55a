namespace TalentFlow.ML.Onnx.Tests;

/// <summary>Broken model folders fail at construction with an <see cref="OnnxModelException"/> naming the file.</summary>
public sealed class OnnxSentenceEncoderLoadErrorTests
{
    private static OnnxModelException Load(string folder) =>
        Assert.Throws<OnnxModelException>(() => new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = folder }));

    [Fact]
    public void Ctor_MissingFolder_ThrowsDirectoryNotFoundNamingIt()
    {
        using var parent = new TempFolder();
        var missing = Path.Combine(parent.Path, "no-such-model");
        var ex = Load(missing);
        Assert.Equal(OnnxModelErrorKind.DirectoryNotFound, ex.Kind);
        Assert.Equal(missing, ex.Path);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_MissingModel_ThrowsFileNotFoundNamingModelOnnx()
    {
        using var folder = TinyBert.CopyOf("vocab.txt");
        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.FileNotFound, ex.Kind);
        Assert.Equal(Path.Combine(folder.Path, "model.onnx"), ex.Path);
        Assert.Contains("model.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_MissingVocabulary_ThrowsFileNotFoundNamingBothTokenizerFiles()
    {
        using var folder = TinyBert.CopyOf("model.onnx");
        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.FileNotFound, ex.Kind);
        Assert.Contains("vocab.txt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_CorruptModel_ThrowsInvalidModel()
    {
        using var folder = TinyBert.CopyOf("vocab.txt");
        var model = Path.Combine(folder.Path, "model.onnx");
        File.WriteAllBytes(model, [.. File.ReadAllBytes(Path.Combine(TinyBert.Folder, "model.onnx")).Take(1000)]);
        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.InvalidModel, ex.Kind);
        Assert.Equal(model, ex.Path);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public void Ctor_ModelThatIsText_ThrowsInvalidModel()
    {
        using var folder = TinyBert.CopyOf("vocab.txt");
        File.WriteAllText(Path.Combine(folder.Path, "model.onnx"), "not a model");
        Assert.Equal(OnnxModelErrorKind.InvalidModel, Load(folder.Path).Kind);
    }

    [Fact]
    public void Ctor_TokenizerJsonNotJson_ThrowsInvalidTokenizerNamingIt()
    {
        using var folder = TinyBert.CopyOf("model.onnx");
        var path = Path.Combine(folder.Path, "tokenizer.json");
        File.WriteAllText(path, "{ \"model\": ");
        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.InvalidTokenizer, ex.Kind);
        Assert.Equal(path, ex.Path);
    }

    [Fact]
    public void Ctor_TokenizerJsonNotWordPiece_ThrowsInvalidTokenizer()
    {
        using var folder = TinyBert.CopyOf("model.onnx");
        File.WriteAllText(Path.Combine(folder.Path, "tokenizer.json"), "{\"model\":{\"type\":\"BPE\",\"vocab\":{}}}");
        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.InvalidTokenizer, ex.Kind);
        Assert.Contains("WordPiece", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_EmptyVocabTxt_ThrowsInvalidTokenizer()
    {
        using var folder = TinyBert.CopyOf("model.onnx");
        File.WriteAllText(Path.Combine(folder.Path, "vocab.txt"), "");
        Assert.Equal(OnnxModelErrorKind.InvalidTokenizer, Load(folder.Path).Kind);
    }

    [Fact]
    public void Ctor_VocabWithoutSpecialTokens_ThrowsInvalidTokenizerNamingToken()
    {
        using var folder = TinyBert.CopyOf("model.onnx");
        File.WriteAllLines(Path.Combine(folder.Path, "vocab.txt"), ["[PAD]", "[UNK]", "hello"]);
        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.InvalidTokenizer, ex.Kind);
        Assert.Contains("[CLS]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_BadSentenceBertConfig_ThrowsInvalidTokenizerNamingIt()
    {
        using var folder = TinyBert.CopyOf("model.onnx", "vocab.txt");
        var path = Path.Combine(folder.Path, "sentence_bert_config.json");
        File.WriteAllText(path, "[1, 2");
        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.InvalidTokenizer, ex.Kind);
        Assert.Equal(path, ex.Path);
    }

    [Fact]
    public void Ctor_VocabularyLargerThanTheModel_ThrowsInvalidTokenizerNamingIt()
    {
        using var folder = TinyBert.CopyOf("model.onnx", "vocab.txt");
        var path = Path.Combine(folder.Path, "vocab.txt");
        // The tiny model's embedding table has one row per line of its vocabulary; 50 more lines give ids it cannot look up.
        File.AppendAllLines(path, Enumerable.Range(0, 50).Select(i => $"extra{i}"));
        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.InvalidTokenizer, ex.Kind);
        Assert.Equal(path, ex.Path);
        Assert.Contains("does not match the model", ex.Message, StringComparison.Ordinal);
    }
}
