namespace TalentFlow.Client.Http;

/// <summary>The acknowledgement of a reviewer's verdict (<c>POST /api/v1/feedback/submit</c>).</summary>
/// <param name="Success">Whether the verdict was recorded.</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="ScreeningResultId">The screening result the verdict is about.</param>
/// <param name="NeedsRetraining">The reviewer disagrees with the model, so the verdict counts toward retraining.</param>
/// <param name="SubmittedAt">When the server acknowledged it (after it was durable).</param>
public sealed record FeedbackReceipt(bool Success, string Message, string ScreeningResultId, bool NeedsRetraining, DateTimeOffset SubmittedAt);
