using System.Globalization;

namespace PersonalizedLearning.Samples.Cluster;

/// <summary>The coordinator's command line.</summary>
internal sealed record LoadOptions(int Silos, int Learners, int Pieces, int Concurrency, double Rate, int ClassSize, bool Kill, string? Report)
{
    public int Events => Learners * Pieces;

    public static LoadOptions? Parse(string[] args)
    {
        var options = new LoadOptions(Silos: 3, Learners: 300, Pieces: 10, Concurrency: 32, Rate: 0, ClassSize: 30, Kill: true, Report: null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            try
            {
                options = args[i] switch
                {
                    "--silos" => options with { Silos = Int() },
                    "--learners" => options with { Learners = Int() },
                    "--pieces" => options with { Pieces = Int() },
                    "--concurrency" => options with { Concurrency = Int() },
                    "--rate" => options with { Rate = double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture) },
                    "--class-size" => options with { ClassSize = Int() },
                    "--no-kill" => options with { Kill = false },
                    "--report" => options with { Report = Next() },
                    _ => throw new FormatException($"Unknown option {args[i]}."),
                };
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return null;
            }
        }

        if (options.Silos is < 1 or > 8 || options.Learners < 1 || options.Pieces is < 1 or > 999 || options.Concurrency < 1 || options.Rate < 0 || options.ClassSize < 1)
        {
            Console.Error.WriteLine("--silos must be in [1, 8], --pieces in [1, 999], and the other counts positive.");
            return null;
        }

        return options;
    }
}
