using System.Text.Json;
using TalentFlow.ML.Recommendation.ConvFm;
using Xunit.Abstractions;

namespace TalentFlow.ML.Tests.ConvFm;

/// <summary>
/// Compares the C# network with PyTorch on the tiny model of eng/convfm/make_convfm_golden.py: same initial weights, two
/// training steps (logits, loss, every gradient, every parameter and running statistic after Adam), then evaluation mode.
/// </summary>
public sealed class ConvFmGoldenTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    private static readonly JsonElement Golden =
        JsonDocument.Parse(File.ReadAllText(ConvFmTestData.SourceFile("convfm_golden.json"))).RootElement;

    [Fact]
    public void Tensors_TinyModel_NamesAndShapesMatchPyTorchStateDict()
    {
        var net = CreateSut();
        var expected = Golden.GetProperty("shapes").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(expected.Keys.Order(), net.Tensors.Select(t => t.Name).Order());
        foreach (var tensor in net.Tensors)
        {
            Assert.Equal(expected[tensor.Name], tensor.Shape.ToArray());
        }

        var trainable = Golden.GetProperty("trainable").EnumerateArray().Select(e => e.GetString()!).Order();
        Assert.Equal(trainable, net.Tensors.Where(t => t.IsTrainable).Select(t => t.Name).Order());
    }

    [Fact]
    public void TrainStep_GoldenBatch_MatchesPyTorchWithin1e4()
    {
        var net = CreateSut();
        var options = net.Options;
        var batch = Batch(out var labels);
        var act = new ConvFmActivations<float>(net, batch.Length);
        var adam = new AdamOptimizer<float>(net.Tensors, options);
        var noise = Golden.GetProperty("noise_gradients").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        var maxError = 0.0;
        var step = 0;
        foreach (var expected in Golden.GetProperty("steps").EnumerateArray())
        {
            step++;
            net.Forward(batch, act, training: true, dropout: null);
            var loss = ConvFmNetwork<float>.Loss(labels, act);
            maxError = Compare("logits", Floats(expected.GetProperty("logits")), act.Logits.AsSpan(0, batch.Length), Tolerance, maxError);
            maxError = Compare("loss", [expected.GetProperty("loss").GetDouble()], [loss], Tolerance, maxError);
            net.Backward(batch, act);
            foreach (var grad in expected.GetProperty("grads").EnumerateObject())
            {
                maxError = Compare($"step {step} grad {grad.Name}", Floats(grad.Value), net.Find(grad.Name).Grad!, Tolerance, maxError);
            }

            // Linear biases right before BatchNorm have an exactly zero true gradient, so both frameworks hold only rounding
            // noise there (compared above); the script leaves them out of Adam's step, and a zero gradient does the same here.
            foreach (var name in noise)
            {
                Array.Clear(net.Find(name).Grad!);
            }

            adam.Step();
            foreach (var after in expected.GetProperty("after").EnumerateObject())
            {
                maxError = Compare($"step {step} {after.Name}", Floats(after.Value), net.Find(after.Name).Data, Tolerance, maxError);
            }
        }

        net.Forward(batch, act, training: false, dropout: null);
        maxError = Compare("eval logits", Floats(Golden.GetProperty("eval_logits")), act.Logits.AsSpan(0, batch.Length), Tolerance, maxError);
        output.WriteLine($"max abs error vs PyTorch: {maxError:E3}");
    }

    private static ConvFmNetwork<float> CreateSut()
    {
        var o = Golden.GetProperty("options");
        var options = new ConvFmOptions
        {
            EmbeddingDim = o.GetProperty("embedding_dim").GetInt32(),
            ConvFilters = o.GetProperty("conv_filters").GetInt32(),
            ConvKernelSize = o.GetProperty("kernel").GetInt32(),
            ConvPadding = o.GetProperty("padding").GetInt32(),
            HiddenUnits = [.. o.GetProperty("hidden").EnumerateArray().Select(e => e.GetInt32())],
            Dropout = o.GetProperty("dropout").GetDouble(),
            LearningRate = o.GetProperty("learning_rate").GetDouble(),
            BatchNormEpsilon = o.GetProperty("batchnorm_eps").GetDouble(),
            BatchNormMomentum = o.GetProperty("batchnorm_momentum").GetDouble(),
        };
        var s = Golden.GetProperty("sizes");
        var net = new ConvFmNetwork<float>(
            options,
            s.GetProperty("users").GetInt32(),
            s.GetProperty("jobs").GetInt32(),
            s.GetProperty("skills").GetInt32(),
            s.GetProperty("locations").GetInt32(),
            s.GetProperty("companies").GetInt32());
        foreach (var initial in Golden.GetProperty("initial").EnumerateObject())
        {
            var values = Floats(initial.Value);
            var data = net.Find(initial.Name).Data;
            Assert.Equal(values.Length, data.Length);
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (float)values[i];
            }
        }

        return net;
    }

    private static ConvFmInput[] Batch(out float[] labels)
    {
        var b = Golden.GetProperty("batch");
        int[] Ints(string name) => [.. b.GetProperty(name).EnumerateArray().Select(e => e.GetInt32())];
        var users = Ints("user");
        var jobs = Ints("job");
        var locations = Ints("location");
        var companies = Ints("company");
        var skills = b.GetProperty("skills").EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray();
        labels = [.. b.GetProperty("label").EnumerateArray().Select(e => e.GetSingle())];
        return [.. Enumerable.Range(0, users.Length).Select(i => new ConvFmInput(users[i], jobs[i], skills[i], locations[i], companies[i]))];
    }

    private static double[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    private static double Compare(string what, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance, double maxError)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(expected[i] - actual[i]);
            Assert.True(error <= tolerance, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (|Δ| {error:E2} > {tolerance:E0})");
            maxError = Math.Max(maxError, error);
        }

        return maxError;
    }
}
