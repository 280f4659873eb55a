namespace TalentFlow.ML.Onnx;

/// <summary>The token sequences the model sees for one text.</summary>
/// <param name="Windows">One sequence (<c>[CLS]</c> … <c>[SEP]</c>) per window; exactly one unless the encoder windows long texts.</param>
/// <param name="Tokens">Tokens of the text the windows cover, <c>[CLS]</c> and <c>[SEP]</c> counted once.</param>
/// <param name="Truncated">Whether the end of the text was cut off (past the last window, or past the only one).</param>
public sealed record TokenizedText(IReadOnlyList<int[]> Windows, int Tokens, bool Truncated);
