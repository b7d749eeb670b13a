using PersonalizedLearning.Interop;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>Name-based (version 5) UUIDs, checked against RFC 9562's own example and Python's uuid.uuid5.</summary>
public sealed class NameBasedUuidTests
{
    private static readonly Guid Dns = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8"); // RFC 9562 §6.6 (RFC 4122 Appendix C)

    [Fact]
    public void Create_IsRfc9562sVersion5Uuid()
    {
        // RFC 9562 Appendix A.4: the DNS namespace and "www.example.com" give 2ed6657d-e927-568b-95e1-2665a8aea6a2
        // (version nibble 5, variant bits 10 in byte 8).
        NameBasedUuid.Create(Dns, "www.example.com").Should().Be("2ed6657d-e927-568b-95e1-2665a8aea6a2");

        // The library's namespace and a non-ASCII name (hashed as UTF-8), by Python: uuid.uuid5(uuid.UUID(ns), 'é').
        NameBasedUuid.Create(NameBasedUuid.Library, "é").Should().Be("bb53e9aa-ffcc-5423-b73b-e64db6399ad0");
    }
}
