using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TalentFlow.Runtime.Invocation;

/// <summary>
/// Reads and writes call arguments and results with the cluster's <see cref="JsonSerializerOptions"/>, whose resolver chain
/// holds the applications' source-generated contexts (see <c>AddGrainJsonContext</c>). Generated requests call these.
/// </summary>
public static class GrainJson
{
    /// <summary>The type information for <typeparamref name="T"/> from the options' resolvers.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options)
    {
        // Every call asks twice (arguments, result); the options' own lookup took a lock under load (seen in a trace of
        // `bench calls`). A process normally has one cluster options instance, so one remembered entry per type suffices.
        var last = TypeInfoCache<T>.Last;
        if (last is not null && ReferenceEquals(last.Options, options)) return last.Info;
        var info = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        TypeInfoCache<T>.Last = new TypeInfoCache<T>(options, info);
        return info;
    }

    private sealed class TypeInfoCache<T>(JsonSerializerOptions options, JsonTypeInfo<T> info)
    {
        public static volatile TypeInfoCache<T>? Last;

        public JsonSerializerOptions Options { get; } = options;

        public JsonTypeInfo<T> Info { get; } = info;
    }

    /// <summary>Writes one argument.</summary>
    public static void Write<T>(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, TypeInfo<T>(options));

    /// <summary>Moves to the next value and reads one argument; a missing one (an older caller) reads as default.</summary>
    public static T? Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (!reader.Read()) throw new JsonException("The argument list ended early.");
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            throw new JsonException("The call has fewer arguments than the method takes.");
        }
        return JsonSerializer.Deserialize(ref reader, TypeInfo<T>(options));
    }

    /// <summary>After the last argument: skips extra arguments (a newer caller) and checks the array's end.</summary>
    public static void ReadEnd(ref Utf8JsonReader reader)
    {
        // The reader sits on the last argument's final token (or on the array's start), so the next token at this level is
        // either the array's end or an extra argument, which Skip passes over whole. The array may be nested in an envelope,
        // so its depth is not known here.
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray) return;
            reader.Skip();
        }
        throw new JsonException("The argument list is not closed.");
    }
}
