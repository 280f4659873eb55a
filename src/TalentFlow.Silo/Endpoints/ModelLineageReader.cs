using Orleans;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Silo.Endpoints;

/// <summary>Puts a version's lineage together: the registry's record of it, its aliases, its training set and its decisions.</summary>
internal static class ModelLineageReader
{
    public static async Task<ModelLineage> ReadAsync(IGrainFactory grains, string model, string version, int limit, CancellationToken ct)
    {
        if (limit is < 0 or > ModelLineageGrain.MaxPage) throw new ArgumentException($"limit must be between 0 and {ModelLineageGrain.MaxPage:N0}, not {limit}.");
        var info = (await ModelRegistries.GetVersionsAsync(grains, model, ct)).FirstOrDefault(v => v.Version == version);
        // A built-in version is not registered but makes decisions: its lineage has no training set.
        var lineage = grains.GetGrain<IModelLineageGrain>(ModelArtifactGrain.Key(model, version));
        var decisions = await lineage.GetDecisionsAsync(limit, ct);
        if (info is null && decisions.Total == 0) throw new KeyNotFoundException($"Model {model} has no version '{version}'.");
        var training = await lineage.GetTrainingSetAsync(limit, ct);
        var aliases = await ModelRegistries.Of(grains, model).GetAliasesAsync(ct);
        return new ModelLineage(model, version, info?.Stage ?? "Built-in", info?.DataFingerprint, info?.Parent,
            [.. aliases.Where(a => a.Version == version).Select(a => a.Alias)], (int)training.Total, training.Items, decisions.Total, decisions.Items);
    }
}
