namespace TalentFlow.Grains;

/// <summary>Reads a <c>screening_model</c> artifact into the scorer it serves.</summary>
internal static class ScreeningArtifacts
{
    public static ScreeningScorer Read(string version, byte[] artifact) => BaselineScreeningScorer.Read(version, artifact);
}
