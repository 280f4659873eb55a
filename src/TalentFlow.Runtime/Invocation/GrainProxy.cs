namespace TalentFlow.Runtime.Invocation;

/// <summary>Base of every generated grain proxy: holds the reference that routes its calls.</summary>
public abstract class GrainProxy
{
    /// <summary>Creates a proxy over <paramref name="reference"/>.</summary>
    protected GrainProxy(GrainReference reference) => Reference = reference;

    /// <summary>The reference the proxy's calls go through.</summary>
    public GrainReference Reference { get; }

    /// <summary>Returns the grain id.</summary>
    public override string ToString() => Reference.GrainId.ToString();
}
