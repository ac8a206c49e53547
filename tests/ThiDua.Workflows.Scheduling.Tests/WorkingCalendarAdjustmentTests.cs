using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Scheduling.Tests;

public class WorkingCalendarAdjustmentTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static WorkingCalendar With(int year, YearAdjustments adjustments) =>
        new(new WorkingCalendarOptions { Years = { [year] = adjustments } });

    [Fact]
    public void Make_up_Saturday_and_extra_day_off_swap_a_bridge_day()
    {
        // Fri 02/01/2026 off as a bridge after New Year, paid back by working Sat 10/01.
        var plain = new WorkingCalendar(new WorkingCalendarOptions());
        var swapped = With(2026, new YearAdjustments
        {
            ExtraDaysOff = [D(2026, 1, 2)],
            MakeUpWorkingDays = [D(2026, 1, 10)],
        });

        Assert.True(plain.IsWorkingDay(D(2026, 1, 2)));
        Assert.False(swapped.IsWorkingDay(D(2026, 1, 2)));
        Assert.Equal(HolidayKind.Additional, swapped.HolidayOn(D(2026, 1, 2))?.Kind);
        Assert.False(plain.IsWorkingDay(D(2026, 1, 10)));
        Assert.True(swapped.IsWorkingDay(D(2026, 1, 10)));

        // From Wed 31/12/2025, one working day: Fri 02/01 normally, Mon 05/01 with the bridge.
        Assert.Equal(D(2026, 1, 2), plain.AddWorkingDays(D(2025, 12, 31), 1));
        Assert.Equal(D(2026, 1, 5), swapped.AddWorkingDays(D(2025, 12, 31), 1));
        // From Thu 08/01, two working days: Mon 12/01 normally, the make-up Saturday 10/01 with the swap.
        Assert.Equal(D(2026, 1, 12), plain.AddWorkingDays(D(2026, 1, 8), 2));
        Assert.Equal(D(2026, 1, 10), swapped.AddWorkingDays(D(2026, 1, 8), 2));
        // A swap keeps the number of working days over the fortnight.
        Assert.Equal(11, plain.WorkingDaysBetween(D(2025, 12, 31), D(2026, 1, 16)));
        Assert.Equal(11, swapped.WorkingDaysBetween(D(2025, 12, 31), D(2026, 1, 16)));
    }

    [Fact]
    public void Not_days_off_cancels_a_computed_compensation_day()
    {
        var calendar = With(2026, new YearAdjustments { NotDaysOff = [D(2026, 4, 27)] });

        Assert.True(calendar.IsWorkingDay(D(2026, 4, 27)));
        Assert.False(calendar.IsPublicHoliday(D(2026, 4, 27)));
        Assert.DoesNotContain(calendar.HolidaysOf(2026), h => h.Date == D(2026, 4, 27));
        // The holiday itself stays.
        Assert.True(calendar.IsPublicHoliday(D(2026, 4, 26)));
    }

    [Fact]
    public void Make_up_day_wins_over_a_computed_holiday()
    {
        var calendar = With(2027, new YearAdjustments { MakeUpWorkingDays = [D(2027, 2, 11)] });

        Assert.True(calendar.IsWorkingDay(D(2027, 2, 11)));
        Assert.False(calendar.IsPublicHoliday(D(2027, 2, 11)));
        Assert.False(calendar.IsWorkingDay(D(2027, 2, 10)));
    }

    [Fact]
    public void National_day_override_After_moves_the_adjacent_day()
    {
        var calendar = With(2026, new YearAdjustments { NationalDayAdjacent = NationalDayAdjacent.After });

        Assert.True(calendar.IsWorkingDay(D(2026, 9, 1)));
        Assert.False(calendar.IsWorkingDay(D(2026, 9, 2)));
        Assert.Equal(HolidayNames.NationalDay, calendar.HolidayOn(D(2026, 9, 3))?.Name);
        // Another year keeps the default rule.
        Assert.Equal(HolidayNames.NationalDay, calendar.HolidayOn(D(2025, 9, 1))?.Name);
    }

    [Fact]
    public void Adjustments_apply_on_their_date_whatever_year_key_holds_them()
    {
        // The decision for New Year 2026 lists 31/12/2025 under 2026.
        var calendar = With(2026, new YearAdjustments { ExtraDaysOff = [D(2025, 12, 31)] });

        Assert.False(calendar.IsWorkingDay(D(2025, 12, 31)));
        Assert.Contains(calendar.HolidaysOf(2025), h => h.Date == D(2025, 12, 31) && h.Name == HolidayNames.Additional);
    }

    [Fact]
    public void Later_changes_to_the_options_do_not_reach_the_calendar()
    {
        var options = new WorkingCalendarOptions();
        var calendar = new WorkingCalendar(options);
        options.Years[2026] = new YearAdjustments { ExtraDaysOff = [D(2026, 1, 2)] };

        Assert.True(calendar.IsWorkingDay(D(2026, 1, 2)));
    }
}
