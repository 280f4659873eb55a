namespace TalentFlow.ML.Ranking;

/// <summary>A row of an embedding matrix and its score against a query.</summary>
/// <param name="Row">The row's index.</param>
/// <param name="Score">Its dot product with the query.</param>
public readonly record struct ScoredRow(int Row, float Score)
{
    /// <summary>
    /// The ranking order: higher score first, then lower row. Every partition and the merge use it, so a partitioned search
    /// returns exactly what one pass over all rows returns, ties included.
    /// </summary>
    public static bool Precedes(ScoredRow a, ScoredRow b) => a.Score > b.Score || (a.Score == b.Score && a.Row < b.Row);
}
