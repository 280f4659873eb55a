using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TalentFlow.ML.Artifacts;

/// <summary>What every model artifact's root carries: the <c>format</c> that names its kind (and, for some, its version).</summary>
internal interface IModelArtifact
{
    /// <summary>The artifact's kind, e.g. <c>talentflow.convfm</c>; null when the JSON has none.</summary>
    string? Format { get; }
}

/// <summary>
/// The one reader and writer of model artifacts: a JSON object whose shape is a plain DTO record with a source-generated
/// <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>, <c>format</c> first. Reading checks the format before
/// anything else is trusted; every failure is an <see cref="InvalidDataException"/>, never a raw
/// <see cref="JsonException"/>.
/// </summary>
internal static class ModelArtifact
{
    /// <summary>Writes <paramref name="artifact"/> as UTF-8 JSON.</summary>
    public static void Write<T>(Stream stream, T artifact, JsonTypeInfo<T> type) where T : IModelArtifact
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, artifact, type);
    }

    /// <summary>The artifact as UTF-8 JSON bytes.</summary>
    public static byte[] ToBytes<T>(T artifact, JsonTypeInfo<T> type) where T : IModelArtifact => JsonSerializer.SerializeToUtf8Bytes(artifact, type);

    /// <summary>The artifact as a JSON element, to nest in another artifact.</summary>
    public static JsonElement ToElement<T>(T artifact, JsonTypeInfo<T> type) where T : IModelArtifact => JsonSerializer.SerializeToElement(artifact, type);

    /// <summary>Reads an artifact of one of <paramref name="formats"/> from <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidDataException">Not JSON, truncated, another format or none, or a field of the wrong type.</exception>
    public static T Read<T>(Stream stream, JsonTypeInfo<T> type, params ReadOnlySpan<string> formats) where T : IModelArtifact
    {
        return Read(ReadAll(stream), type, formats);
    }

    /// <summary>The rest of <paramref name="stream"/>, for readers that look at an artifact's format before choosing its type.</summary>
    public static ReadOnlySpan<byte> ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(int.MaxValue, Math.Max(0, stream.Length - stream.Position)) : 0);
        stream.CopyTo(buffer);
        return buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
    }

    /// <summary>Reads an artifact of one of <paramref name="formats"/> from its UTF-8 JSON bytes.</summary>
    /// <exception cref="InvalidDataException">See <see cref="Read{T}(Stream, JsonTypeInfo{T}, ReadOnlySpan{string})"/>.</exception>
    public static T Read<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, params ReadOnlySpan<string> formats) where T : IModelArtifact
    {
        T? artifact;
        try
        {
            artifact = JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException e)
        {
            // A document of another kind rarely fits this kind's shape: name its format rather than the first field that failed.
            var found = PeekFormat(json);
            if (found.Known && !Contains(formats, found.Format)) throw WrongFormat(formats, found.Format, e);
            throw new InvalidDataException($"Not a valid {formats[0]} artifact: {e.Message}", e);
        }

        return Check(artifact, formats);
    }

    /// <summary>Reads an artifact nested in another one (an encoder inside a career model).</summary>
    /// <exception cref="InvalidDataException">See <see cref="Read{T}(Stream, JsonTypeInfo{T}, ReadOnlySpan{string})"/>.</exception>
    public static T Read<T>(JsonElement element, JsonTypeInfo<T> type, params ReadOnlySpan<string> formats) where T : IModelArtifact
    {
        var found = FormatOf(element);
        if (!Contains(formats, found)) throw WrongFormat(formats, found, null);
        try
        {
            return Check(element.Deserialize(type), formats);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a valid {formats[0]} artifact: {e.Message}", e);
        }
    }

    /// <summary>The <c>format</c> of <paramref name="element"/>, or null when it is not an object with a string <c>format</c>.</summary>
    public static string? FormatOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;

    private static T Check<T>(T? artifact, ReadOnlySpan<string> formats) where T : IModelArtifact
    {
        if (artifact is null) throw new InvalidDataException($"Not a valid {formats[0]} artifact: the document is null.");
        if (!Contains(formats, artifact.Format)) throw WrongFormat(formats, artifact.Format, null);
        return artifact;
    }

    private static bool Contains(ReadOnlySpan<string> formats, string? format)
    {
        foreach (var f in formats) if (f == format) return true;
        return false;
    }

    /// <summary>The error for an artifact whose format is <paramref name="found"/> where one of <paramref name="formats"/> was expected.</summary>
    public static InvalidDataException WrongFormat(ReadOnlySpan<string> formats, string? found, Exception? inner = null) =>
        new($"Expected a {string.Join(" or ", formats.ToArray())} artifact, found {(found is null ? "no format" : $"format '{found}'")}.", inner);

    /// <summary>The root's <c>version</c> when it is an integer, read like <see cref="PeekFormat"/>; null otherwise.</summary>
    public static int? PeekVersion(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isVersion = reader.ValueTextEquals("version"u8);
                if (!reader.Read()) break;
                if (isVersion) return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int version) ? version : null;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Broken off before the version: the full read reports it.
        }

        return null;
    }

    /// <summary>
    /// The root's <c>format</c>, read with a forward-only reader that skips other values; <c>Known</c> is false when the JSON
    /// breaks off before it could be read.
    /// </summary>
    public static (bool Known, string? Format) PeekFormat(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (true, null);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isFormat = reader.ValueTextEquals("format"u8);
                if (!reader.Read()) break;
                if (isFormat) return (true, reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
                reader.Skip();
            }

            return (true, null);
        }
        catch (JsonException)
        {
            // Cut off before the root's format was read (or that part is not JSON): which kind it is cannot be told.
            return (false, null);
        }
        catch (InvalidOperationException)
        {
            return (false, null);
        }
    }
}
