
namespace TalentFlow.Grains.Recommendations;

/// <summary>A job as the catalog index holds it: what the recommender reads, taken from the posting when the job is stored.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Title">Title.</param>
/// <param name="Location">The posting's location as given.</param>
/// <param name="Company">Employer.</param>
/// <param name="City">City parsed from the location (may be empty).</param>
/// <param name="State">State code parsed from the location (may be empty).</param>
public sealed record JobCatalogEntry(string JobId, string Title, string? Location, string? Company, string City, string State);

/// <summary>A place of a user: (city, state), either part may be empty.</summary>
/// <param name="City">City.</param>
/// <param name="State">State code.</param>
public sealed record UserPlace(string City, string State);

/// <summary>The user's side of a catalog ranking, as sent to every shard.</summary>
/// <param name="Text">Positions of interest, past titles and titles of jobs the user interacted with.</param>
/// <param name="Places">Home and places of jobs the user interacted with.</param>
/// <param name="Exclude">Jobs never returned (already seen).</param>
/// <param name="InterestText">The user's own words (positions of interest, past titles), for the learned ranker.</param>
/// <param name="Viewed">The jobs the user interacted with, oldest first, for the learned ranker.</param>
public sealed record CatalogQuery(
    string Text, IReadOnlyList<UserPlace> Places, IReadOnlyList<string> Exclude, string? InterestText = null, IReadOnlyList<UserView>? Viewed = null);

/// <summary>A job the user interacted with, as the learned ranker reads it.</summary>
/// <param name="Title">Its title.</param>
/// <param name="City">Its city.</param>
/// <param name="State">Its state code.</param>
/// <param name="Company">Its company, when known.</param>
public sealed record UserView(string Title, string City, string State, string? Company);

/// <summary>A job a shard ranked, with its catalog entry and the parts of its score.</summary>
/// <param name="Job">The catalog entry.</param>
/// <param name="Score">The ranking score.</param>
/// <param name="Text">The title match (TF-IDF cosine).</param>
/// <param name="SameState">Whether the job is in a state of the user.</param>
/// <param name="SameCity">Whether the job is in a city of the user.</param>
/// <param name="Model">The model that scored it.</param>
public sealed record CatalogHit(JobCatalogEntry Job, double Score, double Text, bool SameState, bool SameCity, string Model);
