namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>The five fields, in the order they are stacked along the convolution's length axis (as the anchor stacks them).</summary>
internal static class ConvFmFields
{
    public const int Count = 5;
    public const int User = 0;
    public const int Job = 1;
    public const int Skills = 2;
    public const int Location = 3;
    public const int Company = 4;
}
