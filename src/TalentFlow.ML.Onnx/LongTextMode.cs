namespace TalentFlow.ML.Onnx;

/// <summary>What the encoder does with a text longer than the model's sequence length.</summary>
public enum LongTextMode
{
    /// <summary>Keeps the first <c>MaxSequenceLength − 2</c> word pieces, as sentence-transformers does.</summary>
    Truncate,

    /// <summary>
    /// Embeds overlapping windows of <c>MaxSequenceLength</c> tokens, <see cref="OnnxSentenceEncoderOptions.WindowStride"/>
    /// word pieces apart (at most <see cref="OnnxSentenceEncoderOptions.MaxWindows"/>), then averages the window vectors
    /// and L2-normalises the mean. A text that fits one window gets exactly its truncated embedding.
    /// </summary>
    Window,
}
