namespace TalentFlow.Silo.Security;

/// <summary>Who presented a key: the key's configured name and its role. Never the key itself.</summary>
internal sealed record ApiKeyIdentity(string Name, string Role);
