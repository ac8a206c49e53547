using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Nominations.Workflows;

/// <summary>
/// The task steps of a nomination path that the domain acts on by id (the unit re-sends a dossier to the supplement
/// task; a hold is taken on the appraisal task; the chair's list decision completes the chair's task). Kept in one
/// place so the designer can refuse to publish a path that dropped one the path had before.
/// </summary>
public static class NominationPathSteps
{
    public static IReadOnlyList<(string ActivityId, string Purpose)> Required { get; } =
    [
        (NominationService.SupplementTaskId, "đơn vị gửi lại hồ sơ sau khi bổ sung"),
        (NominationService.AppraisalTaskId, "phòng tạm dừng xét khi đang thẩm định"),
        (ListDecisions.ChairTaskId, "Chủ tịch quyết định theo danh sách"),
    ];
}
