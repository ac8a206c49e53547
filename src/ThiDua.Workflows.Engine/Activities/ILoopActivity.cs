namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Marks a loop that Elsa.Break ends (While, ForEach, ParallelForEach).</summary>
public interface ILoopActivity;
