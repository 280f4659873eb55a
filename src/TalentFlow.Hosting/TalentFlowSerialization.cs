using System.Reflection;
using System.Text.Json;
using Orleans;

namespace TalentFlow.Hosting;

/// <summary>
/// Which types cross grain calls as System.Text.Json. TalentFlow's records (contracts, grain messages, the ML library's
/// artifacts) carry no Orleans attributes, so that <c>TalentFlow.Contracts</c> and <c>TalentFlow.ML</c> stay free of Orleans:
/// every TalentFlow type without a generated codec goes as JSON. Exceptions never do (Orleans' exception codec keeps their type).
/// </summary>
public static class TalentFlowSerialization
{
    /// <summary>The JSON options of grain messages: System.Text.Json's defaults, as the HTTP SDK's records were written for.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.General);

    /// <summary>Whether <paramref name="type"/> travels as JSON: a TalentFlow type that is neither an exception nor <c>[GenerateSerializer]</c>.</summary>
    public static bool IsJsonType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Namespace is { } ns
            && (ns == "TalentFlow" || ns.StartsWith("TalentFlow.", StringComparison.Ordinal))
            && !typeof(Exception).IsAssignableFrom(type)
            && type.GetCustomAttribute<GenerateSerializerAttribute>() is null;
    }
}
