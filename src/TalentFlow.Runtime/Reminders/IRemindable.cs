namespace TalentFlow.Runtime;

/// <summary>When a reminder ticks: its first due time and the tick being delivered.</summary>
/// <param name="FirstTickTime">When the reminder first became due.</param>
/// <param name="Period">Its period.</param>
/// <param name="CurrentTickTime">The tick being delivered.</param>
public sealed record TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);

/// <summary>Implemented by grains that register durable reminders (Orleans: <c>IRemindable</c>). Handlers must be idempotent: a tick is delivered at least once.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Delivers a reminder tick.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
