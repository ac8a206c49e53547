namespace ThiDua.Workflows.Notifications;

/// <summary>Mail settings (configuration section <c>Workflows:Mail</c>).</summary>
public sealed class MailOptions
{
    public const string SectionName = "Workflows:Mail";

    public string SmtpHost { get; set; } = "127.0.0.1";

    public int SmtpPort { get; set; } = 25;

    /// <summary>None, StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "None";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "thidua@truongluu.local";

    public string FromName { get; set; } = "Thi đua, khen thưởng xã Trường Lưu";

    /// <summary>The address people open task links at (the web host's public address).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5000";

    /// <summary>How long a task link stays valid after the task's due date (or after it was sent, without a due date).</summary>
    public TimeSpan LinkGrace { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The host name in Message-IDs.</summary>
    public string MessageIdDomain { get; set; } = "thidua.truongluu.local";
}

/// <summary>A person who can receive tasks.</summary>
public sealed record DirectoryUser(string UserName, string DisplayName, string? Email, IReadOnlyList<string> Roles, string? Unit);

/// <summary>Who the people are (the web host answers from its users; the nominations module from the database).</summary>
public interface IUserDirectory
{
    DirectoryUser? Find(string userName);

    IReadOnlyList<DirectoryUser> InRole(string role);

    IReadOnlyList<DirectoryUser> InUnit(string unit);
}
