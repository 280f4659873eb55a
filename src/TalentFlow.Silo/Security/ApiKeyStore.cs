using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TalentFlow.Silo.Security;

/// <summary>
/// The configured keys, kept only as SHA-256 hashes. A presented key is hashed and compared with every stored hash with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, without stopping at a match: the time taken says nothing about how
/// much of a key was right or which key matched, and hashing first makes the comparison length-independent.
/// </summary>
internal sealed class ApiKeyStore
{
    /// <summary>Longer presented keys are refused before hashing (no configured key is near this long).</summary>
    public const int MaximumPresentedLength = 1024;

    private readonly (byte[] Hash, ApiKeyIdentity Identity)[] _keys;

    public ApiKeyStore(IOptions<AuthOptions> options, GeneratedAdminKey generated)
    {
        var o = options.Value;
        var keys = new List<(byte[], ApiKeyIdentity)>();
        if (!string.IsNullOrEmpty(o.AdminKey))
        {
            keys.Add((Hash(o.AdminKey), new ApiKeyIdentity(generated.Value is null ? "admin" : "generated-admin", ApiRoles.Admin)));
        }
        foreach (var entry in o.ApiKeys)
        {
            if (string.IsNullOrEmpty(entry.Key) || ApiRoles.Normalize(entry.Role) is not { } role) continue;
            keys.Add((Hash(entry.Key), new ApiKeyIdentity(entry.Name?.Trim() ?? "", role)));
        }
        _keys = [.. keys];
    }

    /// <summary>The names of the configured keys, for the start-up log.</summary>
    public IEnumerable<string> Names => _keys.Select(k => $"{k.Identity.Name} ({k.Identity.Role})");

    /// <summary>The identity whose key is <paramref name="presented"/>, or null.</summary>
    public ApiKeyIdentity? Find(string presented)
    {
        if (presented.Length is 0 or > MaximumPresentedLength) return null;
        byte[] hash = Hash(presented);
        ApiKeyIdentity? found = null;
        foreach (var (stored, identity) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(stored, hash)) found ??= identity;
        }
        return found;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
