namespace TalentFlow.ML.Onnx.Tokenization;

/// <summary>
/// BERT's tokenizer: <see cref="BertNormalizer"/> then greedy longest-match-first WordPiece over a vocabulary, with
/// <c>[CLS]</c>/<c>[SEP]</c> around the pieces and truncation to a maximum sequence length. It reproduces Hugging Face's
/// <c>BertTokenizerFast</c> for the settings in <see cref="WordPieceTokenizerOptions"/>. Thread-safe once built.
/// </summary>
public sealed partial class WordPieceTokenizer
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _starts;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;
    private readonly WordPieceTokenizerOptions _options;
    private static readonly System.Buffers.SearchValues<char> AsciiWhitespace = System.Buffers.SearchValues.Create(" \n\t\r");

    /// <summary>Builds a tokenizer over <paramref name="vocabulary"/> (token → id).</summary>
    /// <exception cref="ArgumentException">A special token of <paramref name="options"/> is not in the vocabulary.</exception>
    public WordPieceTokenizer(IReadOnlyDictionary<string, int> vocabulary, WordPieceTokenizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _options = options ?? new WordPieceTokenizerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxInputCharsPerWord, 1, nameof(options));

        var starts = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        var prefix = _options.ContinuingSubwordPrefix;
        foreach (var (token, id) in vocabulary)
        {
            if (prefix.Length > 0 && token.Length > prefix.Length && token.StartsWith(prefix, StringComparison.Ordinal))
            {
                continuations[token[prefix.Length..]] = id;
            }
            else
            {
                starts[token] = id;
            }
        }

        _starts = starts.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
        Vocabulary = vocabulary;
        UnknownId = Special(vocabulary, _options.UnknownToken);
        ClassifierId = Special(vocabulary, _options.ClassifierToken);
        SeparatorId = Special(vocabulary, _options.SeparatorToken);
        PaddingId = Special(vocabulary, _options.PaddingToken);
    }

    /// <summary>Token → id.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <summary>The settings this tokenizer runs with.</summary>
    public WordPieceTokenizerOptions Options => _options;

    /// <summary>Id of <see cref="WordPieceTokenizerOptions.UnknownToken"/>.</summary>
    public int UnknownId { get; }

    /// <summary>Id of <see cref="WordPieceTokenizerOptions.ClassifierToken"/>.</summary>
    public int ClassifierId { get; }

    /// <summary>Id of <see cref="WordPieceTokenizerOptions.SeparatorToken"/>.</summary>
    public int SeparatorId { get; }

    /// <summary>Id of <see cref="WordPieceTokenizerOptions.PaddingToken"/>.</summary>
    public int PaddingId { get; }

    /// <summary>The words BERT's normaliser and pre-tokeniser make of <paramref name="text"/>, before WordPiece.</summary>
    public IReadOnlyList<string> PreTokenize(ReadOnlySpan<char> text) =>
        BertNormalizer.PreTokenize(BertNormalizer.Normalize(text, _options));

    /// <summary>The word pieces of <paramref name="text"/>, without special tokens and without truncation.</summary>
    public IReadOnlyList<string> Tokenize(ReadOnlySpan<char> text)
    {
        var pieces = new List<string>();
        var ids = new List<int>();
        foreach (var word in PreTokenize(text))
        {
            AppendWord(word, ids, pieces);
        }

        return pieces;
    }

    /// <summary>
    /// Token ids for the model: <c>[CLS]</c>, the word pieces of <paramref name="text"/> cut to
    /// <paramref name="maxSequenceLength"/> − 2, <c>[SEP]</c>. Empty or blank text gives <c>[CLS] [SEP]</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSequenceLength"/> is below 2.</exception>
    public int[] Encode(ReadOnlySpan<char> text, int maxSequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 2);
        var ids = new List<int>(Math.Min(maxSequenceLength, text.Length + 2)) { ClassifierId };
        var budget = maxSequenceLength - 1;
        foreach (var word in PreTokenize(text))
        {
            // Words are expanded whole and cut after: WordPiece of a word does not depend on what follows it.
            AppendWord(word, ids, pieces: null);
            if (ids.Count >= budget)
            {
                break;
            }
        }

        if (ids.Count > budget)
        {
            ids.RemoveRange(budget, ids.Count - budget);
        }

        ids.Add(SeparatorId);
        return [.. ids];
    }

    /// <summary>
    /// The word-piece ids of <paramref name="text"/>, without special tokens, cut to <paramref name="maxPieces"/>;
    /// <paramref name="truncated"/> says whether anything was cut.
    /// </summary>
    public int[] EncodePieces(ReadOnlySpan<char> text, int maxPieces, out bool truncated)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPieces);
        var ids = new List<int>(Math.Min(maxPieces, text.Length) + 1);
        truncated = false;
        // A 1 MB paste must not be normalised whole to keep its first few hundred pieces: take the text in chunks cut just
        // before an ASCII whitespace (no word, and no final-sigma context, crosses one) until enough pieces are in.
        var chunk = (int)Math.Clamp(8L * maxPieces, 4096, int.MaxValue);
        for (var offset = 0; offset < text.Length;)
        {
            var end = offset + chunk >= text.Length ? text.Length : offset + chunk;
            if (end < text.Length)
            {
                var space = text[end..].IndexOfAny(AsciiWhitespace);
                end = space < 0 ? text.Length : end + space;
            }

            foreach (var word in PreTokenize(text[offset..end]))
            {
                if (ids.Count >= maxPieces)
                {
                    truncated = true;
                    break;
                }

                AppendWord(word, ids, pieces: null);
            }

            offset = end;
            if (truncated || (ids.Count >= maxPieces && offset < text.Length && !text[offset..].IsWhiteSpace()))
            {
                truncated = true;
                break;
            }
        }

        if (ids.Count > maxPieces)
        {
            truncated = true;
            ids.RemoveRange(maxPieces, ids.Count - maxPieces);
        }

        return [.. ids];
    }

    /// <inheritdoc cref="Encode(ReadOnlySpan{char}, int)"/>
    public int[] Encode(string text, int maxSequenceLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encode(text.AsSpan(), maxSequenceLength);
    }

    private void AppendWord(string word, List<int> ids, List<string>? pieces)
    {
        if (CountRunes(word) > _options.MaxInputCharsPerWord)
        {
            AddUnknown(ids, pieces);
            return;
        }

        var firstPiece = ids.Count;
        var firstName = pieces?.Count ?? 0;
        var start = 0;
        while (start < word.Length)
        {
            var matched = false;
            for (var end = word.Length; end > start; end--)
            {
                var span = word.AsSpan(start, end - start);
                if ((start == 0 ? _starts : _continuations).TryGetValue(span, out var id))
                {
                    ids.Add(id);
                    pieces?.Add(start == 0 ? span.ToString() : string.Concat(_options.ContinuingSubwordPrefix, span));
                    start = end;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                // One unspellable piece makes the whole word unknown, as in BERT.
                ids.RemoveRange(firstPiece, ids.Count - firstPiece);
                pieces?.RemoveRange(firstName, pieces.Count - firstName);
                AddUnknown(ids, pieces);
                return;
            }
        }
    }

    private void AddUnknown(List<int> ids, List<string>? pieces)
    {
        ids.Add(UnknownId);
        pieces?.Add(_options.UnknownToken);
    }

    private static int CountRunes(string word)
    {
        var n = 0;
        foreach (var c in word)
        {
            if (!char.IsLowSurrogate(c))
            {
                n++;
            }
        }

        return n;
    }

    private static int Special(IReadOnlyDictionary<string, int> vocabulary, string token) =>
        vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new ArgumentException($"The vocabulary has no special token '{token}'.", nameof(vocabulary));
}
