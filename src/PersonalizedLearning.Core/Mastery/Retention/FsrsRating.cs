namespace PersonalizedLearning.Mastery.Retention;

/// <summary>How a review went, in FSRS's four grades.</summary>
public enum FsrsRating
{
    /// <summary>Forgotten: the learner could not recall it.</summary>
    Again = 1,

    /// <summary>Recalled with serious difficulty.</summary>
    Hard = 2,

    /// <summary>Recalled after some thought.</summary>
    Good = 3,

    /// <summary>Recalled easily.</summary>
    Easy = 4,
}

/// <summary>Where a memory is in FSRS's learning cycle.</summary>
public enum FsrsState
{
    /// <summary>Never reviewed.</summary>
    New = 0,

    /// <summary>In its first short learning steps.</summary>
    Learning = 1,

    /// <summary>Scheduled in days by its stability.</summary>
    Review = 2,

    /// <summary>Forgotten in review and back in short relearning steps.</summary>
    Relearning = 3,
}
