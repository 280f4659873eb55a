using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using TalentFlow.ML.Encoders;

namespace TalentFlow.Cli;

/// <summary>
/// An encoder whose embeddings are kept in a file between runs (<c>--encoder-cache FILE</c>), keyed by the encoder's
/// version and the SHA-256 of the text: comparing feature sets re-encodes nothing, and MiniLM on 2 cores takes minutes for the
/// screening corpus. Same <see cref="VersionId"/> and vectors as the encoder it wraps. The file holds hashes and numbers, no text.
/// </summary>
internal sealed class CachedEncoder : IEncoder
{
    private readonly IEncoder _inner;
    private readonly string _path;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private int _added;

    public CachedEncoder(IEncoder inner, string path)
    {
        _inner = inner;
        _path = path;
        if (!File.Exists(path)) return;
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != inner.VersionId) return;
        int count = reader.ReadInt32(), dimension = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string key = reader.ReadString();
            var vector = new float[dimension];
            for (int k = 0; k < dimension; k++) vector[k] = reader.ReadSingle();
            _cache[key] = vector;
        }
    }

    public int Dimension => _inner.Dimension;

    public string VersionId => _inner.VersionId;

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var keys = texts.Select(Key).ToArray();
        var missing = Enumerable.Range(0, texts.Count).Where(i => !_cache.ContainsKey(keys[i])).ToArray();
        if (missing.Length > 0)
        {
            var embedded = await _inner.EmbedAsync([.. missing.Select(i => texts[i])], cancellationToken).ConfigureAwait(false);
            for (int j = 0; j < missing.Length; j++) _cache[keys[missing[j]]] = embedded[j];
            Interlocked.Add(ref _added, missing.Length);
        }
        return [.. keys.Select(k => _cache[k])];
    }

    /// <summary>Writes the file when anything was added.</summary>
    public void Save()
    {
        if (_added == 0) return;
        if (Path.GetDirectoryName(Path.GetFullPath(_path)) is { } dir) Directory.CreateDirectory(dir);
        using var writer = new BinaryWriter(File.Create(_path));
        writer.Write(_inner.VersionId);
        writer.Write(_cache.Count);
        writer.Write(Dimension);
        foreach (var (key, vector) in _cache)
        {
            writer.Write(key);
            foreach (float v in vector) writer.Write(v);
        }
    }

    private static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
