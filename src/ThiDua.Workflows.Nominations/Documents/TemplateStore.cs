using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Audit;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>How one kind of document is currently set up: the shipped default or the office's upload.</summary>
public sealed record TemplateStatus(TemplateKind Kind, bool Customized, string? FileName, string? UploadedBy, DateTimeOffset? UploadedAt);

/// <summary>
/// The templates in use: the office's uploaded template of a kind when there is one, otherwise the shipped default.
/// An upload is refused unless it is a Word file that names every required field; restoring deletes the upload.
/// </summary>
public sealed class TemplateStore(NominationsContexts contexts, AttachmentPolicy policy, AuditTrail audit, TimeProvider clock)
{
    public async Task<byte[]> GetAsync(TemplateKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        await using var db = contexts.Create();
        var custom = await db.DocumentTemplates.AsNoTracking().Where(t => t.Code == kind.Code).Select(t => t.Content).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return custom ?? DocumentTemplates.Default(kind);
    }

    public async Task<IReadOnlyList<TemplateStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var custom = await db.DocumentTemplates.AsNoTracking().Select(t => new { t.Code, t.FileName, t.UploadedBy, t.UploadedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return DocumentTemplates.All.Select(k => custom.FirstOrDefault(c => c.Code == k.Code) is { } c
            ? new TemplateStatus(k, true, c.FileName, c.UploadedBy, c.UploadedAt)
            : new TemplateStatus(k, false, null, null, null)).ToList();
    }

    public async Task<DomainResult<TemplateStatus>> UploadAsync(string? code, string? fileName, byte[] content, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        if (!actor.IsOffice) return DomainResult<TemplateStatus>.Forbidden("Chỉ Phòng Văn hóa - Xã hội thay mẫu văn bản.");
        if (DocumentTemplates.Find(code) is not { } kind) return DomainResult<TemplateStatus>.NotFound("Không có loại mẫu văn bản này.");
        var (name, nameProblem) = AttachmentPolicy.CleanFileName(fileName);
        if (nameProblem is not null) return DomainResult<TemplateStatus>.Invalid("file", nameProblem);
        if (!name!.EndsWith(".docx", StringComparison.OrdinalIgnoreCase)) return DomainResult<TemplateStatus>.Invalid("file", "Mẫu văn bản phải là tệp Word .docx.");
        var (_, contentProblem) = policy.CheckContent(name, content);
        if (contentProblem is not null) return DomainResult<TemplateStatus>.Invalid("file", contentProblem);
        IReadOnlyList<TemplateField> missing;
        try
        {
            missing = DocumentTemplates.MissingFields(kind, content);
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException)
        {
            return DomainResult<TemplateStatus>.Invalid("file", "Không đọc được tệp Word này (tệp hỏng hoặc không phải .docx).");
        }

        if (missing.Count > 0)
            return DomainResult<TemplateStatus>.Invalid("file",
                "Mẫu thiếu trường bắt buộc: " + string.Join("; ", missing.Select(f => $"{f.Tag} ({f.Label})")) + ". Mỗi trường là một content control có Tag đúng tên trường.");

        await using var db = contexts.Create();
        var row = await db.DocumentTemplates.FirstOrDefaultAsync(t => t.Code == kind.Code, cancellationToken).ConfigureAwait(false);
        if (row is null) db.DocumentTemplates.Add(row = new DocumentTemplate { Code = kind.Code, Content = content, FileName = name, UploadedBy = actor.UserName });
        row.Content = content;
        row.FileName = name;
        row.UploadedBy = actor.UserName;
        row.UploadedAt = clock.GetUtcNow();
        audit.Add(db, actor.UserName, AuditActions.TemplateUploaded, kind.Code, new { file = name, bytes = content.Length });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<TemplateStatus>.Success(new TemplateStatus(kind, true, name, actor.UserName, row.UploadedAt));
    }

    public async Task<DomainResult<TemplateStatus>> RestoreDefaultAsync(string? code, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<TemplateStatus>.Forbidden("Chỉ Phòng Văn hóa - Xã hội thay mẫu văn bản.");
        if (DocumentTemplates.Find(code) is not { } kind) return DomainResult<TemplateStatus>.NotFound("Không có loại mẫu văn bản này.");
        await using var db = contexts.Create();
        var removed = await db.DocumentTemplates.Where(t => t.Code == kind.Code).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            audit.Add(db, actor.UserName, AuditActions.TemplateRestored, kind.Code, new { });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        }

        return DomainResult<TemplateStatus>.Success(new TemplateStatus(kind, false, null, null, null));
    }
}
