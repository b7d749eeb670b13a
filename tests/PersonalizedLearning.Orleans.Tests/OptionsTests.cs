using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Orleans.Tests;

public sealed class OptionsTests
{
    private sealed class Silo : ISiloBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }

    [Fact]
    public void Bad_grain_options_are_refused_with_every_problem_at_once()
    {
        var silo = new Silo();
        silo.AddPersonalizedLearningGrains(o => (o.WheelSpinningAttempts, o.ClassActivationFanOut) = (0, 5000));

        var read = () => silo.Services.BuildServiceProvider().GetRequiredService<IOptions<PersonalizedLearningGrainOptions>>().Value;

        var failures = read.Should().ThrowExactly<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().HaveCount(5, "two bad options, and no engine, store or grain storage");
        failures.Should().Contain(f => f.StartsWith("No PersonalizedLearningEngine", StringComparison.Ordinal)).And.Contain(f => f.StartsWith("No IEvidenceStore", StringComparison.Ordinal));
        failures.Should().Contain("WheelSpinningAttempts must be at least 1; got 0.").And.Contain("ClassActivationFanOut must be in [1, 1000]; got 5000.");
        failures.Should().ContainSingle(f => f.StartsWith("No grain storage provider is named 'PersonalizedLearning'", StringComparison.Ordinal));
    }

    [Fact]
    public void Good_options_with_a_grain_storage_pass()
    {
        var silo = new Silo();
        silo.Services.AddSingleton(LearningCluster.CreateEngine());
        silo.Services.AddSingleton<IEvidenceStore>(new InMemoryEvidenceStore());
        silo.Services.AddGrainStorage(PersonalizedLearningGrains.StorageName, (_, _) => new SharedGrainStorage());
        silo.AddPersonalizedLearningGrains(o => o.WheelSpinningAttempts = 3);

        var options = silo.Services.BuildServiceProvider().GetRequiredService<IOptions<PersonalizedLearningGrainOptions>>().Value;

        options.WheelSpinningAttempts.Should().Be(3);
        options.ClassActivationFanOut.Should().Be(64);
    }

    [Fact]
    public void Wheel_spinning_attempts_are_the_engines_unless_set()
    {
        var options = new PersonalizedLearningGrainOptions();
        options.WheelSpinningAttempts.Should().BeNull();
        options.ToString().Should().Be("PersonalizedLearningGrainOptions { WheelSpinningAttempts = the engine's, ClassActivationFanOut = 64 }");
        options.WheelSpinningAttempts = 3;
        options.ToString().Should().Be("PersonalizedLearningGrainOptions { WheelSpinningAttempts = 3, ClassActivationFanOut = 64 }");
    }

    [Fact]
    public void The_silo_runs_its_records_as_the_single_writer_whatever_options_it_is_given()
    {
        var silo = new Silo();
        silo.Services.AddSingleton(LearningCluster.CreateEngine());
        silo.Services.AddSingleton<IEvidenceStore>(new InMemoryEvidenceStore());
        silo.AddPersonalizedLearningGrains(records: new LearnerRecordsOptions { SnapshotInterval = 7, AssumeSingleWriter = false });

        var records = silo.Services.BuildServiceProvider().GetRequiredService<LearnerRecords>();

        records.ToString().Should().Contain("SnapshotInterval = 7").And.Contain("AssumeSingleWriter = True");
    }

    [Fact]
    public void Records_options_given_to_the_storage_before_or_after_the_grains_are_kept_with_the_single_writer_on()
    {
        foreach (var grainsFirst in new[] { false, true })
        {
            var silo = new Silo();
            silo.Services.AddSingleton(LearningCluster.CreateEngine());
            silo.Services.AddSingleton<IEvidenceStore>(new InMemoryEvidenceStore());
            if (grainsFirst)
            {
                silo.AddPersonalizedLearningGrains();
            }

            // What AddPersonalizedLearningPostgreSql(connection, records: ...) does.
            DependencyInjection.PersonalizedLearningServiceCollectionExtensions.AddLearnerRecords(silo.Services, new LearnerRecordsOptions { SnapshotInterval = 5, CachedLearners = 123 });
            if (!grainsFirst)
            {
                silo.AddPersonalizedLearningGrains();
            }

            silo.Services.BuildServiceProvider().GetRequiredService<LearnerRecords>().ToString()
                .Should().Contain("SnapshotInterval = 5").And.Contain("CachedLearners = 123").And.Contain("AssumeSingleWriter = True", $"grains first: {grainsFirst}");
        }
    }

    [Fact]
    public void Bad_records_options_are_refused_when_the_silo_is_configured()
    {
        var configure = () => new Silo().AddPersonalizedLearningGrains(records: new LearnerRecordsOptions { CachedLearners = -1 });

        configure.Should().ThrowExactly<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("CachedLearners");
    }
}
