using ThiDua.Workflows.Notifications.Entities;

namespace ThiDua.Workflows.Notifications.Tasks;

/// <summary>
/// A domain's veto on a task decision, asked before the workflow is resumed (a letter to the province without the
/// documents its award requires). The refusal is a sentence people read; null lets the decision through.
/// </summary>
public interface ITaskDecisionGuard
{
    Task<string?> RefusalAsync(TaskRecord task, string action, CancellationToken cancellationToken);
}
