namespace TalentFlow.ML.Onnx.Tests.MiniLm;

/// <summary>A missing, short or different model or vocabulary is a typed error before ONNX Runtime reads it.</summary>
public sealed class MiniLmLoadErrorTests
{
    private static OnnxModelException Load(string folder) =>
        Assert.Throws<OnnxModelException>(() => MiniLmModel.Load(new MiniLmOptions { ModelDirectory = folder }));

    private static string Bundled(string file) => Path.Combine(MiniLmModel.DefaultDirectory, file);

    [Fact]
    public void Load_MissingFolder_ThrowsDirectoryNotFound()
    {
        using var parent = new TempFolder();
        var ex = Load(Path.Combine(parent.Path, "absent"));
        Assert.Equal(OnnxModelErrorKind.DirectoryNotFound, ex.Kind);
    }

    [Fact]
    public void Load_MissingModel_ThrowsFileNotFoundNamingIt()
    {
        using var folder = new TempFolder();
        File.Copy(Bundled("vocab.txt"), Path.Combine(folder.Path, "vocab.txt"));
        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.FileNotFound, ex.Kind);
        Assert.Equal(Path.Combine(folder.Path, "model.onnx"), ex.Path);
    }

    [Fact]
    public void Load_TruncatedModel_ThrowsTruncatedWithBothLengths()
    {
        using var folder = new TempFolder();
        File.Copy(Bundled("vocab.txt"), Path.Combine(folder.Path, "vocab.txt"));
        using (var source = File.OpenRead(Bundled("model.onnx")))
        using (var target = File.Create(Path.Combine(folder.Path, "model.onnx")))
        {
            var head = new byte[1 << 20];
            source.ReadExactly(head);
            target.Write(head);
        }

        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.Truncated, ex.Kind);
        Assert.Contains("1048576 bytes, expected 90893304", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelWithWrongHash_ThrowsChecksumMismatchNamingBothHashes()
    {
        using var folder = new TempFolder();
        File.Copy(Bundled("vocab.txt"), Path.Combine(folder.Path, "vocab.txt"));
        var model = Path.Combine(folder.Path, "model.onnx");
        File.Copy(Bundled("model.onnx"), model);
        using (var stream = new FileStream(model, FileMode.Open, FileAccess.ReadWrite))
        {
            // One byte changed in the middle of the weights: same length, different file.
            stream.Position = MiniLmModel.ModelBytes / 2;
            var b = new byte[1];
            stream.ReadExactly(b);
            stream.Position--;
            stream.WriteByte((byte)(b[0] ^ 0xFF));
        }

        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.ChecksumMismatch, ex.Kind);
        Assert.Equal(model, ex.Path);
        Assert.Contains(MiniLmModel.ModelSha256, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherVocabulary_ThrowsChecksumMismatchOnVocabTxt()
    {
        using var folder = new TempFolder();
        var vocab = Path.Combine(folder.Path, "vocab.txt");
        File.Copy(Bundled("vocab.txt"), vocab);
        File.AppendAllLines(vocab, ["[extra]"]);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "model.onnx"), Bundled("model.onnx"));

        var ex = Load(folder.Path);
        Assert.Equal(OnnxModelErrorKind.ChecksumMismatch, ex.Kind);
        Assert.Equal(vocab, ex.Path);
    }
}
