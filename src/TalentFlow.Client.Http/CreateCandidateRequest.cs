namespace TalentFlow.Client.Http;

/// <summary>A candidate's resume as text (<c>POST /api/v1/candidates</c>); files go through <see cref="TalentFlowHttpClient.UploadResumeAsync"/>.</summary>
/// <param name="Name">The candidate's display name.</param>
/// <param name="Text">The resume's text.</param>
/// <param name="Id">The candidate id to store it under (replacing a resume with that id); null lets the server make one.</param>
public sealed record CreateCandidateRequest(string Name, string Text, string? Id = null);
