using Microsoft.EntityFrameworkCore;

namespace ThiDua.Workflows.Persistence.Outbox;

/// <summary>One outbox table: its name in logs and on the administrator's page, its rows, how a row reads to a person.</summary>
/// <param name="Name">A stable key ("workflow", "mail", "signal").</param>
/// <param name="Rows">The table in a context.</param>
/// <param name="Describe">What the row is about and whom it is for, for the dead-letter list.</param>
/// <param name="DeliveredColumn">The property that marks a row carried out, when it is not <c>DeliveredAt</c>.</param>
public sealed record OutboxTable<TContext, TRow>(
    string Name,
    Func<TContext, DbSet<TRow>> Rows,
    Func<TRow, (string Subject, string? Target)> Describe,
    string DeliveredColumn = nameof(ILeasedRow.DeliveredAt))
    where TContext : DbContext
    where TRow : class, ILeasedRow;
