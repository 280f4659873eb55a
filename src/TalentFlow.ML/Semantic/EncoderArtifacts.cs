namespace TalentFlow.ML.Semantic;

/// <summary>The checks the encoders' (and the career model's) artifacts share, and their one typed error.</summary>
internal static class EncoderArtifacts
{
    public static EncoderArtifactException Corrupt(string message, Exception? inner = null) => new(EncoderArtifactError.Corrupt, message, inner);

    /// <summary>Runs <paramref name="read"/>, turning every failure a bad artifact raises into an <see cref="EncoderArtifactException"/>.</summary>
    public static T Guard<T>(string format, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            // The artifact reader's own messages name the format already.
            throw Corrupt(e is InvalidDataException ? e.Message : $"Not a valid {format} artifact: {e.Message}", e);
        }
    }

    public static void CheckVersion(string format, int stored, int supported)
    {
        if (stored != supported)
        {
            throw new EncoderArtifactException(EncoderArtifactError.UnsupportedVersion,
                $"{format} version {stored} is not supported; this build reads version {supported}.");
        }
    }

    public static void Verify(string stored, string computed)
    {
        if (stored != computed) throw Corrupt("Checksum mismatch.");
    }

    /// <summary>Checks that the rebuilt model has the version the artifact names.</summary>
    public static void VerifyVersion(string stored, string computed)
    {
        if (stored != computed) throw Corrupt($"The weights give version {computed}, the artifact names another.");
    }
}
