namespace TalentFlow.ML.Onnx.Tests;

/// <summary>One encoder over the committed tiny model (tokenizer.json path), shared by a test class.</summary>
public sealed class TinyBertEncoderFixture : IDisposable
{
    public TinyBertEncoderFixture()
    {
        Encoder = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder, BatchSize = 32 });
    }

    public OnnxSentenceEncoder Encoder { get; }

    public void Dispose() => Encoder.Dispose();
}
