using System.Globalization;
using System.Text.RegularExpressions;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Pictures;

/// <summary>The colours the pictures give each <see cref="MasteryLevel"/>, and the outline colour of the frontier (what
/// a learner is ready to learn next).</summary>
/// <remarks>
/// <para>Colours are six-digit hexadecimal RGB strings such as <c>#3B528B</c>, kept in upper case. Text drawn on a
/// coloured cell or node is black or white, whichever contrasts more with the fill (the WCAG relative-luminance
/// crossover, 0.179).</para>
/// <para>Equality is by value. Immutable and thread-safe.</para>
/// </remarks>
public sealed partial record MasteryPalette
{
    /// <summary>The default palette: light grey for no evidence, then four stops of viridis (Smith and van der Walt,
    /// matplotlib 2015), light to dark as mastery grows, so the order of the levels reads without colour vision
    /// (viridis is perceptually uniform in lightness and distinguishable under deuteranopia, protanopia and tritanopia);
    /// the frontier outline is the magenta of Wong's colour-blind-safe set (Nature Methods 8, 441, 2011), far from
    /// every viridis stop.</summary>
    /// <value>NotStarted <c>#EEEEEE</c>, Attempted <c>#FDE725</c>, Familiar <c>#5EC962</c>, Proficient <c>#21918C</c>,
    /// Mastered <c>#3B528B</c>, frontier <c>#D81B60</c>.</value>
    public static MasteryPalette Default { get; } = new("#EEEEEE", "#FDE725", "#5EC962", "#21918C", "#3B528B", "#D81B60");

    /// <summary>Creates a palette.</summary>
    /// <param name="notStarted">The colour of <see cref="MasteryLevel.NotStarted"/>.</param>
    /// <param name="attempted">The colour of <see cref="MasteryLevel.Attempted"/>.</param>
    /// <param name="familiar">The colour of <see cref="MasteryLevel.Familiar"/>.</param>
    /// <param name="proficient">The colour of <see cref="MasteryLevel.Proficient"/>.</param>
    /// <param name="mastered">The colour of <see cref="MasteryLevel.Mastered"/>.</param>
    /// <param name="frontier">The outline colour of a competency on the frontier.</param>
    /// <exception cref="ArgumentNullException">A colour is null; named after the first null one, and the message lists every
    /// bad colour.</exception>
    /// <exception cref="ArgumentException">A colour is not <c>#</c> followed by six hexadecimal digits (and none is null);
    /// named after the first such colour, and the message lists every one.</exception>
    public MasteryPalette(string notStarted, string attempted, string familiar, string proficient, string mastered, string frontier)
    {
        // Every colour is checked before anything throws, so that one exception names them all (as the core's options do).
        string? firstNull = null;
        string? firstBad = null;
        List<string>? problems = null;
        Check(notStarted, nameof(notStarted));
        Check(attempted, nameof(attempted));
        Check(familiar, nameof(familiar));
        Check(proficient, nameof(proficient));
        Check(mastered, nameof(mastered));
        Check(frontier, nameof(frontier));
        if (problems is not null)
        {
            var message = $"The palette's colours are not valid: {string.Join(" ", problems)}";
            throw firstNull is not null ? new ArgumentNullException(firstNull, message) : new ArgumentException(message, firstBad);
        }

        NotStarted = notStarted.ToUpperInvariant();
        Attempted = attempted.ToUpperInvariant();
        Familiar = familiar.ToUpperInvariant();
        Proficient = proficient.ToUpperInvariant();
        Mastered = mastered.ToUpperInvariant();
        Frontier = frontier.ToUpperInvariant();

        void Check(string? color, string name)
        {
            if (color is null)
            {
                firstNull ??= name;
                (problems ??= []).Add($"{name}: a palette colour is required; got null.");
            }
            else if (!HexColor().IsMatch(color))
            {
                firstBad ??= name;
                (problems ??= []).Add($"{name}: a palette colour must be '#' followed by six hexadecimal digits, such as #3B528B; got '{color}'.");
            }
        }
    }

    /// <summary>The colour of <see cref="MasteryLevel.NotStarted"/>.</summary>
    public string NotStarted { get; }

    /// <summary>The colour of <see cref="MasteryLevel.Attempted"/>.</summary>
    public string Attempted { get; }

    /// <summary>The colour of <see cref="MasteryLevel.Familiar"/>.</summary>
    public string Familiar { get; }

    /// <summary>The colour of <see cref="MasteryLevel.Proficient"/>.</summary>
    public string Proficient { get; }

    /// <summary>The colour of <see cref="MasteryLevel.Mastered"/>.</summary>
    public string Mastered { get; }

    /// <summary>The outline colour of a competency on the frontier.</summary>
    public string Frontier { get; }

    /// <summary>The colour of a level.</summary>
    /// <param name="level">The level.</param>
    /// <returns>Its colour, such as <c>#3B528B</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined level.</exception>
    public string ColorOf(MasteryLevel level) => level switch
    {
        MasteryLevel.NotStarted => NotStarted,
        MasteryLevel.Attempted => Attempted,
        MasteryLevel.Familiar => Familiar,
        MasteryLevel.Proficient => Proficient,
        MasteryLevel.Mastered => Mastered,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, $"{level} is not a mastery level; the levels are NotStarted, Attempted, Familiar, Proficient and Mastered."),
    };

    /// <summary>The colour as red, green and blue bytes.</summary>
    /// <param name="color">A colour of the palette (#RRGGBB).</param>
    /// <returns>The three channels.</returns>
    internal static (byte R, byte G, byte B) Channels(string color) => (
        byte.Parse(color.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(color.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(color.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>Black or white, whichever contrasts more with <paramref name="fill"/> (WCAG 2 relative luminance).</summary>
    internal static string TextColorOn(string fill)
    {
        var (r, g, b) = Channels(fill);
        var luminance = (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));
        return luminance > 0.179 ? "#000000" : "#FFFFFF";

        static double Linear(byte channel)
        {
            var c = channel / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
    }

    /// <summary>The words a reader sees for a level.</summary>
    internal static string Describe(MasteryLevel level) => level switch
    {
        MasteryLevel.NotStarted => "Not started",
        _ => level.ToString(),
    };

    [GeneratedRegex(@"\A#[0-9A-Fa-f]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}
