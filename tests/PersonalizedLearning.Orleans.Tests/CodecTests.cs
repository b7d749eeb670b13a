using System.Collections.Immutable;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Serialization;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Records;
using PersonalizedLearning.Sequencing;
using static PersonalizedLearning.Orleans.Tests.LearningCluster;

namespace PersonalizedLearning.Orleans.Tests;

public sealed class CodecTests
{
    private static IServiceProvider Client(bool withEngine)
    {
        var builder = Host.CreateApplicationBuilder();
        if (withEngine)
        {
            builder.Services.AddSingleton(CreateEngine());
            builder.Services.AddPersonalizedLearning(o => o.Catalog = Catalog);
        }

        builder.UseOrleansClient(client => client.UseLocalhostClustering().AddPersonalizedLearningClient());
        return builder.Build().Services;
    }

    private static T RoundTrip<T>(IServiceProvider services, T value)
    {
        var serializer = services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }

    [Fact]
    public void Every_type_the_grains_carry_comes_back_equal_and_a_copy_is_the_value_itself()
    {
        var services = Client(withEngine: true);
        var engine = CreateEngine();
        var state = engine.Record(engine.CreateLearner("ana"), [Piece("e1", "ana", "A", 0.95, 0), Piece("e2", "ana", "A", 0.9, 1), Piece("e3", "ana", "B", 0.3, 2)]);
        var mastery = engine.Assess(state, Now);
        var goals = ImmutableArray.Create(new LearningGoal("D", Now.AddDays(30)));
        var playlist = PlaylistBuilder.Default.Build(engine.CreatePlaylistRequest(state, goals, asOf: Now));
        var plan = new LearningPlanner(clock: engine.TimeProvider).Draft(engine.CreatePlaylistRequest(state, goals, asOf: Now));
        var overview = ClassOverview.Create([mastery, engine.Assess(engine.CreateLearner("ben"), Now)], 2);
        var groups = SmallGroups.FormByFrontier([mastery, engine.Assess(engine.CreateLearner("ben"), Now), engine.Assess(engine.CreateLearner("cy"), Now)], 3);

        RoundTrip(services, new TenantId("district 7/a:b")).Should().Be(new TenantId("district 7/a:b"));
        RoundTrip(services, default(LearnerId)).IsEmpty.Should().BeTrue();
        RoundTrip(services, state.Evidence[0]).Should().Be(state.Evidence[0]);
        RoundTrip(services, state).Should().Be(state);
        RoundTrip(services, mastery).GetAll().Should().Equal(mastery.GetAll());
        RoundTrip(services, engine.RecommendNext(state, 3, asOf: Now)).Should().Be(engine.RecommendNext(state, 3, asOf: Now));
        RoundTrip(services, playlist).Should().Be(playlist);
        RoundTrip(services, plan).Should().Be(plan);
        RoundTrip(services, overview).Should().Be(overview);
        RoundTrip(services, groups).Should().Be(groups);
        RoundTrip(services, new ErasureReport(12, 1, 1)).Should().Be(new ErasureReport(12, 1, 1));
        RoundTrip(services, new PlaylistOptions(AgencyLevel.Guided, 2, 45)).Should().Be(new PlaylistOptions(AgencyLevel.Guided, 2, 45));

        var copier = services.GetRequiredService<DeepCopier>();
        copier.Copy(state).Should().BeSameAs(state);
        copier.Copy(mastery).Should().BeSameAs(mastery);
    }

    [Fact]
    public void A_conflict_comes_back_with_both_pieces_and_a_message_without_values()
    {
        var services = Client(withEngine: false);
        var existing = Piece("e1", "ana", "A", 0.9, 0);
        var incoming = Piece("e1", "ana", "A", 0.15, 0);

        var back = RoundTrip<Exception>(services, EvidenceConflictException.WithoutContent(existing, incoming, "evidence"));

        var conflict = back.Should().BeOfType<EvidenceConflictException>().Which;
        conflict.Existing.Should().Be(existing);
        conflict.Incoming.Should().Be(incoming);
        conflict.ParamName.Should().Be("evidence");
        conflict.Message.Should().Be(EvidenceConflictException.WithoutContent(existing, incoming, "evidence").Message).And.NotContain("0.15");
    }

    [Fact]
    public void The_cores_other_exceptions_keep_their_type_and_message()
    {
        var services = Client(withEngine: false);

        var thrown = new EvidenceStoreSchemaException("SQLite evidence store", 9, 1);

        var back = RoundTrip<Exception>(services, thrown);

        back.Should().BeOfType<EvidenceStoreSchemaException>().Which.Message.Should().Be(thrown.Message);
    }

    [Fact]
    public void A_client_without_the_engine_cannot_read_a_mastery_snapshot_and_is_told_what_to_register()
    {
        var engine = CreateEngine();
        var bytes = Client(withEngine: true).GetRequiredService<Serializer>().SerializeToArray(engine.Assess(engine.CreateLearner("ana"), Now));
        var serializer = Client(withEngine: false).GetRequiredService<Serializer>();

        var read = () => serializer.Deserialize<MasterySnapshot>(bytes);

        read.Should().Throw<InvalidOperationException>().WithMessage("*MasterySnapshot*AddPersonalizedLearning*");
    }

    [Fact]
    public void Grain_keys_split_back_into_the_ids_they_were_made_from_whatever_the_ids_hold()
    {
        var id = Gen.String[Gen.Char.AlphaNumeric, 1, 12].SelectMany(a => Gen.OneOf(Gen.Const(":"), Gen.Const("/"), Gen.Const("1:"), Gen.Const("/x/"), Gen.Const(" a ")).Select(b => a + b + a));
        Gen.Select(id, id).Sample((tenant, other) =>
        {
            var key = GrainKeys.Learner(new TenantId(tenant), new LearnerId(other));
            GrainKeys.Parse(key).Should().Be((new TenantId(tenant), other));
            GrainKeys.Class(new TenantId(tenant), other).Should().Be(key, "a class key is built the same way");
        }, iter: 500);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ana")]
    [InlineData("3:abc")]
    [InlineData("3:ab/c")]
    [InlineData("0:/x")]
    [InlineData("-1:a/b")]
    [InlineData("99:a/b")]
    [InlineData("1: /b")]
    [InlineData("02:t1/bad")]
    [InlineData("2:t1/ ana ")]
    [InlineData("2:t1/")]
    [InlineData("2147483647:a/b")]
    public void A_key_not_made_by_grain_keys_is_refused(string key)
    {
        var parse = () => GrainKeys.Parse(key);

        parse.Should().ThrowExactly<FormatException>();
    }

    [Fact]
    public void Bad_ids_are_refused_when_the_key_is_made()
    {
        var tenant = new TenantId("t");

        FluentActions.Invoking(() => GrainKeys.Learner(default, "ana")).Should().ThrowExactly<ArgumentException>();
        FluentActions.Invoking(() => GrainKeys.Learner(tenant, default)).Should().ThrowExactly<ArgumentException>();
        var padded = FluentActions.Invoking(() => GrainKeys.Class(tenant, " padded")).Should().ThrowExactly<ArgumentException>().Which;
        padded.ParamName.Should().Be("classId");
        padded.Message.Should().Be("A class id must not start or end with whitespace; got ' padded'. (Parameter 'classId')");
        FluentActions.Invoking(() => GrainKeys.Class(tenant, null!)).Should().ThrowExactly<ArgumentNullException>();
    }
}
