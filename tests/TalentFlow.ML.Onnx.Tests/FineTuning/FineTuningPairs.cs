using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.ML.Onnx.Tests.FineTuning;

/// <summary>Labelled pairs small enough to fine-tune in a test: three occupations, each text matched once and mismatched once.</summary>
internal static class FineTuningPairs
{
    public static readonly TextPair[] Tiny =
    [
        new("Senior Python developer, Django and PostgreSQL.", "Software developer: Python, web services, SQL databases.", 1),
        new("Registered nurse, patient care and phlebotomy.", "Software developer: Python, web services, SQL databases.", 0),
        new("Registered nurse, patient care and phlebotomy.", "Registered nurses assess patients and record medical histories.", 1),
        new("Head chef, menu planning, kitchen staff.", "Registered nurses assess patients and record medical histories.", 0),
        new("Head chef, menu planning, kitchen staff.", "Chefs direct the preparation of food in restaurants.", 1),
        new("Senior Python developer, Django and PostgreSQL.", "Chefs direct the preparation of food in restaurants.", 0),
    ];
}
