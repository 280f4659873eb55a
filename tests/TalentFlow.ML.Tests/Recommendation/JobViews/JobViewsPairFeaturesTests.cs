using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.ML.Tests.Recommendation.JobViews;

public sealed class JobViewsPairFeaturesTests
{
    private static (JobViewsPairFeatures Pairs, JobViewsData Data) CreateSut()
    {
        var data = RankingTestData.Small();
        return (new JobViewsPairFeatures(new JobViewsFeatures(data)), data);
    }

    private static float[] Features(JobViewsPairFeatures pairs, JobViewsRankingProfile profile, JobViewsData data, string job)
    {
        var x = new float[JobViewsPairFeatures.Count];
        pairs.Compute(profile, data.JobIndex[job], x);
        return x;
    }

    private static float Get(float[] x, string name) => x[JobViewsPairFeatures.Names.ToList().IndexOf(name)];

    [Fact]
    public void Compute_SameCompanyAsLastView_IsOneOnlyForThatCompany()
    {
        var (pairs, data) = CreateSut();
        var profile = pairs.Profile("a");

        Assert.Equal(1f, Get(Features(pairs, profile, data, "4"), "last_view_company"));
        Assert.Equal(0f, Get(Features(pairs, profile, data, "5"), "last_view_company"));
        Assert.Equal(0f, Get(Features(pairs, profile, data, "3"), "last_view_company"));
    }

    [Fact]
    public void Compute_JobInTheLastViewsCity_HasLastCityAndStateButNotCompany()
    {
        var (pairs, data) = CreateSut();
        var x = Features(pairs, pairs.Profile("a"), data, "5");

        Assert.Equal(1f, Get(x, "last_view_city"));
        Assert.Equal(1f, Get(x, "last_view_state"));
        Assert.Equal(1f, Get(x, "viewed_city"));
        Assert.Equal(1f, Get(x, "viewed_state"));
        Assert.Equal(0f, Get(x, "viewed_position"));
        Assert.Equal(0f, Get(x, "viewed_industry"));
    }

    [Fact]
    public void Compute_SamePositionAndIndustryElsewhere_MatchesCaseInsensitively()
    {
        var (pairs, data) = CreateSut();
        var x = Features(pairs, pairs.Profile("a"), data, "3");

        Assert.Equal(1f, Get(x, "viewed_position"));
        Assert.Equal(1f, Get(x, "viewed_industry"));
        Assert.Equal(0f, Get(x, "viewed_state"));
        Assert.True(Get(x, "recent_views_max_cosine") > 0, "shares 'line cook' with an earlier view");
        Assert.Equal(0f, Get(x, "last_view_cosine"));
    }

    [Fact]
    public void Profile_ExcludedJob_LeavesTheHistoryAndMovesTheLastViewBack()
    {
        var (pairs, data) = CreateSut();
        var barista = data.JobIndex["2"];

        var full = pairs.Profile("a");
        var without = pairs.Profile("a", new HashSet<int> { barista });
        var x = Features(pairs, without, data, "2");

        Assert.Equal(barista, full.User.LastJob);
        Assert.Equal(data.JobIndex["1"], without.User.LastJob);
        Assert.DoesNotContain(barista, without.User.Seen);
        Assert.Equal([data.JobIndex["1"]], without.RecentJobs);
        Assert.Equal(0f, Get(x, "viewed_titles_cosine"));
        Assert.Equal(0f, Get(x, "last_view_cosine"));
        Assert.Equal(0f, Get(Features(pairs, without, data, "4"), "last_view_company"));
        Assert.Equal(1f, Get(Features(pairs, full, data, "2"), "last_view_cosine"), 5);
    }

    [Fact]
    public void Compute_ColdUser_ViewBasedFeaturesAreZero()
    {
        var (pairs, data) = CreateSut();
        var profile = pairs.Profile("cold");
        var x = Features(pairs, profile, data, "5");

        Assert.True(profile.User.IsCold);
        Assert.True(Get(x, "interest_cosine") > 0, "'driver' is in the job's title");
        Assert.True(Get(x, "text_cosine") > 0);
        foreach (var name in JobViewsPairFeatures.Names)
        {
            if (name is not ("interest_cosine" or "text_cosine"))
            {
                Assert.Equal(0f, Get(x, name));
            }
        }
    }

    [Fact]
    public void Top_ContentCandidates_AreBestFirstWithoutSeenJobs()
    {
        var (pairs, data) = CreateSut();
        var user = pairs.Features.Profile("a");

        var top = ContentCandidates.Top(pairs.Features, user, 2, 0.5, 0.5);

        Assert.Equal(2, top.Length);
        Assert.DoesNotContain(data.JobIndex["1"], top);
        Assert.DoesNotContain(data.JobIndex["2"], top);
        Assert.True(pairs.Features.ContentScore(user, top[0], 0.5, 0.5) >= pairs.Features.ContentScore(user, top[1], 0.5, 0.5));
        Assert.Equal(data.JobIndex["5"], top[0]);
    }
}
