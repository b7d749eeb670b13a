namespace PersonalizedLearning.Pictures;

/// <summary>How <see cref="ClassHeatMap"/> draws.</summary>
/// <remarks>Set with an object initializer; each property checks its range as it is set. Equality is by value.
/// Immutable once built and thread-safe.</remarks>
public sealed record HeatMapOptions
{
    private readonly int _cellSize = 28;
    private readonly int _maximumLabelLength = 24;
    private readonly MasteryPalette _palette = MasteryPalette.Default;

    /// <summary>The side of one cell, in pixels.</summary>
    /// <value>28 by default; in [8, 200].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [8, 200].</exception>
    public int CellSize
    {
        get => _cellSize;
        init => _cellSize = Options.InRange(value, 8, 200);
    }

    /// <summary>The most characters a learner or competency label shows; a longer one is cut with an ellipsis (the
    /// full text stays in the cell's and the label's tooltip).</summary>
    /// <value>24 by default; in [4, 200].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [4, 200].</exception>
    public int MaximumLabelLength
    {
        get => _maximumLabelLength;
        init => _maximumLabelLength = Options.InRange(value, 4, 200);
    }

    /// <summary>The colours of the levels.</summary>
    /// <value><see cref="MasteryPalette.Default"/> by default.</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public MasteryPalette Palette
    {
        get => _palette;
        init => _palette = value ?? throw new ArgumentNullException(nameof(Palette), "A heat map needs a palette; MasteryPalette.Default is the default.");
    }

    /// <summary>The heading drawn above the map and read as its accessible name.</summary>
    /// <value>Null by default: "Class mastery: " and the framework's title (or "Class mastery" when it has none).</value>
    public string? Title { get; init; }
}
