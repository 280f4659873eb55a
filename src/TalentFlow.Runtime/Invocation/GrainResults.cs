namespace TalentFlow.Runtime.Invocation;

/// <summary>Adapters between the task shapes of grain methods and <see cref="ValueTask{TResult}"/>; generated code calls these.</summary>
public static class GrainResults
{
    /// <summary>Adapts a <see cref="Task"/>, without allocating when it has already completed.</summary>
    public static ValueTask<VoidResult> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitTask(task);

    /// <summary>Adapts a <see cref="Task{TResult}"/>.</summary>
    public static ValueTask<T> FromTask<T>(Task<T> task) => new(task);

    /// <summary>Adapts a <see cref="ValueTask"/>.</summary>
    public static ValueTask<VoidResult> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitValueTask(task);

    /// <summary>Adapts a <see cref="ValueTask{TResult}"/>: the identity.</summary>
    public static ValueTask<T> FromValueTask<T>(ValueTask<T> task) => task;

    /// <summary>A proxy's <see cref="Task"/>-returning method.</summary>
    public static Task ToTask(ValueTask<VoidResult> call) =>
        call.IsCompletedSuccessfully ? Task.CompletedTask : call.AsTask();

    /// <summary>A proxy's <see cref="Task{TResult}"/>-returning method.</summary>
    public static Task<T> ToTask<T>(ValueTask<T> call) => call.AsTask();

    /// <summary>A proxy's <see cref="ValueTask"/>-returning method.</summary>
    public static ValueTask ToValueTask(ValueTask<VoidResult> call) =>
        call.IsCompletedSuccessfully ? default : new ValueTask(call.AsTask());

    private static async ValueTask<VoidResult> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return default;
    }

    private static async ValueTask<VoidResult> AwaitValueTask(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return default;
    }
}
