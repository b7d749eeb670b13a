using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Scheduling;

namespace PersonalizedLearning.Scheduling.OrTools.Tests;

/// <summary>
/// A seeded school for property tests and the benchmark: a framework of subjects (roots) with competencies under them,
/// teachers who teach one or two subjects (some a single competency), mentors, rooms of the three kinds, and learners
/// with a few slots taken by classes outside the plan. The same arguments always give the same school.
/// </summary>
internal static class GeneratedSchool
{
    public static WeekPlanRequest Create(
        int seed,
        int learners,
        int teachers,
        int days = 5,
        int periods = 6,
        int subjects = 4,
        int competenciesPerSubject = 10,
        int workshopRooms = 6,
        int mentoringRooms = 2,
        int commons = 2,
        double stuckShare = 0.1,
        int minimumWorkshopSize = 2,
        int maximumWorkshopSize = 6)
    {
        var random = new Random(seed);
        var builder = new CompetencyFrameworkBuilder("generated school");
        for (var s = 0; s < subjects; s++)
        {
            builder.AddCompetency($"subject{s}", $"Subject {s}");
            for (var c = 0; c < competenciesPerSubject; c++)
            {
                builder.AddCompetency($"s{s}c{c}", $"Subject {s} competency {c}");
                builder.AddChild($"subject{s}", $"s{s}c{c}");
                if (c > 0)
                {
                    builder.AddPrerequisite($"s{s}c{c - 1}", $"s{s}c{c}");
                }
            }
        }

        var framework = builder.Build();
        var week = new List<TimeSlot>();
        var days7 = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday };
        for (var d = 0; d < days; d++)
        {
            for (var p = 0; p < periods; p++)
            {
                week.Add(new TimeSlot(days7[d], new TimeOnly(8, 0).AddMinutes(p * 60), 50));
            }
        }

        ImmutableArray<TimeSlot> Some(double share) => [.. week.Where(_ => random.NextDouble() < share)];

        var teacherList = new List<TeacherAvailability>();
        for (var t = 0; t < teachers; t++)
        {
            var s = t % subjects;
            ImmutableArray<CompetencyId> teaches = (t % 7) switch
            {
                0 => [$"subject{s}", $"subject{(s + 1) % subjects}"],
                6 => [$"s{s}c{random.Next(competenciesPerSubject)}"],
                _ => [$"subject{s}"],
            };
            teacherList.Add(new TeacherAvailability($"t{t:D3}", Some(0.8), teaches, t % 5 == 4 ? 20 : null));
        }

        var rooms = new List<RoomAvailability>();
        for (var r = 0; r < workshopRooms; r++)
        {
            rooms.Add(new RoomAvailability($"seminar{r:D2}", r % 3 == 2 ? 4 : 8, [SessionKind.Workshop, SessionKind.OneToOne], [.. week]));
        }

        for (var r = 0; r < mentoringRooms; r++)
        {
            rooms.Add(new RoomAvailability($"mentoring{r:D2}", 6, [SessionKind.OneToOne], Some(0.9)));
        }

        var independentSeats = Math.Max(1, (int)Math.Ceiling(learners * 0.95 / Math.Max(1, commons)));
        for (var r = 0; r < commons; r++)
        {
            rooms.Add(new RoomAvailability($"commons{r:D2}", independentSeats, [SessionKind.Independent], [.. week]));
        }

        var learnerList = new List<LearnerNeeds>();
        for (var l = 0; l < learners; l++)
        {
            var slots = Some(0.85);
            var subject = random.Next(subjects);
            // Learners bunch at the start of a subject's sequence, as a class does.
            var c = Math.Min(competenciesPerSubject - 1, (int)(random.NextDouble() * random.NextDouble() * competenciesPerSubject));
            var hasNext = random.NextDouble() < 0.95;
            var sessions = hasNext ? Math.Min(slots.Length, 1 + (random.NextDouble() < 0.3 ? 1 : 0)) : 0;
            TeacherId? mentor = random.NextDouble() < 0.9 && teachers > 0 ? teacherList[l % teachers].Id : (TeacherId?)null;
            CompetencyId? next = hasNext ? new CompetencyId($"s{subject}c{c}") : (CompetencyId?)null;
            learnerList.Add(new LearnerNeeds($"learner{l:D4}", slots, next, random.NextDouble() < stuckShare, mentor, sessions));
        }

        return new WeekPlanRequest(framework, week, teacherList, rooms, learnerList, minimumWorkshopSize, maximumWorkshopSize);
    }
}
