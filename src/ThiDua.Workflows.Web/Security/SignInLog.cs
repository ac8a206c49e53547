namespace ThiDua.Workflows.Web.Security;

/// <summary>One audit line for each sign-in attempt (never the password).</summary>
public static partial class SignInLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Sign-in succeeded for {User} from {Address}")]
    public static partial void Succeeded(ILogger logger, string user, string? address);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Sign-in failed for {User} from {Address}")]
    public static partial void Failed(ILogger logger, string user, string? address);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Sign-in refused for {User} from {Address}: locked after repeated failures")]
    public static partial void Locked(ILogger logger, string user, string? address);
}
