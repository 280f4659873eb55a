using TalentFlow.ML.Encoders;

namespace TalentFlow.ML.Semantic;

/// <summary>The encoders trained on the user's own corpus, so they need no download; <see cref="EmbeddedEncoder"/> makes and loads them.</summary>
public interface IEmbeddedEncoder : IEncoder
{
    /// <summary>Which algorithm this is.</summary>
    EmbeddedEncoderKind Kind { get; }

    /// <summary>Embeds one text synchronously (allocation: the result); the zero vector when no word of it is known.</summary>
    float[] Embed(string text);

    /// <summary>
    /// Writes the versioned artifact (JSON, base64 little-endian tensors, SHA-256); <see cref="EmbeddedEncoder.Load"/> reads
    /// it back with the same <see cref="IEncoder.VersionId"/> and bit-identical embeddings.
    /// </summary>
    void Save(Stream stream);
}

/// <summary>The embedded encoders by algorithm.</summary>
public enum EmbeddedEncoderKind
{
    /// <summary><see cref="LsaEncoder"/>: truncated SVD of TF-IDF over documents.</summary>
    Lsa,

    /// <summary><see cref="SubwordEncoder"/>: PPMI-SVD word vectors with hashed character n-grams, SIF pooling.</summary>
    Subword,
}
