namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>A labelled training or validation pair.</summary>
/// <param name="Input">The field ids.</param>
/// <param name="Label">1 for an interaction (view, apply, …), 0 for a negative.</param>
public readonly record struct ConvFmExample(ConvFmInput Input, float Label);
