using System.Globalization;
using ThiDua.Workflows.LoadTest;

// dotnet run -c Release --project tests/ThiDua.Workflows.LoadTest -- [--users 10,50,200] [--tasks 2] [--think 0] [--store sqlite|postgres] [--url http://host:port]
// Without --url it starts the web host (Release build, Development demo data) on loopback, on fresh SQLite files or a
// fresh PostgreSQL database (THIDUA_TEST_POSTGRES, else the server tests/setup/postgres.sh starts).
var options = new LoadOptions();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--users": options.Users = args[i + 1].Split(',').Select(u => int.Parse(u, CultureInfo.InvariantCulture)).ToArray(); break;
        case "--tasks": options.TasksPerUser = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--url": options.Url = args[i + 1]; break;
        case "--think": options.ThinkSeconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--store" when args[i + 1] is "sqlite" or "postgres": options.Postgres = args[i + 1] == "postgres"; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

return await new WebLoad(options, Console.Out).RunAsync();
