namespace TalentFlow.Runtime;

/// <summary>
/// Marker for grain interfaces (Orleans: <c>IGrainWithStringKey</c>). Every method of a grain interface returns
/// <see cref="Task"/>, <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/> and may
/// take a trailing <see cref="CancellationToken"/>, which is not sent over the wire: the receiving silo supplies the call's own.
/// </summary>
public interface IGrain;
