using PersonalizedLearning.Mastery.Retention;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.Retention;

/// <summary>The branches an FSRS history property must reach: every rating in one history, a lapse (Again on a card in
/// review), a step of relearning, and Hard or Easy while learning.</summary>
internal static class FsrsReach
{
    public const string EveryRating = "every rating (Again, Hard, Good, Easy) in the history";
    public const string Lapse = "a lapse: Again on a card in review";
    public const string Relearning = "a review while relearning";
    public const string HardOrEasyLearning = "Hard or Easy while learning";

    public static BranchReach New(ITestOutputHelper output) =>
        new BranchReach(output).Floor(EveryRating, 0.75).Floor(Lapse, 0.3).Floor(Relearning, 0.2).Floor(HardOrEasyLearning, 0.12);

    public static void CountHistory(BranchReach.CaseScope scope, (int Rating, int Gap)[] history) =>
        scope.Hit(EveryRating, history.Select(h => h.Rating).Distinct().Count() == 4);

    public static void CountReview(BranchReach.CaseScope scope, FsrsCard card, int rating)
    {
        scope.Hit(Lapse, card.State == FsrsState.Review && rating == (int)FsrsRating.Again);
        scope.Hit(Relearning, card.State == FsrsState.Relearning);
        scope.Hit(HardOrEasyLearning, card.State == FsrsState.Learning && rating is (int)FsrsRating.Hard or (int)FsrsRating.Easy);
    }
}
