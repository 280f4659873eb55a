using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// Inference-only form of a trained <see cref="ConvFmModel"/> (<see cref="ConvFmModel.CreateScorer"/>): the same logits as
/// <see cref="ConvFmModel.PredictLogits"/> (within float rounding), with everything that depends on one field value alone
/// precomputed. Per field value it keeps the value's share of the convolution's pre-activations at the positions it touches,
/// its share of the first deep layer (BatchNorm folded in), its embedding and its linear weight − ½‖e‖²; a pair then costs
/// the sum of five such rows, the ReLU and pooling of the convolution, and the deep layers on the conv features, run as
/// small matrix products over blocks of pairs.
/// </summary>
/// <remarks>
/// A snapshot: it copies the weights when created, so changes to <see cref="ConvFmModel.Tensors"/> afterwards are not seen.
/// Safe to use from several threads at once; scoring allocates nothing after the first calls (pooled workspaces).
/// </remarks>
public sealed unsafe partial class ConvFmScorer
{
    /// <summary>Pairs per block of the matrix products: activations of one block stay in L1, weights in L2.</summary>
    internal const int BlockSize = 32;

    private readonly ConcurrentBag<Workspace> _pool = [];

    /// <summary>Number of ids in each field's vocabulary (user, job, skills, location, company).</summary>
    public IReadOnlyList<int> VocabularySizes => _vocabularySizes;

    /// <summary>Bytes held by the precomputed tables and weights.</summary>
    public long TableBytes { get; }

    /// <summary>The logit (linear + FM + deep) of one pair.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside its vocabulary.</exception>
    public float ScoreLogit(in ConvFmInput input)
    {
        Span<float> result = stackalloc float[1];
        ScoreLogits(new ReadOnlySpan<ConvFmInput>(in input), result);
        return result[0];
    }

    /// <summary>
    /// Logits of <paramref name="inputs"/> into <paramref name="destination"/>, which must be at least as long. Each pair
    /// gives its own five field values (they may depend on both user and job); consecutive pairs that share one skills
    /// array (the same reference, as when ranking jobs for one user) have the bag's mean computed once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside its vocabulary (checked first: nothing is written).</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short, or a skills array is null.</exception>
    public void ScoreLogits(ReadOnlySpan<ConvFmInput> inputs, Span<float> destination)
    {
        if (destination.Length < inputs.Length)
        {
            throw new ArgumentException("Destination is shorter than the inputs.", nameof(destination));
        }

        if (inputs.IsEmpty)
        {
            return;
        }

        // Every id is checked before anything is scored, so a bad pair leaves the destination untouched.
        int[]? checkedBag = null;
        for (var i = 0; i < inputs.Length; i++)
        {
            CheckIds(inputs[i], i);
            if (!ReferenceEquals(inputs[i].Skills, checkedBag))
            {
                checkedBag = inputs[i].Skills;
                CheckSkills(checkedBag, i);
            }
        }

        if (!_pool.TryTake(out var work))
        {
            work = new Workspace(this);
        }

        try
        {
            work.LastBag = null;
            for (var start = 0; start < inputs.Length; start += BlockSize)
            {
                var count = Math.Min(BlockSize, inputs.Length - start);
                ScoreBlock(inputs, start, count, work, destination.Slice(start, count));
            }
        }
        finally
        {
            // Drop the reference to the caller's array so a pooled workspace does not keep it alive.
            work.LastBag = null;
            _pool.Add(work);
        }
    }

    private void CheckIds(in ConvFmInput input, int index)
    {
        if ((uint)input.User >= (uint)_vocabularySizes[ConvFmFields.User]
            || (uint)input.Job >= (uint)_vocabularySizes[ConvFmFields.Job]
            || (uint)input.Location >= (uint)_vocabularySizes[ConvFmFields.Location]
            || (uint)input.Company >= (uint)_vocabularySizes[ConvFmFields.Company])
        {
            ThrowIdOutOfRange(input, index);
        }

        if (input.Skills is null)
        {
            ThrowNullSkills(index);
        }
    }

    private void CheckSkills(int[] skills, int index)
    {
        var size = (uint)_vocabularySizes[ConvFmFields.Skills];
        foreach (var s in skills)
        {
            if ((uint)s >= size)
            {
                ThrowOutOfVocabulary(nameof(ConvFmInput.Skills), s, ConvFmFields.Skills, index);
            }
        }
    }

    [DoesNotReturn]
    private void ThrowIdOutOfRange(in ConvFmInput input, int index)
    {
        (string Name, int Id, int Field)[] fields =
        [
            (nameof(input.User), input.User, ConvFmFields.User),
            (nameof(input.Job), input.Job, ConvFmFields.Job),
            (nameof(input.Location), input.Location, ConvFmFields.Location),
            (nameof(input.Company), input.Company, ConvFmFields.Company),
        ];
        foreach (var (name, id, field) in fields)
        {
            if ((uint)id >= (uint)_vocabularySizes[field])
            {
                ThrowOutOfVocabulary(name, id, field, index);
            }
        }

        throw new InvalidOperationException("Unreachable: no id was out of range.");
    }

    [DoesNotReturn]
    private void ThrowOutOfVocabulary(string name, int id, int field, int index) =>
        throw new ArgumentOutOfRangeException(
            "inputs",
            id,
            $"inputs[{index}].{name} = {id} is outside its vocabulary of {_vocabularySizes[field]} ids.");

    [DoesNotReturn]
    private static void ThrowNullSkills(int index) =>
        throw new ArgumentException($"inputs[{index}].Skills is null (use an empty array).", "inputs");

    /// <summary>One thread's scratch: a block's activations and the current skill bag's mean row.</summary>
    private sealed class Workspace
    {
        public Workspace(ConvFmScorer scorer)
        {
            Pooled = new float[BlockSize * scorer._filters];
            Layers = new float[scorer._layers.Length][];
            for (var i = 0; i < Layers.Length; i++)
            {
                Layers[i] = new float[BlockSize * scorer._layers[i].Out];
            }

            Wide = new float[BlockSize];
            BagRow = GC.AllocateArray<float>(scorer._rowLength[ConvFmFields.Skills], pinned: true);
        }

        /// <summary>Σ over positions of ReLU(conv pre-activation) per pair (the 1/length is folded into the weights).</summary>
        public float[] Pooled { get; }

        /// <summary>Each deep layer's output for the block.</summary>
        public float[][] Layers { get; }

        /// <summary>Bias + linear terms + FM per pair.</summary>
        public float[] Wide { get; }

        /// <summary>Mean of the bag's skill rows (pinned: read through a pointer with the other fields' rows).</summary>
        public float[] BagRow { get; }

        /// <summary>−½‖mean skill embedding‖² of the bag in <see cref="BagRow"/>.</summary>
        public float BagWide { get; set; }

        /// <summary>The skills array <see cref="BagRow"/> was computed from.</summary>
        public int[]? LastBag { get; set; }
    }
}
