using TalentFlow.ML.Recommendation.ConvFm;
using Xunit.Abstractions;

namespace TalentFlow.ML.Tests.ConvFm;

/// <summary>
/// Central finite differences against the hand-written backward pass, on every element of every trainable tensor of a tiny
/// model, in double precision, BatchNorm in training mode and dropout 0.2 with a fixed mask (the same seed for every pass).
/// </summary>
/// <remarks>
/// Why these tolerances: in double, a central difference with step h = 1e-6 has truncation error O(h²·f''') ≈ 1e-12 and
/// rounding error ≈ ε·|f|/h ≈ 1e-10, so |numeric − analytic| ≤ 1e-7 + 1e-5·|analytic| leaves three orders of margin while
/// any real mistake (a wrong index, a missing term, a factor of 1/n) shows as an error of order |analytic| itself.
/// </remarks>
public sealed class ConvFmGradientCheckTests(ITestOutputHelper output)
{
    private const double Step = 1e-6;
    private const double AbsoluteTolerance = 1e-7;
    private const double RelativeTolerance = 1e-5;
    private const int DropoutSeed = 99;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Backward_EveryParameterTensor_MatchesFiniteDifferences(bool deepFm)
    {
        // deepFm: no convolution (ConvFilters 0), the ablation eval recommend --model deepfm trains.
        var options = deepFm ? ConvFmTestData.TinyOptions() with { ConvFilters = 0 } : ConvFmTestData.TinyOptions();
        var (net, batch, labels, act) = CreateSut(options);
        Objective(net, batch, labels, act);
        net.Backward(batch, act);
        var analytic = net.Tensors.Where(t => t.IsTrainable).ToDictionary(t => t.Name, t => t.Grad!.ToArray());
        var worst = 0.0;
        foreach (var tensor in net.Tensors.Where(t => t.IsTrainable))
        {
            var grad = analytic[tensor.Name];
            if (tensor.Data.Length == 0) continue;
            Assert.Contains(grad, g => g != 0);
            for (var i = 0; i < tensor.Data.Length; i++)
            {
                var saved = tensor.Data[i];
                tensor.Data[i] = saved + Step;
                var plus = Objective(net, batch, labels, act);
                tensor.Data[i] = saved - Step;
                var minus = Objective(net, batch, labels, act);
                tensor.Data[i] = saved;
                var numeric = (plus - minus) / (2 * Step);
                var error = Math.Abs(numeric - grad[i]);
                Assert.True(
                    error <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(grad[i])),
                    $"{tensor.Name}[{i}]: analytic {grad[i]:R}, numeric {numeric:R}");
                worst = Math.Max(worst, error / (AbsoluteTolerance + (RelativeTolerance * Math.Abs(grad[i]))));
            }
        }

        output.WriteLine($"worst error / tolerance: {worst:F4}");
    }

    [Fact]
    public void Backward_PaddingSkillRow_GetsNoGradient()
    {
        var (net, batch, labels, act) = CreateSut(ConvFmTestData.TinyOptions());
        Objective(net, batch, labels, act);
        net.Backward(batch, act);
        var skill = net.Find("skill.weight");
        Assert.All(skill.Grad!.AsSpan(0, net.Dim).ToArray(), g => Assert.Equal(0, g));
    }

    [Fact]
    public void Forward_EvaluationMode_IgnoresDropoutAndBatchComposition()
    {
        var (net, batch, _, act) = CreateSut(ConvFmTestData.TinyOptions());
        net.Forward(batch, act, training: false, dropout: null);
        var together = act.Logits.AsSpan(0, batch.Length).ToArray();
        for (var b = 0; b < batch.Length; b++)
        {
            net.Forward(batch.AsSpan(b, 1), act, training: false, dropout: null);
            Assert.Equal(together[b], act.Logits[0], 12);
        }
    }

    private static (ConvFmNetwork<double> Net, ConvFmInput[] Batch, double[] Labels, ConvFmActivations<double> Act) CreateSut(ConvFmOptions options)
    {
        var net = new ConvFmNetwork<double>(
            options, ConvFmTestData.Users, ConvFmTestData.Jobs, ConvFmTestData.Skills, ConvFmTestData.Locations, ConvFmTestData.Companies);
        net.Initialize(new Random(options.Seed));
        var batch = ConvFmTestData.Batch();
        return (net, batch, ConvFmTestData.Labels(), new ConvFmActivations<double>(net, batch.Length));
    }

    private static double Objective(ConvFmNetwork<double> net, ConvFmInput[] batch, double[] labels, ConvFmActivations<double> act)
    {
        // A fresh generator with one seed gives the same dropout mask on every pass, so the loss is a smooth function of θ.
        net.Forward(batch, act, training: true, new Random(DropoutSeed));
        return ConvFmNetwork<double>.Loss(labels, act);
    }
}
