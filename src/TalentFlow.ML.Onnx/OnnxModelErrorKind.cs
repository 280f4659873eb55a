namespace TalentFlow.ML.Onnx;

/// <summary>Why a model folder could not be loaded.</summary>
public enum OnnxModelErrorKind
{
    /// <summary>The model folder does not exist.</summary>
    DirectoryNotFound,

    /// <summary>A file the model needs (model.onnx, vocab.txt or tokenizer.json) is not in the folder.</summary>
    FileNotFound,

    /// <summary>ONNX Runtime could not load the model, or it has no inputs or outputs a sentence encoder can use.</summary>
    InvalidModel,

    /// <summary>The vocabulary, tokenizer.json or a configuration file is malformed.</summary>
    InvalidTokenizer,

    /// <summary>A pinned model file is shorter than it should be (an interrupted copy or download).</summary>
    Truncated,

    /// <summary>A pinned model file's SHA-256 is not the expected one: a different or damaged file.</summary>
    ChecksumMismatch,

    /// <summary>
    /// A fine-tuned delta (<see cref="FineTuning.EncoderDelta"/>) was tuned from another base model, or for other serving settings,
    /// than the one it is applied to.
    /// </summary>
    BaseModelMismatch,
}
