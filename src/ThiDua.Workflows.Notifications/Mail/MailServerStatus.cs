namespace ThiDua.Workflows.Notifications.Mail;

/// <summary>
/// What this process last saw of the mail server, for the administrator's page: the host starts and works with the
/// server down (mail waits in the outbox), and this is where a person learns that it is down.
/// </summary>
public sealed class MailServerStatus
{
    private readonly Lock _gate = new();
    private (DateTimeOffset? OkAt, DateTimeOffset? FailedAt, string? Error) _state;

    public DateTimeOffset? LastReachedAt { get { lock (_gate) return _state.OkAt; } }

    public DateTimeOffset? LastFailedAt { get { lock (_gate) return _state.FailedAt; } }

    public string? LastError { get { lock (_gate) return _state.Error; } }

    /// <summary>Down when the last attempt to connect failed.</summary>
    public bool Down { get { lock (_gate) return _state.FailedAt is { } f && (_state.OkAt is not { } ok || f > ok); } }

    public void Reached(DateTimeOffset at)
    {
        lock (_gate) _state = (at, _state.FailedAt, _state.Error);
    }

    public void Failed(DateTimeOffset at, string error)
    {
        lock (_gate) _state = (_state.OkAt, at, error);
    }
}
