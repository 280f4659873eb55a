using TalentFlow.ML.Numerics;

namespace TalentFlow.ML.Tests.Numerics;

public sealed class StableSoftMaxTests
{
    [Fact]
    public void Apply_LogitsThatOverflowExp_GivesFiniteProbabilities()
    {
        float[] logits = [2.5f, -1f, 3f];
        var p = new float[3];

        StableSoftMax.Apply(logits, 0.001f, p);

        Assert.Equal([0f, 0f, 1f], p);
        Assert.Equal([2.5f, -1f, 3f], logits);
    }

    [Fact]
    public void Apply_ModerateLogits_MatchesTheTextbookSoftmax()
    {
        float[] logits = [1f, 2f, 0.5f];
        var p = new float[3];

        StableSoftMax.Apply(logits, 2f, p);

        var e = logits.Select(l => Math.Exp(l / 2.0)).ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(e[i] / e.Sum(), p[i], 6);
    }

    [Fact]
    public void Apply_InPlace_Works()
    {
        float[] x = [1000f, 0f];

        StableSoftMax.Apply(x, 1f, x);

        Assert.Equal([1f, 0f], x);
    }
}
