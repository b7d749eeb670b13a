using PersonalizedLearning.Records;
using PersonalizedLearning.Storage.Contract;

namespace PersonalizedLearning.Tests.Records;

/// <summary>The store contract, in memory.</summary>
public sealed class InMemoryEvidenceStoreTests : EvidenceStoreContract
{
    private readonly InMemoryEvidenceStore _store = new();

    protected override IEvidenceStore Store => _store;

    protected override IEvidenceStore OpenAnother() => _store;
}
