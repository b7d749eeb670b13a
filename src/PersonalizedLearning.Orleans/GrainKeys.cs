using System.Globalization;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Orleans;

/// <summary>
/// The string keys of the learner and class grains: a tenant and a learner (or class) id in one string that any text in
/// either cannot make ambiguous, written as the tenant id's length in decimal, a colon, the tenant id, a slash and the
/// other id (<c>9:district1/ana</c>).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class GrainKeys
{
    /// <summary>The key of a learner's grain.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">An id is empty (the default value).</exception>
    public static string Learner(TenantId tenant, LearnerId learner)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        return Compose(tenant, learner.Value);
    }

    /// <summary>The key of a class's grain.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="classId">The class (or section) id the host uses, such as a OneRoster class sourcedId; the same rules
    /// as every identifier (not blank, not padded with whitespace, at most 1024 characters).</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="classId"/> is null.</exception>
    /// <exception cref="ArgumentException">The tenant id is empty, or <paramref name="classId"/> is not a valid id.</exception>
    public static string Class(TenantId tenant, string classId)
    {
        EvidenceStoreRules.RequireTenant(tenant);
        ArgumentNullException.ThrowIfNull(classId);
        if (Problem(classId, "class id") is { } problem)
        {
            throw new ArgumentException(problem, nameof(classId));
        }

        return Compose(tenant, classId);
    }

    /// <summary>Splits a key made by <see cref="Learner"/> or <see cref="Class"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The tenant and the other id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="FormatException">The key was not made by this class.</exception>
    public static (TenantId Tenant, string Id) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        // Exactly the form Compose writes: a length without leading zeros, so that one learner has one key (and one grain).
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || key[0] == '0' || !int.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length <= 0 || length >= key.Length - colon - 1 || key[colon + 1 + length] != '/')
        {
            throw new FormatException("The grain key is not of the form '<tenant length>:<tenant>/<id>'.");
        }

        var tenant = key.Substring(colon + 1, length);
        var id = key[(colon + 2 + length)..];
        if ((Problem(tenant, "tenant id") ?? Problem(id, "id")) is { } problem)
        {
            throw new FormatException($"The grain key holds an invalid id: {problem}");
        }

        return (new TenantId(tenant), id);
    }

    // The identifiers' rules (the same for every id), with the id named as the caller calls it.
    private static string? Problem(string value, string noun)
    {
        try
        {
            _ = new TenantId(value);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal).Replace("tenant id", noun, StringComparison.Ordinal);
        }
    }

    private static string Compose(TenantId tenant, string id) => string.Create(CultureInfo.InvariantCulture, $"{tenant.Value.Length}:{tenant.Value}/{id}");
}
