using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Procedures;

namespace TalentFlow.Grains.Tests;

/// <summary>The parts every training procedure shares, without a cluster: the candidate split, the texts' checks, the promotion gate.</summary>
public sealed class TrainingProcedureTests
{
    /// <summary>Candidate ids of the held-out fold and of the others, found by the split's own hash.</summary>
    private static (List<string> HeldOut, List<string> Fitted) Candidates(int each)
    {
        var (heldOut, fitted) = (new List<string>(), new List<string>());
        for (int i = 0; heldOut.Count < each || fitted.Count < each; i++)
        {
            string id = "cand-" + i;
            (CandidateFolds.IsHeldOut(id) ? heldOut : fitted).Add(id);
        }
        return (heldOut.Take(each).ToList(), fitted.Take(each).ToList());
    }

    private static VerdictTexts CreateSut(IEnumerable<VerdictPair> pairs) => VerdictTexts.Split([.. pairs], [], "fingerprint");

    [Fact]
    public void Of_AnyCandidate_IsAFoldInRangeAndStable()
    {
        for (int i = 0; i < 200; i++)
        {
            int fold = CandidateFolds.Of("cand-" + i);
            Assert.InRange(fold, 0, CandidateFolds.Count - 1);
            Assert.Equal(fold, CandidateFolds.Of("cand-" + i));
        }
    }

    [Fact]
    public void Split_Pairs_HoldsOutExactlyTheHeldOutFoldsCandidates()
    {
        var (heldOut, fitted) = Candidates(3);
        var pairs = heldOut.Concat(fitted).Select((c, i) => new VerdictPair(c, "resume " + c, "job", i % 2 == 0)).ToList();

        var sut = CreateSut(pairs);

        Assert.Equal(heldOut, sut.Test.Select(p => p.Candidate));
        Assert.Equal(fitted, sut.Train.Select(p => p.Candidate));
    }

    [Fact]
    public void Shortage_BothVerdictsHeldOutAndTwoToFit_IsNull()
    {
        var (heldOut, fitted) = Candidates(2);
        var sut = CreateSut([new(heldOut[0], "r", "j", true), new(heldOut[1], "r", "j", false), new(fitted[0], "r", "j", true), new(fitted[1], "r", "j", false)]);

        Assert.Null(sut.Shortage);
    }

    [Fact]
    public void Shortage_NoRejectionHeldOut_SaysWhatIsMissing()
    {
        var (heldOut, fitted) = Candidates(2);
        var sut = CreateSut([new(heldOut[0], "r", "j", true), new(heldOut[1], "r", "j", true), new(fitted[0], "r", "j", true), new(fitted[1], "r", "j", false)]);

        Assert.Equal("Not enough labelled data to train and evaluate: 2 training and 2 held-out samples (both verdicts are needed on the held-out side).", sut.Shortage);
    }

    [Fact]
    public void TrainTexts_RepeatedTexts_AreDistinctResumesThenJobs()
    {
        var (_, fitted) = Candidates(3);
        var sut = CreateSut([new(fitted[0], "r1", "j1", true), new(fitted[1], "r2", "j1", false), new(fitted[2], "r1", "j2", true)]);

        Assert.Equal(["r1", "r2", "j1", "j2"], sut.TrainTexts());
    }

    [Fact]
    public void FingerprintOf_AVerdictChanges_ChangesAndOtherwiseIsStable()
    {
        LabelledResult[] labelled = [new("job|a", true), new("job|b", false)];

        string fingerprint = VerdictTexts.FingerprintOf(labelled);

        Assert.Matches("^[0-9a-f]{16}$", fingerprint);
        Assert.Equal(fingerprint, VerdictTexts.FingerprintOf([new("job|a", true, "someone"), new("job|b", false)]));
        Assert.NotEqual(fingerprint, VerdictTexts.FingerprintOf([new("job|a", true), new("job|b", true)]));
    }

    [Fact]
    public void Lineage_LabelledResult_NamesItsJobCandidateAndLabel()
    {
        var result = new LabelledResult("job-1|cand-9", false, "rita");

        Assert.Equal(("job-1", "cand-9"), result.Parts());
        Assert.Equal(new LineageItem("job-1|cand-9", "job-1", "cand-9", "rita", "reject", true), result.Lineage(heldOut: true));
    }

    private static (double[] Candidate, double[] Production, bool[] Labels) Scores(int n, bool candidateSeparates)
    {
        var labels = Enumerable.Range(0, n).Select(i => i % 2 == 0).ToArray();
        // The candidate ranks every positive first; production's scores are unrelated to the labels.
        var candidate = labels.Select((l, i) => candidateSeparates ? (l ? 1.0 : 0.0) + (i * 1e-4) : (i * 7 % 11) / 11.0).ToArray();
        var production = labels.Select((_, i) => (i * 7 % 11) / 11.0).ToArray();
        return (candidate, production, labels);
    }

    private static string[] OneVerdictEach(int count) => [.. Enumerable.Range(0, count).Select(i => "candidate-" + i)];

    [Fact]
    public async Task JudgeAsync_ClearlyBetterThanProduction_PromotesWithAnIntervalAboveZero()
    {
        var gate = new PromotionGate(new TrainingOptions { BootstrapResamples = 500 });
        var (candidate, production, labels) = Scores(60, candidateSeparates: true);

        var verdict = await gate.JudgeAsync(candidate, production, labels, OneVerdictEach(labels.Length));

        Assert.True(verdict.Promote);
        Assert.Equal(1.0, verdict.AucCandidate, 12);
        Assert.True(verdict.Lower > 0);
        Assert.InRange(verdict.Difference, verdict.Lower, verdict.Upper);
        Assert.Equal(verdict.AucCandidate - verdict.AucProduction, verdict.Difference, 12);
    }

    [Fact]
    public async Task JudgeAsync_SameScoresAsProduction_DoesNotPromote()
    {
        var gate = new PromotionGate(new TrainingOptions { BootstrapResamples = 500, RequireSignificantGain = false });
        var (_, production, labels) = Scores(60, candidateSeparates: false);

        var verdict = await gate.JudgeAsync(production, production, labels, OneVerdictEach(labels.Length));

        Assert.False(verdict.Promote);
        Assert.Equal(0, verdict.Difference, 12);
    }

    [Fact]
    public void Metrics_Verdict_BeginWithTheGatesFiguresAndTheIntervalReadsThem()
    {
        var gate = new PromotionGate(new TrainingOptions { PromotionConfidence = 0.9 });
        var verdict = new GateVerdict(0.1, 0.02, 0.18, 0.8, 0.7, true);

        var metrics = gate.Metrics(verdict);

        Assert.Equal([0.8, 0.7, 0.1, 0.02, 0.18, 0.9],
            [metrics["roc_auc"], metrics["production_roc_auc"], metrics["auc_difference"], metrics["auc_difference_lower"], metrics["auc_difference_upper"], metrics["promotion_confidence"]]);
        Assert.Equal("0.1 (90% interval [0.02, 0.18])", gate.Interval(verdict));
    }
}
