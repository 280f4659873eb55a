using System.Text.Json.Serialization;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Careers;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Client.Http.Internal;

/// <summary>
/// Every body the client reads or writes, source-generated with the API's conventions (snake_case names, nulls left out):
/// no reflection-based serialisation, so the client trims and runs under Native AOT.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CreateJobRequest))]
[JsonSerializable(typeof(JobProfile))]
[JsonSerializable(typeof(JobPage))]
[JsonSerializable(typeof(JobRequirements))]
[JsonSerializable(typeof(SetJobRequirementsRequest))]
[JsonSerializable(typeof(JobSettings))]
[JsonSerializable(typeof(CreateCandidateRequest))]
[JsonSerializable(typeof(CandidateProfile))]
[JsonSerializable(typeof(CandidatePage))]
[JsonSerializable(typeof(IReadOnlyList<CandidateInteraction>))]
[JsonSerializable(typeof(CandidateMatch))]
[JsonSerializable(typeof(IReadOnlyList<RankedCandidate>))]
[JsonSerializable(typeof(ScreeningResult))]
[JsonSerializable(typeof(IReadOnlyList<ScreeningResult>))]
[JsonSerializable(typeof(FeedbackBody))]
[JsonSerializable(typeof(FeedbackReceipt))]
[JsonSerializable(typeof(TrainingStatus))]
[JsonSerializable(typeof(TriggerBody))]
[JsonSerializable(typeof(TriggerResult))]
[JsonSerializable(typeof(TrainingJobInfo))]
[JsonSerializable(typeof(IReadOnlyList<TrainingJobInfo>))]
[JsonSerializable(typeof(IReadOnlyList<TrainingSample>))]
[JsonSerializable(typeof(IReadOnlyList<ModelSummary>))]
[JsonSerializable(typeof(PromotionResult))]
[JsonSerializable(typeof(ModelComparison))]
[JsonSerializable(typeof(AbTestBody))]
[JsonSerializable(typeof(ModelAbTest))]
[JsonSerializable(typeof(AbTestReport))]
[JsonSerializable(typeof(IReadOnlyList<SiloInfo>))]
[JsonSerializable(typeof(AliasBody))]
[JsonSerializable(typeof(ReasonBody))]
[JsonSerializable(typeof(RollbackBody))]
[JsonSerializable(typeof(ModelAlias))]
[JsonSerializable(typeof(IReadOnlyList<ModelAlias>))]
[JsonSerializable(typeof(IReadOnlyList<RegistryEvent>))]
[JsonSerializable(typeof(ModelLineage))]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(TalentFlowProblem))]
[JsonSerializable(typeof(CareerRecommendationRequest))]
[JsonSerializable(typeof(CareerAdviceResult))]
[JsonSerializable(typeof(ReviewQueue))]
[JsonSerializable(typeof(ReviewSettings))]
[JsonSerializable(typeof(ReviewSettingsBody))]
[JsonSerializable(typeof(JobAgreement))]
[JsonSerializable(typeof(ReviewerAgreementReport))]
[JsonSerializable(typeof(IReadOnlyList<AdjudicationCase>))]
[JsonSerializable(typeof(AdjudicationCase))]
[JsonSerializable(typeof(AdjudicationBody))]
internal sealed partial class TalentFlowJsonContext : JsonSerializerContext;
