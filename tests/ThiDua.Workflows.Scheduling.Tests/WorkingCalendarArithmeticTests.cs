using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Scheduling.Tests;

public class WorkingCalendarArithmeticTests
{
    private readonly WorkingCalendar _calendar = new(new WorkingCalendarOptions());

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Twenty_working_days_after_Monday_9_February_2026_skip_Tet()
    {
        // Counting after Mon 09/02: Tue 10–Fri 13 = 4; Sat 14–Sun 22 off (weekend, Tết 16–20, weekend);
        // Mon 23–Fri 27 = 9; Mon 02/03–Fri 06/03 = 14; Mon 09/03–Fri 13/03 = 19; Mon 16/03 = 20.
        Assert.Equal(D(2026, 3, 16), _calendar.AddWorkingDays(D(2026, 2, 9), 20));
        // Without Tết it would have been Mon 09/03: the five Tết days push it a week.
        Assert.Equal(D(2026, 2, 13), _calendar.AddWorkingDays(D(2026, 2, 9), 4));
        Assert.Equal(D(2026, 2, 23), _calendar.AddWorkingDays(D(2026, 2, 9), 5));
    }

    [Fact]
    public void Negative_days_count_backwards_over_Tet()
    {
        Assert.Equal(D(2026, 2, 13), _calendar.AddWorkingDays(D(2026, 2, 23), -1));
        Assert.Equal(D(2026, 2, 9), _calendar.AddWorkingDays(D(2026, 3, 16), -20));
        // From a day off, one back is the last working day before it.
        Assert.Equal(D(2026, 2, 13), _calendar.AddWorkingDays(D(2026, 2, 18), -1));
    }

    [Fact]
    public void Zero_days_gives_the_start_or_the_next_working_day()
    {
        Assert.Equal(D(2026, 2, 13), _calendar.AddWorkingDays(D(2026, 2, 13), 0));
        Assert.Equal(D(2026, 2, 23), _calendar.AddWorkingDays(D(2026, 2, 14), 0));
        Assert.Equal(D(2026, 2, 23), _calendar.AddWorkingDays(D(2026, 2, 17), 0));
    }

    [Fact]
    public void Working_days_between_dates_across_Tet()
    {
        // After Fri 13/02 up to Fri 27/02: only 23–27 work.
        Assert.Equal(5, _calendar.WorkingDaysBetween(D(2026, 2, 13), D(2026, 2, 27)));
        Assert.Equal(-5, _calendar.WorkingDaysBetween(D(2026, 2, 27), D(2026, 2, 13)));
        Assert.Equal(0, _calendar.WorkingDaysBetween(D(2026, 2, 13), D(2026, 2, 22)));
        Assert.Equal(0, _calendar.WorkingDaysBetween(D(2026, 2, 13), D(2026, 2, 13)));
        Assert.Equal(20, _calendar.WorkingDaysBetween(D(2026, 2, 9), D(2026, 3, 16)));
    }

    [Fact]
    public void Adding_and_counting_agree_over_a_year()
    {
        var start = D(2026, 12, 15);
        for (var n = -300; n <= 300; n += 7)
        {
            var end = _calendar.AddWorkingDays(start, n);
            Assert.Equal(n, _calendar.WorkingDaysBetween(start, end));
            Assert.True(_calendar.IsWorkingDay(end) || n == 0 && !_calendar.IsWorkingDay(start), $"{end} is not a working day");
        }
    }
}
