using TalentFlow.ML.Screening;

namespace TalentFlow.ML.Tests.Screening;

public sealed class ScreeningBuiltInTests
{
    private const string Nurse = "Registered Nurse\nSummary\nRegistered nurse with eight years of patient care in acute care units.\nExperience\nStaff Nurse, City Hospital, 2015 - 2023\nAssessed patients, administered medications, monitored vital signs and educated patients and families.\nEducation\nBachelor of Science in Nursing";
    private const string Chef = "Executive Chef\nSummary\nChef with ten years in restaurant kitchens.\nExperience\nHead Chef, Bistro, 2014 - 2023\nPlanned menus, prepared dishes, ordered food supplies and trained kitchen staff in food safety.\nEducation\nCulinary Arts Diploma";
    private static readonly ScreeningJob NurseJob = new("Registered Nurse",
        "We are hiring a registered nurse to assess patients, administer medications, monitor patient health and coordinate care with physicians in our hospital.");

    [Fact]
    public void BuiltIn_Loads_WithVersionMetricsAndFingerprint()
    {
        var model = ScreeningModel.BuiltIn;

        Assert.StartsWith("screening-", model.Version, StringComparison.Ordinal);
        Assert.NotEmpty(model.DataFingerprint);
        Assert.InRange(model.Metrics["roc_auc"], 0.7, 1);
        Assert.InRange(model.Threshold, 0.02, 0.98);
        // Trained with an encoder's cosines, it must carry a model without them: every silo serves it, whatever its encoder.
        Assert.True(model.EncoderVersion is null || model.Fallback is not null);
        Assert.NotEmpty(model.Vocabulary.Occupations);
    }

    [Fact]
    public async Task BuiltIn_OneParagraphJob_MatchingResumeOutscoresOtherOccupation()
    {
        var model = ScreeningModel.BuiltIn;
        var features = model.CreateFeatures();
        var job = await features.PrepareJobAsync(NurseJob);

        double nurse = model.Probability(features.Combine(job, await features.PrepareResumeAsync(Nurse)));
        double chef = model.Probability(features.Combine(job, await features.PrepareResumeAsync(Chef)));

        Assert.True(nurse > chef, $"nurse {nurse}, chef {chef}");
        Assert.True(model.Shortlists(nurse), $"nurse {nurse} below {model.Threshold}");
        Assert.False(model.Shortlists(chef), $"chef {chef} above {model.Threshold}");
    }

    [Fact]
    public void BuiltIn_SaveLoad_KeepsVersion()
    {
        using var stream = new MemoryStream();
        ScreeningModel.BuiltIn.Save(stream);

        Assert.Equal(ScreeningModel.BuiltIn.Version, ScreeningModel.Load(stream.ToArray()).Version);
    }

    [Fact]
    public void CategoryOccupations_Default_EveryCategoryHasAtLeastTwoOccupationsAndNoCodeTwice()
    {
        var mapping = CategoryOccupations.Default;

        Assert.Equal(24, mapping.Select(m => m.Category).Distinct().Count());
        Assert.All(mapping.GroupBy(m => m.Category), g => Assert.True(g.Count() >= 2, g.Key));
        Assert.Equal(mapping.Count, mapping.Select(m => m.Code).Distinct().Count());
    }
}
