namespace TalentFlow.ML.Encoders;

/// <summary>
/// Turns texts into fixed-size, L2-normalised embeddings, so that the dot product of two embeddings is their cosine.
/// Embeddings made by different <see cref="VersionId"/>s are not comparable: persist the version beside each vector.
/// </summary>
public interface IEncoder
{
    /// <summary>Length of every embedding this encoder returns.</summary>
    int Dimension { get; }

    /// <summary>
    /// Identifies the weights and the tokenizer settings that produce the embeddings; it changes whenever the same text
    /// could embed differently.
    /// </summary>
    string VersionId { get; }

    /// <summary>
    /// Embeds a batch of texts. The result has one row per input, in input order, each of length <see cref="Dimension"/>;
    /// an empty batch gives an empty result. An empty or blank text still gets an embedding.
    /// </summary>
    /// <param name="texts">The texts to embed; none may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the work between (and, where the encoder can, inside) batches.</param>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
