namespace ThiDua.Workflows.Cli;

/// <summary>The exit codes of <c>thidua</c> (architecture.md: 0 Finished, 3 Suspended, 1 Faulted, 2 invalid input).</summary>
public static class ExitCodes
{
    public const int Finished = 0;
    public const int Faulted = 1;
    public const int InvalidInput = 2;
    public const int Suspended = 3;

    /// <summary>Cancelled (Ctrl+C during a run): not finished, so not success.</summary>
    public const int Cancelled = 1;
}
