namespace ThiDua.Workflows.Nominations.Entities;

/// <summary>A council meeting (phiên họp Hội đồng) that votes on a list of nominations.</summary>
public sealed class CouncilSession
{
    public required string Id { get; set; }

    public required string Title { get; set; }

    public DateTimeOffset ScheduledAt { get; set; }

    /// <summary>Open (voting) or Closed (counted).</summary>
    public required string Status { get; set; }

    /// <summary>Secret ballot (the default, domain-rules.md §5.2); false records who chose what (an open vote).</summary>
    public bool Secret { get; set; } = true;

    /// <summary>All members of the council when the session was called: thresholds count on them, not on attendees.</summary>
    public int MemberCount { get; set; }

    /// <summary>
    /// The most nominees the council may recommend (a number the province or the plan sets), or none. Above it the
    /// most votes win and, of equal votes, women first (NĐ 152/2025 Art.4).
    /// </summary>
    public int? Places { get; set; }

    public string? MinutesNumber { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public List<CouncilSessionMember> Members { get; set; } = [];

    public List<CouncilSessionItem> Items { get; set; } = [];
}

public sealed class CouncilSessionMember
{
    public required string SessionId { get; set; }

    public required string UserName { get; set; }

    /// <summary>Unknown, Present or Absent (an absent member votes in writing).</summary>
    public string Attendance { get; set; } = "Unknown";
}

/// <summary>
/// One nomination on the agenda, and its ballot box: only the counts are kept, never who chose what. Who has
/// voted is in <see cref="BallotReceipt"/>, which holds no choice.
/// </summary>
public sealed class CouncilSessionItem
{
    public required string SessionId { get; set; }

    public required string NominationId { get; set; }

    public VoteRule VoteRule { get; set; }

    public int? ThresholdPercent { get; set; }

    public int Approve { get; set; }

    public int Reject { get; set; }

    /// <summary>Pending, Passed, Failed, or NoQuorum.</summary>
    public string Result { get; set; } = "Pending";
}

/// <summary>That a member has voted on an item (in person or in writing) — so each votes once. No choice here.</summary>
public sealed class BallotReceipt
{
    public required string SessionId { get; set; }

    public required string NominationId { get; set; }

    public required string UserName { get; set; }

    /// <summary>InPerson or Written.</summary>
    public required string Channel { get; set; }

    /// <summary>Only in an open (not secret) vote: the member's choice. Always null in a secret ballot.</summary>
    public string? Choice { get; set; }
}

/// <summary>A numbered document: a decision (QĐ), a letter to the province (TTr), council minutes (BB).</summary>
public sealed class Decision
{
    public required string Id { get; set; }

    /// <summary>Award (quyết định khen thưởng), ProvinceSubmission (tờ trình), Minutes (biên bản).</summary>
    public required string Kind { get; set; }

    public int Year { get; set; }

    public int Number { get; set; }

    /// <summary>The series symbol, e.g. <c>QĐ-UBND</c>.</summary>
    public required string Symbol { get; set; }

    /// <summary><c>125/QĐ-UBND</c>.</summary>
    public required string DocumentNumber { get; set; }

    public required string Title { get; set; }

    public string? SignedBy { get; set; }

    public DateTimeOffset SignedAt { get; set; }

    /// <summary>What it was issued for (a nomination, a session): issuing twice for the same thing returns the first.</summary>
    public required string SubjectKey { get; set; }

    /// <summary>The signature's form and title lines as printed (ND 30/2020: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"), fixed when issued.</summary>
    public string? SignatureLines { get; set; }

    /// <summary>The signer's full name as printed under the signature.</summary>
    public string? SignerName { get; set; }

    /// <summary>The văn thư who registered it, when the number was entered or taken by hand on the register page.</summary>
    public string? RegisteredBy { get; set; }
}

/// <summary>A template the office uploaded in place of the shipped default (one per kind; restoring the default deletes it).</summary>
public sealed class DocumentTemplate
{
    /// <summary>The kind's code (<see cref="Documents.DocumentTemplates"/>).</summary>
    public required string Code { get; set; }

    public required byte[] Content { get; set; }

    public required string FileName { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>The last number used in one yearly series of one issuer (ND 30/2020: numbers restart each year).</summary>
public sealed class DocumentSeries
{
    public required string Symbol { get; set; }

    public int Year { get; set; }

    public int LastNumber { get; set; }
}

/// <summary>A dossier sent up to the province (Sở Nội vụ) and what came back.</summary>
public sealed class ProvinceSubmission
{
    public required string Id { get; set; }

    public required string NominationId { get; set; }

    public required string LetterNumber { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public DateTimeOffset? ExpectedBy { get; set; }

    /// <summary>Pending, Decided or Returned.</summary>
    public string Outcome { get; set; } = "Pending";

    public string? ProvinceDecisionNumber { get; set; }

    public DateOnly? ProvinceDecidedOn { get; set; }

    public string? Note { get; set; }

    public string? RecordedBy { get; set; }

    public DateTimeOffset? RecordedAt { get; set; }

    /// <summary>The package sent up (ZIP of the tờ trình, biên bản, danh sách and the dossier files the award requires).</summary>
    public byte[]? Package { get; set; }
}

/// <summary>
/// A stimulus for a nomination's workflow, written in the same transaction as the domain change that causes it
/// (hold released, objection, council result, province answer) and delivered after the commit — again at start-up
/// and every minute while it is not delivered — so a crash between the two loses nothing.
/// </summary>
public sealed class WorkflowSignal : ThiDua.Workflows.Persistence.Outbox.ILeasedRow
{
    public required string Id { get; set; }

    public required string NominationId { get; set; }

    public required string Stimulus { get; set; }

    /// <summary>The resume input, as JSON.</summary>
    public string? Input { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeadAt { get; set; }

    public DateTimeOffset? DiscardedAt { get; set; }
}
