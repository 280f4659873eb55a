namespace TalentFlow.ML.Onnx;

/// <summary>
/// A sentence-encoder model folder could not be loaded; <see cref="Kind"/> says why, <see cref="Path"/> names the file or
/// folder at fault, and the message says it for people.
/// </summary>
public sealed class OnnxModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnnxModelException(OnnxModelErrorKind kind, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Path = path;
    }

    /// <summary>Why the model could not be loaded.</summary>
    public OnnxModelErrorKind Kind { get; }

    /// <summary>The file or folder at fault.</summary>
    public string Path { get; }
}
