using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Runtime.Storage;

using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Activation;

/// <summary>
/// Creates grain instances: constructor parameters from dependency injection, <see cref="IPersistentState{TState}"/> and
/// <see cref="IPersistentRecords{TRecord}"/> parameters with <see cref="PersistentStateAttribute"/> bound to grain storage (Orleans: the grain activator and state facet).
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, JsonSerializerOptions json)
{
    /// <summary>The default storage provider's name.</summary>
    public const string DefaultStorageName = "Default";

    private readonly ConcurrentDictionary<Type, Plan> _plans = new();

    public readonly record struct CreatedGrain(object Grain, IStateLoader[] States);

    public CreatedGrain Create(GrainClassInfo grainClass, GrainId grainId)
    {
        var plan = _plans.GetOrAdd(grainClass.ClassType, BuildPlan);
        var args = new object?[plan.Parameters.Length];
        var states = new List<IStateLoader>();
        for (int i = 0; i < args.Length; i++)
        {
            var parameter = plan.Parameters[i];
            if (parameter.State is { } attribute)
            {
                var loader = CreateState(parameter.Type, grainId, attribute);
                states.Add((IStateLoader)loader);
                args[i] = loader;
            }
            else
            {
                args[i] = services.GetService(parameter.Type)
                    ?? (parameter.HasDefault ? parameter.Default : throw new InvalidOperationException(
                        $"Grain {grainClass.ClassType.Name} needs a {parameter.Type.Name} that is not registered."));
            }
        }
        return new CreatedGrain(plan.Constructor.Invoke(args), [.. states]);
    }

    public static async Task ReadStatesAsync(CreatedGrain grain, CancellationToken cancellationToken)
    {
        foreach (var state in grain.States) await state.ReadStateAsync(cancellationToken).ConfigureAwait(false);
    }

    private object CreateState(Type parameterType, GrainId grainId, PersistentStateAttribute attribute)
    {
        var definition = parameterType.IsGenericType ? parameterType.GetGenericTypeDefinition() : null;
        if (definition != typeof(IPersistentState<>) && definition != typeof(IPersistentRecords<>))
        {
            throw new InvalidOperationException($"[PersistentState] goes on IPersistentState<T> or IPersistentRecords<T> parameters, not {parameterType.Name}.");
        }
        string storageName = attribute.StorageName ?? DefaultStorageName;
        var storage = services.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException($"No grain storage named '{storageName}' is registered.");
        var valueType = parameterType.GetGenericArguments()[0];
        if (definition == typeof(IPersistentState<>))
        {
            return Activator.CreateInstance(typeof(PersistentState<>).MakeGenericType(valueType), grainId, attribute.StateName, storage, json)!;
        }
        // Keyed records live with the grain's state, in the same provider.
        var records = storage as IGrainRecordStorage
            ?? throw new InvalidOperationException($"The grain storage named '{storageName}' does not store keyed records.");
        return Activator.CreateInstance(typeof(PersistentRecords<>).MakeGenericType(valueType), grainId, attribute.StateName, records, json)!;
    }

    private static Plan BuildPlan(Type classType)
    {
        var constructor = classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {classType.Name} has no public constructor.");
        var parameters = constructor.GetParameters()
            .Select(p => new PlanParameter(p.ParameterType, p.GetCustomAttribute<PersistentStateAttribute>(), p.HasDefaultValue, p.DefaultValue))
            .ToArray();
        return new Plan(constructor, parameters);
    }

    private sealed record Plan(ConstructorInfo Constructor, PlanParameter[] Parameters);

    private sealed record PlanParameter(Type Type, PersistentStateAttribute? State, bool HasDefault, object? Default);
}
