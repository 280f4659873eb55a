namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// One user–job pair as vocabulary ids. <paramref name="Skills"/> is a bag of skill-token ids whose embeddings are averaged;
/// id 0 is padding and is ignored, so an empty bag (or only zeros) gives a zero skill vector.
/// </summary>
/// <param name="User">Id in the user vocabulary.</param>
/// <param name="Job">Id in the job vocabulary.</param>
/// <param name="Skills">Skill-token ids (0 = padding).</param>
/// <param name="Location">Id in the location vocabulary.</param>
/// <param name="Company">Id in the company vocabulary.</param>
public readonly record struct ConvFmInput(int User, int Job, int[] Skills, int Location, int Company);
