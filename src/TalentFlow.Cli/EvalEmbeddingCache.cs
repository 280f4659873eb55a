using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TalentFlow.ML.Encoders;

namespace TalentFlow.Cli;

/// <summary>
/// An <see cref="IEncoder"/> that keeps every embedding it computes on disk, keyed by the inner encoder's
/// <see cref="IEncoder.VersionId"/> (which holds the model's hash and the long-text settings) and the SHA-256 of the text,
/// so that a rerun of an evaluation encodes nothing it has encoded before (MiniLM runs at 10–25 texts/s on two loaded
/// cores). One file per text: <c>DIR/&lt;version hash&gt;/&lt;2 hex&gt;/&lt;text hash&gt;.f32</c>, little-endian float32. A file
/// of the wrong length is re-encoded, never trusted. Only for evaluations: a served encoder has its own per-grain cache.
/// </summary>
internal sealed class EvalEmbeddingCache : IEncoder, IDisposable
{
    private readonly IEncoder _inner;
    private readonly string _folder;

    public EvalEmbeddingCache(IEncoder inner, string directory)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _inner = inner;
        _folder = Path.Combine(directory, Hash(inner.VersionId)[..24]);
        Directory.CreateDirectory(_folder);
    }

    /// <summary>Where the cache lives unless <c>--embedding-cache</c> says otherwise: outside the repository.</summary>
    public static string DefaultDirectory => Path.Combine(Path.GetTempPath(), "talentflow-eval-embeddings");

    /// <summary>Texts served from disk so far.</summary>
    public int Hits { get; private set; }

    /// <summary>Texts the inner encoder had to embed so far.</summary>
    public int Misses { get; private set; }

    public int Dimension => _inner.Dimension;

    public string VersionId => _inner.VersionId;

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var missing = new List<int>();
        var paths = new string[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            paths[i] = PathOf(texts[i]);
            result[i] = TryRead(paths[i])!;
            if (result[i] is null) missing.Add(i);
        }

        Hits += texts.Count - missing.Count;
        Misses += missing.Count;

        // Distinct texts only, in chunks, so an interrupted run keeps what it finished.
        var distinct = missing.Select(i => texts[i]).Distinct(StringComparer.Ordinal).ToList();
        const int chunk = 256;
        var computed = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var start = 0; start < distinct.Count; start += chunk)
        {
            var part = distinct.GetRange(start, Math.Min(chunk, distinct.Count - start));
            var vectors = await _inner.EmbedAsync(part, cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < part.Count; k++)
            {
                computed[part[k]] = vectors[k];
                Write(PathOf(part[k]), vectors[k]);
            }
        }

        foreach (var i in missing) result[i] = computed[texts[i]];
        return result;
    }

    public void Dispose() => (_inner as IDisposable)?.Dispose();

    private string PathOf(string text)
    {
        var hash = Hash(text);
        return Path.Combine(_folder, hash[..2], hash + ".f32");
    }

    private float[]? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != Dimension * sizeof(float)) return null;
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    private static void Write(string path, float[] vector)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Written aside and moved, so a reader never sees half a vector.
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(temporary, MemoryMarshal.AsBytes(vector.AsSpan()).ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
