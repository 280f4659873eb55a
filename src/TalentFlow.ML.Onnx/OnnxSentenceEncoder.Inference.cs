using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TalentFlow.ML.Onnx.Internal;

namespace TalentFlow.ML.Onnx;

public sealed partial class OnnxSentenceEncoder
{
    private const string InputIds = "input_ids", AttentionMask = "attention_mask", TokenTypeIds = "token_type_ids";

    // Token-level outputs of Hugging Face / optimum exports first; an already pooled output only when there is no other.
    private static readonly string[] TokenOutputs = ["last_hidden_state", "token_embeddings"];

    private float[][] EmbedCore(InferenceSession session, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        // Each distinct text runs once: a repeat within the call (a resume standing in for its missing section) or one the
        // cache holds from an earlier call (the same resume screened again) is copied, not re-embedded.
        var result = new float[texts.Count][];
        var first = new Dictionary<string, int>(texts.Count, StringComparer.Ordinal);
        var distinct = new List<string>(texts.Count);
        var slot = new int[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts));
            if (_cache is not null && _cache.TryGet(text, out var cached))
            {
                result[i] = cached;
                slot[i] = -1;
            }
            else if (first.TryGetValue(text, out var j))
            {
                slot[i] = j;
            }
            else
            {
                first[text] = slot[i] = distinct.Count;
                distinct.Add(text);
            }
        }

        if (distinct.Count == texts.Count)
        {
            var all = EmbedDistinct(session, distinct, cancellationToken);
            for (var i = 0; i < all.Length; i++)
            {
                _cache?.Add(distinct[i], all[i]);
            }

            return all;
        }

        var vectors = distinct.Count == 0 ? [] : EmbedDistinct(session, distinct, cancellationToken);
        for (var j = 0; j < vectors.Length; j++)
        {
            _cache?.Add(distinct[j], vectors[j]);
        }

        var used = new bool[vectors.Length];
        for (var i = 0; i < texts.Count; i++)
        {
            if (slot[i] >= 0)
            {
                // The first owner takes the array; later repeats get copies, so no two results share one.
                result[i] = used[slot[i]] ? (float[])vectors[slot[i]].Clone() : vectors[slot[i]];
                used[slot[i]] = true;
            }
        }

        return result;
    }

    private float[][] EmbedDistinct(InferenceSession session, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        // Every window of every text is one sequence; owner[k] is the text sequence k belongs to.
        var sequences = new List<int[]>(texts.Count);
        var owner = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            foreach (var window in Tokenize(texts[i]).Windows)
            {
                sequences.Add(window);
                owner.Add(i);
            }
        }

        var ids = sequences.ToArray();
        var vectors = RunSorted(session, ids, cancellationToken);
        if (ids.Length == texts.Count)
        {
            return vectors;
        }

        // Windows of one text: the mean of their unit vectors, L2-normalised.
        var result = new float[texts.Count][];
        var counts = new int[texts.Count];
        for (var k = 0; k < ids.Length; k++)
        {
            var target = result[owner[k]] ??= new float[Dimension];
            System.Numerics.Tensors.TensorPrimitives.Add(target, vectors[k], target);
            counts[owner[k]]++;
        }

        for (var i = 0; i < result.Length; i++)
        {
            if (counts[i] > 1)
            {
                MeanPooling.Normalize(result[i]);
            }
        }

        return result;
    }

    /// <summary>Embeds token sequences as they are (each mean-pooled and normalised on its own); for tests.</summary>
    internal float[][] EmbedSequences(int[][] ids)
    {
        var session = EnterCall();
        try
        {
            return RunSorted(session, ids, CancellationToken.None);
        }
        finally
        {
            ExitCall();
        }
    }

    private float[][] RunSorted(InferenceSession session, int[][] ids, CancellationToken cancellationToken)
    {
        // Sorting by length keeps padding, and so wasted work, small; results go back in input order.
        var order = new int[ids.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var lengths = Array.ConvertAll(ids, x => x.Length);
        Array.Sort(lengths, order);

        var result = new float[ids.Length][];
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static s => ((RunOptions)s!).Terminate = true, runOptions);
        for (var start = 0; start < order.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Sorted ascending, so the last sequence taken sets the padded width: stop before rows × width passes the token
            // budget. Short texts share big batches; long ones run a few at a time, which bounds ONNX Runtime's buffers
            // (the attention scores alone are rows × heads × width² floats) without costing throughput.
            var count = 1;
            while (count < _batchSize && start + count < order.Length
                && (long)(count + 1) * ids[order[start + count]].Length <= _maxBatchTokens)
            {
                count++;
            }

            var batch = order.AsSpan(start, count);
            start += count;
            try
            {
                RunBatch(session, ids, batch, result, runOptions);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return result;
    }

    private void RunBatch(InferenceSession session, int[][] ids, ReadOnlySpan<int> batch, float[][] result, RunOptions runOptions)
    {
        var rows = batch.Length;
        var width = 0;
        foreach (var i in batch)
        {
            width = Math.Max(width, ids[i].Length);
        }

        var inputIds = new long[rows * width];
        var mask = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            var seq = ids[batch[r]];
            var row = inputIds.AsSpan(r * width, width);
            row.Fill(Tokenizer.PaddingId);
            for (var t = 0; t < seq.Length; t++)
            {
                row[t] = seq[t];
            }

            mask.AsSpan(r * width, seq.Length).Fill(1);
        }

        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _inputNames.Length == 3 ? OrtValue.CreateTensorValueFromMemory(new long[rows * width], shape) : null;
        OrtValue[] inputs = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];

        using var outputs = session.Run(runOptions, _inputNames, inputs, _outputNames);
        var output = outputs[0];
        var dims = output.GetTensorTypeAndShape().Shape;
        var data = output.GetTensorDataAsSpan<float>();
        var expected = _outputIsPooled ? new long[] { rows, Dimension } : [rows, width, Dimension];
        if (!dims.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"{ModelPath} returned shape [{string.Join(", ", dims)}], expected [{string.Join(", ", expected)}].");
        }

        for (var r = 0; r < rows; r++)
        {
            var embedding = new float[Dimension];
            if (_outputIsPooled)
            {
                data.Slice(r * Dimension, Dimension).CopyTo(embedding);
                MeanPooling.Normalize(embedding);
            }
            else
            {
                var stride = width * Dimension;
                MeanPooling.PoolAndNormalize(data.Slice(r * stride, stride), ids[batch[r]].Length, embedding);
            }

            result[batch[r]] = embedding;
        }
    }

    // One run of [CLS] <largest id of the vocabulary> [SEP]: a vocabulary bigger than the model's embedding table fails
    // here, at load, instead of on the first text that reaches a high id; and exports whose hidden size is a symbolic
    // dimension tell it by the output's shape.
    private int Probe(InferenceSession session, string tokenizerPath, int declaredDimension)
    {
        var maxId = Tokenizer.Vocabulary.Values.Max();
        long[] shape = [1, 3];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(new long[] { Tokenizer.ClassifierId, maxId, Tokenizer.SeparatorId }, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(new long[] { 1, 1, 1 }, shape);
        using var typesValue = _inputNames.Length == 3 ? OrtValue.CreateTensorValueFromMemory(new long[3], shape) : null;
        OrtValue[] inputs = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];
        using var runOptions = new RunOptions();
        try
        {
            using var outputs = session.Run(runOptions, _inputNames, inputs, _outputNames);
            var actual = checked((int)outputs[0].GetTensorTypeAndShape().Shape[^1]);
            return declaredDimension > 0 ? declaredDimension : actual;
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxModelException(OnnxModelErrorKind.InvalidTokenizer, tokenizerPath,
                $"The vocabulary {tokenizerPath} does not match the model {ModelPath}: its largest id {maxId} fails in the model ({ex.Message.Split('\n')[0].Trim()}).", ex);
        }
    }

    private static (string[] Inputs, string[] Outputs, bool Pooled, int Dimension) Inspect(InferenceSession session, string path)
    {
        var inputs = session.InputMetadata;
        foreach (var name in new[] { InputIds, AttentionMask })
        {
            if (!inputs.TryGetValue(name, out var meta) || meta.ElementDataType != TensorElementType.Int64)
            {
                throw new OnnxModelException(OnnxModelErrorKind.InvalidModel, path,
                    $"{path} needs an int64 input '{name}' (a BERT-style export); it has: {string.Join(", ", inputs.Keys)}.");
            }
        }

        var unknown = inputs.Keys.Where(k => k is not (InputIds or AttentionMask or TokenTypeIds)).ToArray();
        if (unknown.Length > 0)
        {
            throw new OnnxModelException(OnnxModelErrorKind.InvalidModel, path,
                $"{path} has inputs a sentence encoder cannot fill: {string.Join(", ", unknown)}.");
        }

        string[] inputNames = inputs.ContainsKey(TokenTypeIds) ? [InputIds, AttentionMask, TokenTypeIds] : [InputIds, AttentionMask];

        var outputs = session.OutputMetadata;
        var chosen = TokenOutputs.FirstOrDefault(outputs.ContainsKey)
            ?? outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 3).Key
            ?? outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 2).Key;
        if (chosen is null || outputs[chosen].ElementDataType != TensorElementType.Float)
        {
            throw new OnnxModelException(OnnxModelErrorKind.InvalidModel, path,
                $"{path} has no float32 output of shape [batch, sequence, hidden] or [batch, hidden]; it has: {string.Join(", ", outputs.Keys)}.");
        }

        var dims = outputs[chosen].Dimensions;
        return (inputNames, [chosen], dims.Length == 2, dims[^1]);
    }
}
