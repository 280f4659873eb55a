namespace TalentFlow.ML.Onnx.Tokenization;

/// <summary>
/// Settings of a BERT WordPiece tokenizer; the defaults are those of an uncased BERT such as all-MiniLM-L6-v2.
/// </summary>
public sealed record WordPieceTokenizerOptions
{
    /// <summary>Lower-cases the text. Default <see langword="true"/>.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>
    /// Strips accents (NFD, then drops non-spacing marks). Default <see langword="null"/>: strip when
    /// <see cref="LowerCase"/> is set, as BERT does.
    /// </summary>
    public bool? StripAccents { get; init; }

    /// <summary>
    /// Lower-cases a capital sigma that ends a word to final sigma (ς), as Python's <c>str.lower()</c> does — so as BERT's
    /// original (slow) tokenizer and <c>../shared/anchors/minilm_anchor.py</c>. Default <see langword="false"/>: σ, as Hugging
    /// Face's fast tokenizer, which lower-cases one character at a time. The only difference between the two it knows of.
    /// </summary>
    public bool FinalSigma { get; init; }

    /// <summary>Surrounds each CJK ideograph with spaces, so that it is a token of its own. Default <see langword="true"/>.</summary>
    public bool HandleChineseChars { get; init; } = true;

    /// <summary>Drops control characters and maps whitespace to a plain space. Default <see langword="true"/>.</summary>
    public bool CleanText { get; init; } = true;

    /// <summary>A word longer than this many code points becomes <see cref="UnknownToken"/>. Default 100.</summary>
    public int MaxInputCharsPerWord { get; init; } = 100;

    /// <summary>Prefix of pieces that continue a word. Default <c>##</c>.</summary>
    public string ContinuingSubwordPrefix { get; init; } = "##";

    /// <summary>Stands for a word the vocabulary cannot spell. Default <c>[UNK]</c>.</summary>
    public string UnknownToken { get; init; } = "[UNK]";

    /// <summary>Starts every sequence. Default <c>[CLS]</c>.</summary>
    public string ClassifierToken { get; init; } = "[CLS]";

    /// <summary>Ends every sequence. Default <c>[SEP]</c>.</summary>
    public string SeparatorToken { get; init; } = "[SEP]";

    /// <summary>Fills a sequence up to the longest in its batch. Default <c>[PAD]</c>.</summary>
    public string PaddingToken { get; init; } = "[PAD]";

    internal bool ShouldStripAccents => StripAccents ?? LowerCase;
}
