using System.Text;
using PersonalizedLearning.Samples;

namespace PersonalizedLearning.Tests.Samples;

/// <summary>The MasteryLab sample's CSV reader, which the tests and benchmarks share.</summary>
public sealed class ResponseLogCsvTests
{
    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_PyBktColumns_WithAnActivityColumn()
    {
        var log = ResponseLogCsv.Read(Csv("order_id,user_id,skill_name,correct,template_id\n2,u1,k,1,t9\n1,u1,k,0,t8\n"), "template_id");
        log.Count.Should().Be(2);
        log.Responses[0].Should().Be(new PersonalizedLearning.Observations.Response("u1", "k", true, 2, "t9"));
    }

    [Fact]
    public void Read_NonBinaryOutcome_NamesTheRecord()
        => FluentActions.Invoking(() => ResponseLogCsv.Read(Csv("order_id,user_id,skill_name,correct\n1,u1,k,1\n2,u1,k,2\n")))
            .Should().Throw<InvalidDataException>().WithMessage("CSV record 2: A response's outcome must be 0 (wrong) or 1 (correct); got 2 for learner 'u1' on 'k' at order 2.*");

    [Fact]
    public void Read_MissingColumn_NamesIt()
        => FluentActions.Invoking(() => ResponseLogCsv.Read(Csv("order_id,user_id,correct\n1,u1,1\n")))
            .Should().Throw<InvalidDataException>().WithMessage("The CSV lacks the column(s) skill_name; it has order_id, user_id, correct.");

    [Fact]
    public void Read_NoRows_IsAnEmptyLog()
        => FluentActions.Invoking(() => ResponseLogCsv.Read(Csv("order_id,user_id,skill_name,correct\n")))
            .Should().Throw<InvalidDataException>().WithMessage("The response log is empty*");

    [Fact]
    public void ReadSplit_SplitColumn_OneLogPerValue()
    {
        var parts = ResponseLogCsv.ReadSplit(Csv("order_id,user_id,skill_name,correct,split\n1,u1,k,1,train\n2,u2,k,0,test\n3,u1,k,0,train\n"), "split");
        parts.Keys.Should().Equal("test", "train");
        parts["train"].Responses.Select(r => (r.Learner.Value, r.Order)).Should().Equal(("u1", 1L), ("u1", 3L));
        parts["test"].Responses.Should().Equal(new PersonalizedLearning.Observations.Response("u2", "k", false, 2));
    }

    [Fact]
    public void ReadSplit_MissingSplitColumn_NamesIt()
        => FluentActions.Invoking(() => ResponseLogCsv.ReadSplit(Csv("order_id,user_id,skill_name,correct\n1,u1,k,1\n"), "split"))
            .Should().Throw<InvalidDataException>().WithMessage("The CSV lacks the column(s) split; it has order_id, user_id, skill_name, correct.");
}
