using PersonalizedLearning.Scheduling;

namespace PersonalizedLearning.Tests.Scheduling;

public class TimeSlotTests
{
    private static readonly TimeSlot Short = new(DayOfWeek.Monday, new TimeOnly(9, 0), 30);
    private static readonly TimeSlot Long = new(DayOfWeek.Monday, new TimeOnly(9, 0), 50);

    [Fact]
    public void Constructor_BadDayOrPastMidnight_IsRefusedWithItsMessage()
    {
        FluentActions.Invoking(() => new TimeSlot((DayOfWeek)7, new TimeOnly(9, 0), 10)).Should().Throw<ArgumentOutOfRangeException>()
            .Which.Message.Should().StartWith("The day must be a defined DayOfWeek. (Parameter 'day')");
        // 23:30 is minute 1,410 of the day: at most 1,440 − 1,410 = 30 minutes.
        FluentActions.Invoking(() => new TimeSlot(DayOfWeek.Monday, new TimeOnly(23, 30), 31)).Should().Throw<ArgumentOutOfRangeException>()
            .Which.Message.Should().StartWith("A slot must end by midnight of its day; starting at 23:30 it can last at most 30 minutes. (Parameter 'lengthMinutes')");
    }

    [Fact]
    public void CompareTo_SameDayAndStart_OrdersByLength_AndTheOperatorsAgree()
    {
        Short.CompareTo(Long).Should().BeNegative();
        Long.CompareTo(Short).Should().BePositive();
        var same = new TimeSlot(DayOfWeek.Monday, new TimeOnly(9, 0), 30);
        Short.CompareTo(same).Should().Be(0);
        (Short < Long, Long < Short, Short < same).Should().Be((true, false, false));
        (Short <= Long, Long <= Short, Short <= same).Should().Be((true, false, true));
        (Short > Long, Long > Short, Short > same).Should().Be((false, true, false));
        (Short >= Long, Long >= Short, Short >= same).Should().Be((false, true, true));
    }

    [Fact]
    public void Overlaps_SlotsThatMeetEndToEnd_DoNotOverlap_ButOneSharedMinuteDoes()
    {
        // 09:00 for 30 minutes ends at minute 570, where 09:30 starts: no shared minute, either way round.
        var next = new TimeSlot(DayOfWeek.Monday, new TimeOnly(9, 30), 10);
        var sharingOne = new TimeSlot(DayOfWeek.Monday, new TimeOnly(9, 29), 10);

        (Short.Overlaps(next), next.Overlaps(Short)).Should().Be((false, false));
        (Short.Overlaps(sharingOne), sharingOne.Overlaps(Short)).Should().Be((true, true));
    }

    [Fact]
    public void ToString_DefaultSlot_SaysNoSlot()
    {
        default(TimeSlot).ToString().Should().Be("(no slot)");
        Short.ToString().Should().Be("Monday 09:00 (30 min)");
    }
}
