using System.Globalization;
using ThiDua.Workflows.Benchmarks;

// dotnet run -c Release --project tests/ThiDua.Workflows.Benchmarks -- [--instances 10000] [--scale 100000] [--raw 20000]
var options = new BenchmarkOptions();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--instances": options.Instances = value; break;
        case "--scale": options.ScaleInstances = value; break;
        case "--raw": options.RawInserts = value; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var report = await new StoreBenchmark(options, Console.Out).RunAsync();
return report.AllFinished ? 0 : 1;
