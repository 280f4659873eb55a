using System.Text.Json;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>Writes and reads <see cref="ConvFmOptions"/> inside the artifact, property by property (no reflection).</summary>
internal static class ConvFmOptionsJson
{
    public static void Write(Utf8JsonWriter writer, ConvFmOptions o)
    {
        writer.WriteStartObject();
        writer.WriteNumber("embedding_dim", o.EmbeddingDim);
        writer.WriteNumber("conv_filters", o.ConvFilters);
        writer.WriteNumber("conv_kernel_size", o.ConvKernelSize);
        writer.WriteNumber("conv_padding", o.ConvPadding);
        writer.WriteStartArray("hidden_units");
        foreach (var h in o.HiddenUnits)
        {
            writer.WriteNumberValue(h);
        }

        writer.WriteEndArray();
        writer.WriteNumber("dropout", o.Dropout);
        writer.WriteNumber("batchnorm_epsilon", o.BatchNormEpsilon);
        writer.WriteNumber("batchnorm_momentum", o.BatchNormMomentum);
        writer.WriteNumber("embedding_init_std", o.EmbeddingInitStd);
        writer.WriteNumber("learning_rate", o.LearningRate);
        writer.WriteNumber("beta1", o.Beta1);
        writer.WriteNumber("beta2", o.Beta2);
        writer.WriteNumber("adam_epsilon", o.AdamEpsilon);
        writer.WriteNumber("weight_decay", o.WeightDecay);
        writer.WriteNumber("batch_size", o.BatchSize);
        writer.WriteNumber("epochs", o.Epochs);
        writer.WriteNumber("early_stopping_patience", o.EarlyStoppingPatience);
        writer.WriteNumber("max_degree_of_parallelism", o.MaxDegreeOfParallelism);
        writer.WriteNumber("seed", o.Seed);
        writer.WriteEndObject();
    }

    /// <summary>Reads and validates; a missing property throws <see cref="KeyNotFoundException"/>, an invalid one <see cref="ArgumentException"/>.</summary>
    public static ConvFmOptions Read(JsonElement e)
    {
        var options = new ConvFmOptions
        {
            EmbeddingDim = e.GetProperty("embedding_dim").GetInt32(),
            ConvFilters = e.GetProperty("conv_filters").GetInt32(),
            ConvKernelSize = e.GetProperty("conv_kernel_size").GetInt32(),
            ConvPadding = e.GetProperty("conv_padding").GetInt32(),
            HiddenUnits = [.. e.GetProperty("hidden_units").EnumerateArray().Select(h => h.GetInt32())],
            Dropout = e.GetProperty("dropout").GetDouble(),
            BatchNormEpsilon = e.GetProperty("batchnorm_epsilon").GetDouble(),
            BatchNormMomentum = e.GetProperty("batchnorm_momentum").GetDouble(),
            EmbeddingInitStd = e.GetProperty("embedding_init_std").GetDouble(),
            LearningRate = e.GetProperty("learning_rate").GetDouble(),
            Beta1 = e.GetProperty("beta1").GetDouble(),
            Beta2 = e.GetProperty("beta2").GetDouble(),
            AdamEpsilon = e.GetProperty("adam_epsilon").GetDouble(),
            WeightDecay = e.GetProperty("weight_decay").GetDouble(),
            BatchSize = e.GetProperty("batch_size").GetInt32(),
            Epochs = e.GetProperty("epochs").GetInt32(),
            EarlyStoppingPatience = e.GetProperty("early_stopping_patience").GetInt32(),
            MaxDegreeOfParallelism = e.GetProperty("max_degree_of_parallelism").GetInt32(),
            Seed = e.GetProperty("seed").GetInt32(),
        };
        options.Validate();
        return options;
    }
}
