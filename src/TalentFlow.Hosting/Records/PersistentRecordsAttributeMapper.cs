using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Storage;

namespace TalentFlow.Hosting.Records;

/// <summary>
/// Maps <see cref="PersistentRecordsAttribute"/> on a grain constructor parameter to a factory of
/// <see cref="IPersistentRecords{TRecord}"/> bound to the activation (Orleans calls it once per grain class and caches it).
/// </summary>
internal sealed class PersistentRecordsAttributeMapper : IAttributeToFactoryMapper<PersistentRecordsAttribute>
{
    public Factory<IGrainContext, object> GetFactory(ParameterInfo parameter, PersistentRecordsAttribute metadata)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentRecords<>))
        {
            throw new ArgumentException(
                $"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType} has [{nameof(PersistentRecordsAttribute)}] but is a {type}; " +
                $"it must be an {typeof(IPersistentRecords<>).Name.Split('`')[0]}<TRecord>.", parameter.Name);
        }
        var recordsType = typeof(PersistentRecords<>).MakeGenericType(type.GetGenericArguments());
        return context => Create(context, recordsType, metadata);
    }

    private static object Create(IGrainContext context, Type recordsType, PersistentRecordsAttribute metadata)
    {
        var services = context.ActivationServices;
        var storage = (metadata.StorageName is { } name ? services.GetKeyedService<IGrainRecordStorage>(name) : services.GetService<IGrainRecordStorage>())
            ?? throw new BadProviderConfigException(metadata.StorageName is null
                ? $"No default record storage is registered (grain type {context.GrainId.Type}); call AddTalentFlowOrleans or AddGrainRecordStorage."
                : $"No record storage named '{metadata.StorageName}' is registered (grain type {context.GrainId.Type}).");
        JsonSerializerOptions json = services.GetRequiredService<IOptions<GrainRecordsOptions>>().Value.SerializerOptions;
        return Activator.CreateInstance(recordsType, context, metadata.SetName, storage, json)!;
    }
}
