using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Notifications.Tasks;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>No task on a nomination held at its step may be decided until the office releases it (NĐ 152/2025 Art.4).</summary>
public sealed class HoldGuard(NominationsContexts contexts) : ITaskDecisionGuard
{
    public async Task<string?> RefusalAsync(TaskRecord task, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.CorrelationId is not { Length: > 0 } id) return null;
        await using var db = contexts.Create();
        var held = await db.Nominations.AsNoTracking().Where(n => n.Id == id && n.HeldSince != null).Select(n => n.Id).AnyAsync(cancellationToken).ConfigureAwait(false);
        if (!held) return null;
        var reason = await db.EligibilityHolds.AsNoTracking().Where(h => h.NominationId == id && h.ReleasedAt == null).Select(h => h.Reason).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return $"Hồ sơ đang tạm dừng xét ({reason}) theo Nghị định 152/2025/NĐ-CP Điều 4: Phòng Văn hóa - Xã hội cho tiếp tục xét rồi mới xử lý bước này.";
    }
}
