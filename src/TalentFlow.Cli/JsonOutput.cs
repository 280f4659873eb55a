using System.Text;
using System.Text.Json;

namespace TalentFlow.Cli;

/// <summary>Writes one JSON object (the --json contract) or aligned "name: value" lines.</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter stdout, IReadOnlyList<KeyValuePair<string, object>> fields, bool json)
    {
        if (!json)
        {
            foreach (var (key, value) in fields)
            {
                stdout.WriteLine($"{key,-16} {Format(value)}");
            }

            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in fields)
            {
                writer.WritePropertyName(key);
                if (value is null || (value is double d && !double.IsFinite(d)))
                {
                    writer.WriteNullValue();
                }
                else
                {
                    JsonSerializer.Serialize(writer, value, value.GetType());
                }
            }

            writer.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture),
        string or int or long or bool => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        _ => JsonSerializer.Serialize(value, value.GetType()),
    };
}
