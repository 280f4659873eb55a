namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>A job a content ranking returned, with the parts of its score (for the explanation).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Score">Text + state bonus + city bonus.</param>
/// <param name="Text">TF-IDF cosine of the user's text and the job's title.</param>
/// <param name="SameState">Whether the state bonus applied.</param>
/// <param name="SameCity">Whether the city bonus applied.</param>
public readonly record struct ContentHit(string JobId, double Score, double Text, bool SameState, bool SameCity);
