using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Nominations.Services;

public sealed record HandoverRequest(DateOnly? HandedOverOn, string? ReceivedBy);

public sealed record PrizePaymentRequest(DateOnly? PaidOn, long? Amount, string? Fund, string? Voucher, string? PaidBy);

/// <summary>One award of the register with what happened after its decision.</summary>
public sealed record AwardDeliveryView(
    long Id, string NomineeName, string AwardCode, string AwardName, string DecisionNumber, DateOnly DecidedOn, string Issuer, long? PrizeMoney,
    DateOnly? HandedOverOn, string? ReceivedBy, DateOnly? PaidOn, long? PaidAmount, string? Fund, string? Voucher, string? PaidBy)
{
    public bool HandedOver => HandedOverOn is not null;

    /// <summary>Paid, or nothing to pay.</summary>
    public bool Settled => PaidOn is not null || PrizeMoney is null or 0;
}

/// <summary>
/// Stage A7, after the decision: the office records the certificate handed over (when, to whom) and the prize money
/// paid (when, how much, from which fund, by which voucher). Each is recorded once; the amount is the decision's.
/// </summary>
public sealed class AwardDelivery(NominationsContexts contexts, WorkingCalendar days, TimeProvider clock)
{
    public const string DefaultFund = "Quỹ thi đua, khen thưởng của xã";

    public async Task<IReadOnlyList<AwardDeliveryView>> ListAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var rows = await db.Commendations.AsNoTracking().Where(c => c.DecidedOn.Year == year).ToListAsync(cancellationToken).ConfigureAwait(false);
        var vietnamese = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;
        return rows
            .OrderBy(c => c.DecidedOn).ThenBy(c => c.DecisionNumber, StringComparer.Ordinal)
            .ThenBy(c => c.NomineeName, Comparer<string>.Create((a, b) => vietnamese.Compare(a, b, CompareOptions.IgnoreCase)))
            .Select(c => new AwardDeliveryView(c.Id, c.NomineeName, c.AwardCode, awards.GetValueOrDefault(c.AwardCode, c.AwardCode), c.DecisionNumber, c.DecidedOn, c.Issuer, c.PrizeMoney,
                c.CertificateHandedOverOn, c.CertificateReceivedBy, c.PrizePaidOn, c.PrizePaidAmount, c.PrizeFund, c.PrizeVoucher, c.PrizePaidBy))
            .ToList();
    }

    public async Task<DomainResult<Commendation>> HandOverAsync(long id, HandoverRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<Commendation>.Forbidden("Chỉ Phòng Văn hóa - Xã hội ghi nhận việc trao khen thưởng.");
        await using var db = contexts.Create();
        var award = await db.Commendations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (award is null) return DomainResult<Commendation>.NotFound("Không có khen thưởng này trong sổ.");
        var errors = new Dictionary<string, string[]>();
        CheckDay(errors, "handedOverOn", "Ngày trao", request.HandedOverOn, award.DecidedOn);
        var receiver = request.ReceivedBy?.Trim();
        if (string.IsNullOrEmpty(receiver) || receiver.Length > 200) errors["receivedBy"] = ["Ghi người nhận (tối đa 200 ký tự): cá nhân, hoặc người đại diện tập thể, hộ gia đình."];
        if (errors.Count > 0) return DomainResult<Commendation>.Invalid(errors);

        // Conditional: of two people recording at once, one wins and the other is told.
        var won = await db.Commendations.Where(c => c.Id == id && c.CertificateHandedOverOn == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CertificateHandedOverOn, request.HandedOverOn)
                .SetProperty(c => c.CertificateReceivedBy, receiver).SetProperty(c => c.CertificateRecordedBy, actor.UserName), cancellationToken).ConfigureAwait(false);
        var now = await db.Commendations.AsNoTracking().FirstAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        return won == 0
            ? DomainResult<Commendation>.Conflict($"Đã ghi nhận trao khen thưởng này ngày {now.CertificateHandedOverOn:dd/MM/yyyy}.")
            : DomainResult<Commendation>.Success(now);
    }

    public async Task<DomainResult<Commendation>> PayAsync(long id, PrizePaymentRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<Commendation>.Forbidden("Chỉ Phòng Văn hóa - Xã hội ghi nhận việc chi tiền thưởng.");
        await using var db = contexts.Create();
        var award = await db.Commendations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (award is null) return DomainResult<Commendation>.NotFound("Không có khen thưởng này trong sổ.");
        if (award.PrizeMoney is null or 0) return DomainResult<Commendation>.Conflict("Khen thưởng này không kèm tiền thưởng.");
        var errors = new Dictionary<string, string[]>();
        CheckDay(errors, "paidOn", "Ngày chi", request.PaidOn, award.DecidedOn);
        if (request.Amount != award.PrizeMoney)
            errors["amount"] = [$"Số tiền chi phải đúng tiền thưởng theo quyết định: {award.PrizeMoney.Value.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN"))} đồng (Nghị định 152/2025)."];
        var fund = string.IsNullOrWhiteSpace(request.Fund) ? null : request.Fund.Trim();
        if (fund is null || fund.Length > 200) errors["fund"] = ["Ghi nguồn chi (tối đa 200 ký tự), ví dụ: " + DefaultFund + "."];
        var paidBy = request.PaidBy?.Trim();
        if (string.IsNullOrEmpty(paidBy) || paidBy.Length > 200) errors["paidBy"] = ["Ghi người chi (thủ quỹ hoặc kế toán), tối đa 200 ký tự."];
        var voucher = string.IsNullOrWhiteSpace(request.Voucher) ? null : request.Voucher.Trim();
        if (voucher is { Length: > 50 }) errors["voucher"] = ["Số phiếu chi tối đa 50 ký tự."];
        if (errors.Count > 0) return DomainResult<Commendation>.Invalid(errors);

        var won = await db.Commendations.Where(c => c.Id == id && c.PrizePaidOn == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PrizePaidOn, request.PaidOn).SetProperty(c => c.PrizePaidAmount, request.Amount)
                .SetProperty(c => c.PrizeFund, fund).SetProperty(c => c.PrizeVoucher, voucher).SetProperty(c => c.PrizePaidBy, paidBy)
                .SetProperty(c => c.PrizeRecordedBy, actor.UserName), cancellationToken).ConfigureAwait(false);
        var now = await db.Commendations.AsNoTracking().FirstAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        return won == 0
            ? DomainResult<Commendation>.Conflict($"Đã ghi nhận chi tiền thưởng này ngày {now.PrizePaidOn:dd/MM/yyyy}.")
            : DomainResult<Commendation>.Success(now);
    }

    private void CheckDay(Dictionary<string, string[]> errors, string field, string label, DateOnly? day, DateOnly decidedOn)
    {
        var today = days.LocalDate(clock.GetUtcNow());
        if (day is null) errors[field] = [$"{label} cần có."];
        else if (day < decidedOn) errors[field] = [$"{label} không được trước ngày quyết định ({decidedOn:dd/MM/yyyy})."];
        else if (day > today) errors[field] = [$"{label} không được sau hôm nay."];
    }
}
