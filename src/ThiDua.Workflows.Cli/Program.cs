using ThiDua.Workflows.Cli;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // let the run cancel its instance and print its status
    interrupt.Cancel();
};
Console.OutputEncoding = System.Text.Encoding.UTF8;
return await new ThiDuaCli(Console.Out, Console.Error, TimeProvider.System).RunAsync(args, interrupt.Token);
