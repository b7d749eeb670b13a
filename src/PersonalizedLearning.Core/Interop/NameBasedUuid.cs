using System.Security.Cryptography;
using System.Text;

namespace PersonalizedLearning.Interop;

/// <summary>Name-based UUIDs (RFC 9562 version 5): the same namespace and name always give the same id, so writing the
/// same data twice gives the same identifiers.</summary>
internal static class NameBasedUuid
{
    /// <summary>This library's namespace for ids that belong to no document.</summary>
    public static readonly Guid Library = new("5f3a9c2e-8b1d-4e6f-9a07-3c5d2e1b4a68");

    /// <summary>Whether the text is a UUID in its 8-4-4-4-12 form and nothing else (Guid parsing alone forgives
    /// surrounding whitespace, which identifiers do not).</summary>
    public static bool IsCanonical(string? text) => text is { Length: 36 } && Guid.TryParseExact(text, "D", out _);

    public static string Create(Guid space, string name)
    {
        var prefix = space.ToByteArray(bigEndian: true);
        var bytes = new byte[prefix.Length + Encoding.UTF8.GetByteCount(name)];
        prefix.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(name, 0, name.Length, bytes, prefix.Length);
#pragma warning disable CA5350 // version 5 UUIDs are defined with SHA-1; this names things, it secures nothing
        var hash = SHA1.HashData(bytes);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
