using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Scheduling.Tests;

public class WorkingCalendarTimeTests
{
    private static readonly TimeSpan Plus7 = TimeSpan.FromHours(7);

    [Fact]
    public void Office_day_starts_at_8_and_ends_at_17_Vietnam_time()
    {
        var calendar = new WorkingCalendar(new WorkingCalendarOptions());

        Assert.Equal(new DateTimeOffset(2026, 3, 16, 8, 0, 0, Plus7), calendar.StartOfWorkingDay(new DateOnly(2026, 3, 16)));
        var end = calendar.EndOfWorkingDay(new DateOnly(2026, 3, 16));
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 17, 0, 0, Plus7), end);
        Assert.Equal(Plus7, end.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 10, 0, 0, TimeSpan.Zero), end.ToUniversalTime());
    }

    [Fact]
    public void Configured_office_hours_are_used()
    {
        var calendar = new WorkingCalendar(new WorkingCalendarOptions { OfficeDayStart = new(7, 30), OfficeDayEnd = new(16, 30) });

        Assert.Equal(new DateTimeOffset(2026, 3, 16, 7, 30, 0, Plus7), calendar.StartOfWorkingDay(new DateOnly(2026, 3, 16)));
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 16, 30, 0, Plus7), calendar.EndOfWorkingDay(new DateOnly(2026, 3, 16)));
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_a_fixed_plus_7()
    {
        var calendar = new WorkingCalendar(new WorkingCalendarOptions { TimeZoneId = "Nowhere/Not_A_Zone" });

        Assert.Equal(Plus7, calendar.TimeZone.BaseUtcOffset);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 17, 0, 0, Plus7), calendar.EndOfWorkingDay(new DateOnly(2026, 3, 16)));
    }

    [Fact]
    public void Another_zone_is_honoured()
    {
        var calendar = new WorkingCalendar(new WorkingCalendarOptions { TimeZoneId = "Asia/Tokyo" });

        Assert.Equal(TimeSpan.FromHours(9), calendar.EndOfWorkingDay(new DateOnly(2026, 3, 16)).Offset);
    }

    [Fact]
    public void Local_date_of_an_instant_is_the_Vietnam_date()
    {
        var calendar = new WorkingCalendar(new WorkingCalendarOptions());

        // 18:00 UTC on 16/02 is already 01:00 on 17/02 in Hanoi.
        Assert.Equal(new DateOnly(2026, 2, 17), calendar.LocalDate(new DateTimeOffset(2026, 2, 16, 18, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 2, 16), calendar.LocalDate(new DateTimeOffset(2026, 2, 16, 16, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Office_hours_cover_working_days_only()
    {
        var calendar = new WorkingCalendar(new WorkingCalendarOptions());

        Assert.True(calendar.IsWithinOfficeHours(new DateTimeOffset(2026, 2, 13, 8, 0, 0, Plus7)));
        Assert.False(calendar.IsWithinOfficeHours(new DateTimeOffset(2026, 2, 13, 17, 0, 0, Plus7)));
        // 02:00 UTC is 09:00 in Hanoi, but 17/02 is Tết.
        Assert.False(calendar.IsWithinOfficeHours(new DateTimeOffset(2026, 2, 17, 2, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void An_office_day_that_ends_before_it_starts_is_rejected()
    {
        Assert.Throws<ArgumentException>(() =>
            new WorkingCalendar(new WorkingCalendarOptions { OfficeDayStart = new(17, 0), OfficeDayEnd = new(8, 0) }));
    }
}
