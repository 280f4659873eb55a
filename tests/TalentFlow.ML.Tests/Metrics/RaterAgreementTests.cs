using TalentFlow.ML.Metrics;

namespace TalentFlow.ML.Tests.Metrics;

public sealed class RaterAgreementTests
{
    [Fact]
    public void CohensKappa_TextbookTable_IsPointFour()
    {
        // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15. p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
        var first = new List<string>();
        var second = new List<string>();
        Add(20, "yes", "yes");
        Add(5, "yes", "no");
        Add(10, "no", "yes");
        Add(15, "no", "no");

        Assert.Equal(0.4, RaterAgreement.CohensKappa(first, second), 12);

        void Add(int count, string a, string b)
        {
            for (int i = 0; i < count; i++)
            {
                first.Add(a);
                second.Add(b);
            }
        }
    }

    [Fact]
    public void CohensKappa_PerfectAndOpposite_AreOneAndMinusOne()
    {
        Assert.Equal(1.0, RaterAgreement.CohensKappa(["a", "b", "a", "b"], ["a", "b", "a", "b"]), 12);
        Assert.Equal(-1.0, RaterAgreement.CohensKappa(["a", "b", "a", "b"], ["b", "a", "b", "a"]), 12);
    }

    [Fact]
    public void CohensKappa_OneLabelOnly_IsNaNAndMismatchedListsThrow()
    {
        Assert.True(double.IsNaN(RaterAgreement.CohensKappa(["a", "a"], ["a", "a"])));
        Assert.Throws<ArgumentException>(() => RaterAgreement.CohensKappa(["a"], ["a", "b"]));
        Assert.Throws<ArgumentException>(() => RaterAgreement.CohensKappa(Array.Empty<string>(), Array.Empty<string>()));
    }

    [Fact]
    public void KrippendorffAlpha_TwoReviewersThreeItems_MatchesHandComputedCoincidences()
    {
        // (a,a), (a,b), (b,b): o_aa = 2, o_ab = o_ba = 1, o_bb = 2; n_a = n_b = 3, n = 6. α = 1 − 5·2 / 18 = 4/9.
        double alpha = RaterAgreement.KrippendorffAlpha<string>([["a", "a"], ["a", "b"], ["b", "b"]]);

        Assert.Equal(4.0 / 9.0, alpha, 12);
    }

    [Fact]
    public void KrippendorffAlpha_ThreeReviewersWithMissingLabels_MatchesHandComputedCoincidences()
    {
        // (a,a,a): o_aa += 3; (a,a,b): o_aa += 1, o_ab += 1, o_ba += 1; (b,b): o_bb += 2; (a) alone is not pairable.
        // n_a = 5, n_b = 3, n = 8: α = 1 − 7·2 / (2·5·3) = 8/15.
        double alpha = RaterAgreement.KrippendorffAlpha<string>([["a", "a", "a"], ["a", "a", "b"], ["b", "b"], ["a"]]);

        Assert.Equal(8.0 / 15.0, alpha, 12);
    }

    [Fact]
    public void KrippendorffAlpha_PerfectAgreement_IsOneAndNoVariationIsNaN()
    {
        Assert.Equal(1.0, RaterAgreement.KrippendorffAlpha<string>([["a", "a"], ["b", "b", "b"]]), 12);
        Assert.True(double.IsNaN(RaterAgreement.KrippendorffAlpha<string>([["a", "a"], ["a", "a"]])));
        Assert.Throws<ArgumentException>(() => RaterAgreement.KrippendorffAlpha<string>([["a"], ["b"]]));
    }
}
