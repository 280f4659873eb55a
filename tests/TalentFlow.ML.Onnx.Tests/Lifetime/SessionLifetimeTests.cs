namespace TalentFlow.ML.Onnx.Tests.Lifetime;

/// <summary>
/// The native session is held by its creator, by leases and by every running call, and freed when the last one lets go:
/// never under a running call, and observably (<see cref="OnnxSentenceEncoder.IsSessionOpen"/>, <see cref="OnnxSentenceEncoder.SessionsReleased"/>).
/// </summary>
public sealed class SessionLifetimeTests
{
    private static readonly string[] Texts = ["hello world", "the quick brown fox jumps over the lazy dog", "café naïve résumé"];

    private static OnnxSentenceEncoder CreateSut() =>
        new(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder, IntraOpThreads = 1, EmbeddingCacheSize = 0 });

    [Fact]
    public void Dispose_WhileLeased_KeepsTheSessionUntilTheLeaseEnds()
    {
        var sut = CreateSut();
        int released = 0;
        sut.SessionReleased += (_, _) => released++;
        var expected = sut.Embed(Texts);
        var lease = sut.Lease();

        sut.Dispose();
        var whileLeased = sut.Embed(Texts);
        bool openWhileLeased = sut.IsSessionOpen;
        lease.Dispose();
        lease.Dispose();

        Assert.True(openWhileLeased);
        Assert.Equal(expected, whileLeased);
        Assert.False(sut.IsSessionOpen);
        Assert.Equal(1, sut.SessionsReleased);
        Assert.Equal(1, released);
        Assert.Throws<ObjectDisposedException>(() => sut.Embed(Texts));
        Assert.Throws<ObjectDisposedException>(() => sut.Lease());
    }

    [Fact]
    public async Task Dispose_WhileCallsRun_FreesTheSessionAfterTheLastCallEnds()
    {
        var sut = CreateSut();
        var expected = sut.Embed(Texts);
        // Each call holds the session from the moment it is made, so all of these complete though Dispose comes before they run.
        var calls = Enumerable.Range(0, 64).Select(_ => sut.EmbedAsync([.. Texts, .. Enumerable.Repeat(Texts[1], 20)])).ToArray();

        sut.Dispose();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal(expected, r.Take(3)));
        Assert.False(sut.IsSessionOpen);
        Assert.Equal(1, sut.SessionsReleased);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sut.EmbedAsync(Texts));
    }

    [Fact]
    public async Task EmbedAsync_CancelledBeforeItRuns_StillLetsGoOfTheSession()
    {
        var sut = CreateSut();
        using var cancelled = new CancellationTokenSource();
        var lease = sut.Lease();
        sut.Dispose();
        var call = sut.EmbedAsync(Texts, cancelled.Token);
        await cancelled.CancelAsync();
        try
        {
            await call;
        }
        catch (OperationCanceledException)
        {
            // Either outcome is fine; what matters is that the call let go.
        }

        lease.Dispose();

        Assert.False(sut.IsSessionOpen);
        Assert.Equal(1, sut.SessionsReleased);
    }
}
