namespace PersonalizedLearning.Pictures;

/// <summary>How <see cref="FrameworkGraph"/> draws.</summary>
/// <remarks>Set with an object initializer; each property checks its range as it is set. Equality is by value.
/// Immutable once built and thread-safe.</remarks>
public sealed record FrameworkGraphOptions
{
    private readonly int _nodeWidth = 150;
    private readonly int _nodeHeight = 36;
    private readonly int _layerGap = 56;
    private readonly int _nodeGap = 14;
    private readonly int _maximumLabelLength = 19;
    private readonly MasteryPalette _palette = MasteryPalette.Default;

    /// <summary>The width of a competency's box, in pixels.</summary>
    /// <value>150 by default; in [40, 1000].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [40, 1000].</exception>
    public int NodeWidth
    {
        get => _nodeWidth;
        init => _nodeWidth = Options.InRange(value, 40, 1000);
    }

    /// <summary>The height of a competency's box, in pixels.</summary>
    /// <value>36 by default; in [16, 400].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [16, 400].</exception>
    public int NodeHeight
    {
        get => _nodeHeight;
        init => _nodeHeight = Options.InRange(value, 16, 400);
    }

    /// <summary>The horizontal space between two layers, where the arrows run, in pixels.</summary>
    /// <value>56 by default; in [16, 1000].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [16, 1000].</exception>
    public int LayerGap
    {
        get => _layerGap;
        init => _layerGap = Options.InRange(value, 16, 1000);
    }

    /// <summary>The vertical space between two boxes of a layer, in pixels; an arrow passing a layer takes a slot this
    /// high.</summary>
    /// <value>14 by default; in [4, 400].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [4, 400].</exception>
    public int NodeGap
    {
        get => _nodeGap;
        init => _nodeGap = Options.InRange(value, 4, 400);
    }

    /// <summary>The most characters a box's label shows; a longer title is cut with an ellipsis (the full title stays in
    /// the box's tooltip).</summary>
    /// <value>19 by default (what fits the default box); in [4, 200].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [4, 200].</exception>
    public int MaximumLabelLength
    {
        get => _maximumLabelLength;
        init => _maximumLabelLength = Options.InRange(value, 4, 200);
    }

    /// <summary>The colours of the levels and of the frontier outline.</summary>
    /// <value><see cref="MasteryPalette.Default"/> by default.</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public MasteryPalette Palette
    {
        get => _palette;
        init => _palette = value ?? throw new ArgumentNullException(nameof(Palette), "A framework graph needs a palette; MasteryPalette.Default is the default.");
    }

    /// <summary>The heading drawn above the graph and read as its accessible name.</summary>
    /// <value>Null by default: the framework's title (or "Framework") and "for" the learner.</value>
    public string? Title { get; init; }
}
