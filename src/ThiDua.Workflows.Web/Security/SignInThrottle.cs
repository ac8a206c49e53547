using System.Collections.Concurrent;

namespace ThiDua.Workflows.Web.Security;

/// <summary>
/// Locks a user name for a while after repeated wrong passwords, whether or not the name exists (so the answer
/// tells nothing). Kept in memory: a restart forgets failures, which only shortens a lockout.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset First, DateTimeOffset? LockedUntil)> _state = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the name is locked, until when; null when it may try.</summary>
    public DateTimeOffset? LockedUntil(string userName)
    {
        var now = clock.GetUtcNow();
        return _state.TryGetValue(userName, out var s) && s.LockedUntil > now ? s.LockedUntil : null;
    }

    public void Failed(string userName)
    {
        var now = clock.GetUtcNow();
        _state.AddOrUpdate(userName,
            _ => (1, now, null),
            (_, s) =>
            {
                if (s.LockedUntil is { } until && until <= now || now - s.First > Window) s = (0, now, null);
                var failures = s.Failures + 1;
                return (failures, s.First, failures >= MaxFailures ? now + Lockout : s.LockedUntil);
            });
    }

    public void Succeeded(string userName) => _state.TryRemove(userName, out _);
}
