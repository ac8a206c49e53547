using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Entities;

namespace ThiDua.Workflows.Web.Tasks;

/// <summary>Out-of-office delegation: while a person is away (dates inclusive), their new tasks go to another user.</summary>
public sealed class Delegations(NotificationsContexts contexts, IUserDirectory directory, TimeProvider clock)
{
    public async Task<IReadOnlyList<DelegationRecord>> MineAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Delegations.AsNoTracking().Where(d => d.FromUser == userName).OrderByDescending(d => d.StartsOn).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DomainResult<DelegationRecord>> CreateAsync(string fromUser, DelegationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (directory.Find(request.ToUser) is null) errors["toUser"] = [$"Người nhận ủy quyền: không có người dùng '{request.ToUser}'."];
        else if (request.ToUser == fromUser) errors["toUser"] = ["Người nhận ủy quyền phải là người khác."];
        if (request.EndsOn < request.StartsOn) errors["endsOn"] = ["Ngày kết thúc phải sau ngày bắt đầu."];
        if (request.EndsOn.DayNumber - request.StartsOn.DayNumber > 366) errors["endsOn"] = ["Ủy quyền dài nhất một năm."];
        if (errors.Count > 0) return DomainResult<DelegationRecord>.Invalid(errors);
        await using var db = contexts.Create();
        var row = new DelegationRecord { FromUser = fromUser, ToUser = request.ToUser, StartsOn = request.StartsOn, EndsOn = request.EndsOn, CreatedAt = clock.GetUtcNow() };
        db.Delegations.Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<DelegationRecord>.Success(row);
    }

    /// <summary>Ends one of the user's delegations today (a future one is removed): new tasks come back to them from tomorrow.</summary>
    public async Task<DomainResult<bool>> EndAsync(string fromUser, long id, CancellationToken cancellationToken = default)
    {
        var today = Presentation.Vn.Today(clock);
        await using var db = contexts.Create();
        var row = await db.Delegations.FirstOrDefaultAsync(d => d.Id == id && d.FromUser == fromUser, cancellationToken).ConfigureAwait(false);
        if (row is null) return DomainResult<bool>.NotFound("Không có ủy quyền này.");
        if (row.EndsOn < today) return DomainResult<bool>.Conflict("Ủy quyền này đã kết thúc.");
        if (row.StartsOn > today) db.Delegations.Remove(row);
        else row.EndsOn = today.AddDays(-1) < row.StartsOn ? row.StartsOn : today.AddDays(-1);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<bool>.Success(true);
    }
}
