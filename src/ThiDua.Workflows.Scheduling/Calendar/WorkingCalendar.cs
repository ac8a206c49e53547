using System.Collections.Concurrent;

namespace ThiDua.Workflows.Scheduling.Calendar;

/// <summary>
/// Vietnamese working days: Monday to Friday, less the statutory holidays and their compensation days
/// (<see cref="StatutoryHolidays"/>), adjusted by the configured per-year decisions.
/// </summary>
/// <remarks>Thread-safe; a year's days off are computed once, on first use.</remarks>
public sealed class WorkingCalendar
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private readonly TimeOnly _dayStart;
    private readonly TimeOnly _dayEnd;
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<int, NationalDayAdjacent> _nationalDayAdjacent = [];
    private readonly HashSet<DateOnly> _extraDaysOff = [];
    private readonly HashSet<DateOnly> _notDaysOff = [];
    private readonly HashSet<DateOnly> _makeUpWorkingDays = [];
    private readonly ConcurrentDictionary<int, YearDaysOff> _years = new();

    public WorkingCalendar(WorkingCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OfficeDayStart >= options.OfficeDayEnd)
            throw new ArgumentException($"The office day must start before it ends ({options.OfficeDayStart} ≥ {options.OfficeDayEnd}).", nameof(options));

        _dayStart = options.OfficeDayStart;
        _dayEnd = options.OfficeDayEnd;
        _zone = FindZone(options.TimeZoneId);

        // Copied, so later changes to the options cannot disagree with the years already cached.
        foreach (var (year, adjustments) in options.Years ?? [])
        {
            if (adjustments is null)
                continue;
            if (adjustments.NationalDayAdjacent is { } adjacent)
                _nationalDayAdjacent[year] = adjacent;
            _extraDaysOff.UnionWith(adjustments.ExtraDaysOff ?? []);
            _notDaysOff.UnionWith(adjustments.NotDaysOff ?? []);
            _makeUpWorkingDays.UnionWith(adjustments.MakeUpWorkingDays ?? []);
        }
    }

    /// <summary>The time zone office hours are read in (the fixed UTC+07:00 stand-in if the configured one is unknown).</summary>
    public TimeZoneInfo TimeZone => _zone;

    /// <summary>
    /// Whether the date is a day off listed in <see cref="HolidaysOf"/>: a statutory holiday (also on a weekend),
    /// a compensation day or a configured extra day off.
    /// </summary>
    public bool IsPublicHoliday(DateOnly date) => DaysOff(date.Year).ByDate.ContainsKey(date);

    /// <summary>The holiday on that date, or <c>null</c>.</summary>
    public PublicHoliday? HolidayOn(DateOnly date) => DaysOff(date.Year).ByDate.GetValueOrDefault(date);

    /// <summary>Whether people work that day: a configured make-up day, or a weekday that is not a day off.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_makeUpWorkingDays.Contains(date))
            return true;
        return !StatutoryHolidays.IsWeekend(date) && !IsPublicHoliday(date);
    }

    /// <summary>The year's days off other than ordinary weekends, in date order, after the configured adjustments.</summary>
    public IReadOnlyList<PublicHoliday> HolidaysOf(int year) => DaysOff(year).List;

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="start"/> (start itself not counted), or before
    /// it when negative. Zero gives <paramref name="start"/> if it is a working day, else the next working day.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        var step = days < 0 ? -1 : 1;
        var date = start;
        if (days == 0)
        {
            while (!IsWorkingDay(date))
                date = date.AddDays(1);
            return date;
        }

        for (var left = Math.Abs(days); left > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
                left--;
        }

        return date;
    }

    /// <summary>
    /// How many working days d there are with <paramref name="from"/> &lt; d ≤ <paramref name="to"/>; negative, with
    /// the bounds swapped, when <paramref name="to"/> is before <paramref name="from"/>. So
    /// <c>AddWorkingDays(from, n)</c> gives a <c>to</c> with <c>WorkingDaysBetween(from, to) == n</c>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            return -WorkingDaysBetween(to, from);

        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
                count++;
        }

        return count;
    }

    /// <summary>The office-day start on that date, in the configured zone (whether or not it is a working day).</summary>
    public DateTimeOffset StartOfWorkingDay(DateOnly date) => At(date, _dayStart);

    /// <summary>The office-day end on that date, in the configured zone (whether or not it is a working day).</summary>
    public DateTimeOffset EndOfWorkingDay(DateOnly date) => At(date, _dayEnd);

    /// <summary>The calendar date in the configured zone at that instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    /// <summary>Whether the instant falls in office hours (start inclusive, end exclusive) of a working day.</summary>
    public bool IsWithinOfficeHours(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && time >= _dayStart && time < _dayEnd;
    }

    private DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }

    private YearDaysOff DaysOff(int year) => _years.GetOrAdd(year, Compute);

    private YearDaysOff Compute(int year)
    {
        var adjacent = _nationalDayAdjacent.TryGetValue(year, out var chosen) ? chosen : (NationalDayAdjacent?)null;
        var byDate = StatutoryHolidays.For(year, adjacent)
            .Where(h => !_notDaysOff.Contains(h.Date))
            .ToDictionary(h => h.Date);

        // An extra day off that lands on a computed one keeps the computed name.
        foreach (var date in _extraDaysOff.Where(d => d.Year == year))
            byDate.TryAdd(date, new PublicHoliday(date, HolidayNames.Additional, HolidayKind.Additional));

        foreach (var date in _makeUpWorkingDays)
            byDate.Remove(date);

        return new YearDaysOff(byDate, [.. byDate.Values.OrderBy(h => h.Date)]);
    }

    private static TimeZoneInfo FindZone(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // Containers without tzdata lack the zone; Vietnam has had no DST since 1975, so a fixed offset is exact.
            }
        }

        return TimeZoneInfo.CreateCustomTimeZone("UTC+07", VietnamOffset, "(UTC+07:00) Vietnam", "Vietnam");
    }

    private sealed record YearDaysOff(Dictionary<DateOnly, PublicHoliday> ByDate, IReadOnlyList<PublicHoliday> List);
}
