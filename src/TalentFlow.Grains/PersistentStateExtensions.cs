using Orleans.Runtime;

namespace TalentFlow.Grains;

/// <summary>How a grain commits a change to its state row.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state the caller has just changed; when the write fails, <paramref name="restore"/> puts the change back, so
    /// the activation never serves what storage refused.
    /// </summary>
    public static async Task WriteOrRestoreAsync<TState>(this IPersistentState<TState> state, Action restore, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            restore();
            throw;
        }
    }
}
