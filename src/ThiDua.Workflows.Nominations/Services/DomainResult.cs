namespace ThiDua.Workflows.Nominations.Services;

public enum DomainProblem
{
    None,

    /// <summary>Bad input: <see cref="DomainResult{T}.Errors"/> names each field.</summary>
    Invalid,
    NotFound,
    Forbidden,

    /// <summary>The thing is not in a state that allows this (or it was already done).</summary>
    Conflict,
}

/// <summary>What a domain command did: a value, or the problem with a message people can read (Vietnamese).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Factories read best as DomainResult<T>.Invalid(...) at the call site.")]
public sealed record DomainResult<T>(T? Value, DomainProblem Problem = DomainProblem.None, string? Message = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Ok => Problem == DomainProblem.None;

    public static DomainResult<T> Success(T value) => new(value);

    public static DomainResult<T> Invalid(string field, string message) => new(default, DomainProblem.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    public static DomainResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(default, DomainProblem.Invalid, "Dữ liệu chưa hợp lệ.", errors);

    public static DomainResult<T> NotFound(string message) => new(default, DomainProblem.NotFound, message);

    public static DomainResult<T> Forbidden(string message) => new(default, DomainProblem.Forbidden, message);

    public static DomainResult<T> Conflict(string message) => new(default, DomainProblem.Conflict, message);
}

/// <summary>The signed-in person acting (from the web host's claims).</summary>
public sealed record Actor(string UserName, IReadOnlyList<string> Roles, string? UnitId)
{
    public bool IsOffice => Roles.Contains(Services.Roles.Office) || Roles.Contains(Services.Roles.OfficeHead) || Roles.Contains(Services.Roles.Administrator);

    public bool Is(string role) => Roles.Contains(role) || Roles.Contains(Services.Roles.Administrator);

    /// <summary>The office, the council and the chair see every unit's nominations; a unit sees its own.</summary>
    public bool SeesAllNominations => IsOffice || Is(Services.Roles.Chair) || Is(Services.Roles.CouncilMember) || Is(Services.Roles.CouncilSecretary);
}
