using PersonalizedLearning.Learners;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Learners;

public class MasteryMemoryTests
{
    [Fact]
    public void Slots_AreKeptInOrder_AndNamedSoInJsonAndText()
    {
        var memory = new MasteryMemory(Slot0: 0.25, Slot1: 2, Slot2: -3, Slot3: 4);

        memory.Should().Be(new MasteryMemory(0.25, 2, -3, 4));
        var (first, second, third, fourth) = memory;
        (first, second, third, fourth).Should().Be((0.25, 2.0, -3.0, 4.0));
        PersonalizedLearningJson.Serialize(memory).Should().Be("{\"slot0\":0.25,\"slot1\":2,\"slot2\":-3,\"slot3\":4}");
        memory.ToString().Should().Be("MasteryMemory { Slot0 = 0.25, Slot1 = 2, Slot2 = -3, Slot3 = 4 }");
        default(MasteryMemory).Should().Be(new MasteryMemory(0), "the default is four zeros: nothing seen yet");
    }
}
