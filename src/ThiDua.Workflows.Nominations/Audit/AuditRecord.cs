namespace ThiDua.Workflows.Nominations.Audit;

/// <summary>
/// One entry of the audit trail: who did what to what, when. Written with the change it records (unsealed), then
/// sealed in order: <see cref="Seq"/> and <see cref="Hash"/> chain it to the entry before, so an entry edited or
/// removed afterwards breaks the chain at that point.
/// </summary>
public sealed class AuditRecord
{
    public required string Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user name, or "system" / "workflow" for what no person did.</summary>
    public required string Actor { get; set; }

    /// <summary>A code from <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it concerns: a document number, a session id, a user name, an award code.</summary>
    public required string Subject { get; set; }

    /// <summary>The facts, as JSON (counts, values before and after).</summary>
    public string? Detail { get; set; }

    /// <summary>Position in the chain from 1; null until sealed.</summary>
    public long? Seq { get; set; }

    /// <summary>SHA-256 of the previous entry's hash and this entry's content; null until sealed.</summary>
    public string? Hash { get; set; }
}

/// <summary>The head of the chain: the last sealed entry. One row; sealers move it with a conditional update.</summary>
public sealed class AuditChainHead
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public long LastSeq { get; set; }

    public string LastHash { get; set; } = AuditChain.Genesis;
}

/// <summary>What the trail records.</summary>
public static class AuditActions
{
    public const string DocumentIssued = "document.issued";
    public const string VotesCounted = "council.votes-counted";
    public const string SignedIn = "account.signed-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string UserCreated = "settings.user-created";
    public const string UserEnabled = "settings.user-enabled";
    public const string UserDisabled = "settings.user-disabled";
    public const string PasswordReset = "settings.password-reset";
    public const string AwardChanged = "settings.award-changed";
    public const string PersonAdded = "settings.person-added";
    public const string CouncilSeatsChanged = "settings.council-seats";
    public const string TemplateUploaded = "settings.template-uploaded";
    public const string TemplateRestored = "settings.template-restored";
    public const string SeriesSet = "register.series-set";
    public const string DocumentRenumbered = "register.renumbered";
    public const string DisciplineRecorded = "settings.discipline-recorded";
}
