using TalentFlow.ML.Review;

namespace TalentFlow.ML.Tests.Review;

public sealed class ReviewAgreementTests
{
    private static ReviewUnit Unit(string id, string model, params (string Reviewer, string Label)[] labels) =>
        new(id, labels.ToDictionary(l => l.Reviewer, l => l.Label), model);

    [Fact]
    public void Summarize_TwoReviewers_UsesCohensKappaAndComparesWithTheModel()
    {
        // ann S S R R, bob S R R R: p_o = 3/4, p_e = ½·¼ + ½·¾ = ½, κ = ½. α over the same 8 labels (n_S 3, n_R 5, one
        // disagreeing unit): 1 − 7·2 / (64 − 9 − 25) = 8/15. Model S S S R: ann agrees 3 of 4, bob 2 of 4, together 5/8.
        var units = new[]
        {
            Unit("u1", "S", ("ann", "S"), ("bob", "S")),
            Unit("u2", "S", ("ann", "S"), ("bob", "R")),
            Unit("u3", "S", ("ann", "R"), ("bob", "R")),
            Unit("u4", "R", ("ann", "R"), ("bob", "R")),
        };

        var summary = ReviewAgreement.Summarize(units);
        var ann = ReviewAgreement.Of("ann", units);

        Assert.Equal(("cohen_kappa", 2, 4), (summary.Method, summary.Reviewers, summary.PairedUnits));
        Assert.Equal(0.5, summary.Value, 12);
        Assert.Equal(8.0 / 15, summary.Alpha!.Value, 12);
        Assert.Equal(0.75, summary.ObservedAgreement, 12);
        Assert.Equal((8, 5.0 / 8), (summary.ModelVerdicts, summary.ModelAgreement));
        // ann vs model: [S S R R] vs [S S S R]: p_o ¾, p_e ½·¾ + ½·¼ = ½, κ = ½.
        Assert.Equal((4, 4, 0.75), (ann.Reviews, ann.PeerComparisons, ann.PeerAgreement));
        Assert.Equal(0.75, ann.ModelAgreement, 12);
        Assert.Equal(0.5, ann.ModelKappa, 12);
        Assert.Equal(0.5, ann.PeerKappa, 12);
    }

    [Fact]
    public void Summarize_ThreeReviewers_UsesKrippendorffsAlpha()
    {
        // u1 S S S, u2 S S R, u3 R R R: n 9 (S 5, R 4), disagreements 2 (u2: 2·1/2 + 1·2/2), α = 1 − 8·2 / (81 − 25 − 16) = 0.6.
        var units = new[]
        {
            Unit("u1", "S", ("ann", "S"), ("bob", "S"), ("cy", "S")),
            Unit("u2", "S", ("ann", "S"), ("bob", "S"), ("cy", "R")),
            Unit("u3", "R", ("ann", "R"), ("bob", "R"), ("cy", "R")),
            Unit("u4", "R", ("ann", "S")),
        };

        var summary = ReviewAgreement.Summarize(units);
        var cy = ReviewAgreement.PerReviewer(units).Single(r => r.Reviewer == "cy");

        Assert.Equal(("krippendorff_alpha", 3, 3), (summary.Method, summary.Reviewers, summary.PairedUnits));
        Assert.Null(summary.Kappa);
        Assert.Equal(0.6, summary.Value, 12);
        Assert.Equal(7.0 / 9, summary.ObservedAgreement, 12);
        // cy vs peers: [S S R R R R] vs [S S S S R R]: p_o 2/3, p_e 2/6·4/6 + 4/6·2/6 = 4/9, κ = (2/9)/(5/9) = 0.4.
        Assert.Equal((3, 6), (cy.Reviews, cy.PeerComparisons));
        Assert.Equal(2.0 / 3, cy.PeerAgreement, 12);
        Assert.Equal(0.4, cy.PeerKappa, 12);
    }

    [Fact]
    public void Summarize_NoResultWithTwoReviewers_HasNoMethod()
    {
        var summary = ReviewAgreement.Summarize([Unit("u1", "S", ("ann", "S")), Unit("u2", "R", ("bob", "S"))]);

        Assert.Equal((null, 0, 2), (summary.Method, summary.PairedUnits, summary.Reviewers));
        Assert.True(double.IsNaN(summary.Value));
        Assert.Equal(0.5, summary.ModelAgreement);
    }

    [Theory]
    [InlineData(new bool[0], 2, null, ConsensusStatus.Unreviewed, null)]
    [InlineData(new[] { true }, 2, null, ConsensusStatus.Pending, null)]
    [InlineData(new[] { true, true }, 2, null, ConsensusStatus.Uncontested, true)]
    [InlineData(new[] { true, false }, 2, null, ConsensusStatus.Disputed, null)]
    [InlineData(new[] { true, false }, 3, null, ConsensusStatus.Pending, null)]
    [InlineData(new[] { true, false }, 2, false, ConsensusStatus.Adjudicated, false)]
    [InlineData(new[] { false }, 1, null, ConsensusStatus.Uncontested, false)]
    [InlineData(new[] { false, true }, 1, null, ConsensusStatus.Disputed, null)]
    public void Resolve_Verdicts_FollowTheOverlapRule(bool[] labels, int overlap, bool? adjudicated, ConsensusStatus status, bool? label) =>
        Assert.Equal((status, label), ReviewConsensus.Resolve(labels, overlap, adjudicated));
}
