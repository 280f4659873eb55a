namespace TalentFlow.ML.Onnx.Internal;

/// <summary>
/// The last <c>capacity</c> texts' embeddings, least recently used out first. One upload asks the encoder for the same
/// resume more than once (the candidate's own vector, then the screening features of each job it is screened for), and
/// a text always embeds to the same vector for one encoder, so the repeat costs a dictionary lookup instead of a model run.
/// Keys are the full texts (ordinal equality, no hash collisions); vectors are copied in and out, so no caller can change
/// another's. Thread-safe.
/// </summary>
internal sealed class EmbeddingCache(int capacity)
{
    /// <summary>
    /// Longest text kept (characters): a two-page resume is ~8 k; a pasted 1 MB text is not cached, so the keys of a full
    /// cache stay under 1,024 × 64 KB.
    /// </summary>
    public const int MaxTextLength = 32_768;

    private readonly Dictionary<string, LinkedListNode<(string Text, float[] Vector)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Text, float[] Vector)> _order = new();
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity;

    public bool TryGet(string text, out float[] vector)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(text, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                vector = (float[])node.Value.Vector.Clone();
                return true;
            }
        }

        vector = [];
        return false;
    }

    public void Add(string text, float[] vector)
    {
        if (text.Length > MaxTextLength)
        {
            return;
        }

        var copy = (float[])vector.Clone();
        lock (_lock)
        {
            if (_map.TryGetValue(text, out var existing))
            {
                _order.Remove(existing);
            }
            else if (_map.Count >= Capacity && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _map.Remove(oldest.Value.Text);
            }

            _map[text] = _order.AddFirst((text, copy));
        }
    }
}
