namespace PersonalizedLearning.Pictures;

/// <summary>How <see cref="PlanBurnUp"/> draws.</summary>
/// <remarks>Set with an object initializer; each property checks its range as it is set. Equality is by value.
/// Immutable once built and thread-safe.</remarks>
public sealed record BurnUpOptions
{
    private readonly int _width = 640;
    private readonly int _height = 360;
    private readonly MasteryPalette _palette = MasteryPalette.Default;

    /// <summary>The picture's width, in pixels.</summary>
    /// <value>640 by default; in [240, 4000].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [240, 4000].</exception>
    public int Width
    {
        get => _width;
        init => _width = Options.InRange(value, 240, 4000);
    }

    /// <summary>The picture's height, in pixels.</summary>
    /// <value>360 by default; in [160, 4000].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [160, 4000].</exception>
    public int Height
    {
        get => _height;
        init => _height = Options.InRange(value, 160, 4000);
    }

    /// <summary>The colours: the mastered line takes <see cref="MasteryPalette.Mastered"/>, the projection
    /// <see cref="MasteryPalette.Proficient"/> and the deadline <see cref="MasteryPalette.Frontier"/>.</summary>
    /// <value><see cref="MasteryPalette.Default"/> by default.</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public MasteryPalette Palette
    {
        get => _palette;
        init => _palette = value ?? throw new ArgumentNullException(nameof(Palette), "A burn-up needs a palette; MasteryPalette.Default is the default.");
    }

    /// <summary>The heading drawn above the chart and read as its accessible name.</summary>
    /// <value>Null by default: "Plan burn-up".</value>
    public string? Title { get; init; }
}
