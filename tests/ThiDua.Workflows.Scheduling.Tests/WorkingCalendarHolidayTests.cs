using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Scheduling.Tests;

public class WorkingCalendarHolidayTests
{
    private readonly WorkingCalendar _calendar = new(new WorkingCalendarOptions());

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Tet_2026_is_the_29th_of_Chap_and_the_first_four_days_then_a_weekend()
    {
        for (var day = D(2026, 2, 16); day <= D(2026, 2, 20); day = day.AddDays(1))
        {
            Assert.True(_calendar.IsPublicHoliday(day), $"{day} should be Tết");
            Assert.False(_calendar.IsWorkingDay(day));
            Assert.Equal(HolidayNames.LunarNewYear, _calendar.HolidayOn(day)?.Name);
        }

        Assert.False(_calendar.IsWorkingDay(D(2026, 2, 21)));
        Assert.False(_calendar.IsWorkingDay(D(2026, 2, 22)));
        // A plain weekend is not a holiday, and Tết 2026 has no weekend day to make up.
        Assert.False(_calendar.IsPublicHoliday(D(2026, 2, 21)));
        Assert.True(_calendar.IsWorkingDay(D(2026, 2, 13)));
        Assert.True(_calendar.IsWorkingDay(D(2026, 2, 23)));
    }

    [Fact]
    public void Tet_2027_weekend_days_are_made_up_after_Tet()
    {
        // 05 Fri (last day of Bính Ngọ), 06 Sat, 07 Sun, 08 Mon, 09 Tue; Sat and Sun are owed back.
        var tet = _calendar.HolidaysOf(2027).Where(h => h.Date.Month == 2).ToList();
        Assert.Equal(
            [
                (D(2027, 2, 5), HolidayNames.LunarNewYear), (D(2027, 2, 6), HolidayNames.LunarNewYear),
                (D(2027, 2, 7), HolidayNames.LunarNewYear), (D(2027, 2, 8), HolidayNames.LunarNewYear),
                (D(2027, 2, 9), HolidayNames.LunarNewYear),
                (D(2027, 2, 10), HolidayNames.Compensation), (D(2027, 2, 11), HolidayNames.Compensation),
            ],
            tet.Select(h => (h.Date, h.Name)));
        Assert.Equal(HolidayKind.Compensation, _calendar.HolidayOn(D(2027, 2, 10))?.Kind);
        Assert.False(_calendar.IsWorkingDay(D(2027, 2, 11)));
        Assert.True(_calendar.IsWorkingDay(D(2027, 2, 12)));
        Assert.True(_calendar.IsWorkingDay(D(2027, 2, 4)));
    }

    [Fact]
    public void Victory_and_Labour_days_2026_are_Thursday_and_Friday()
    {
        Assert.Equal(HolidayNames.Victory, _calendar.HolidayOn(D(2026, 4, 30))?.Name);
        Assert.Equal(HolidayNames.Labour, _calendar.HolidayOn(D(2026, 5, 1))?.Name);
        Assert.True(_calendar.IsWorkingDay(D(2026, 4, 29)));
        Assert.True(_calendar.IsWorkingDay(D(2026, 5, 4)));
    }

    [Fact]
    public void Labour_day_2027_on_a_Saturday_is_made_up_on_Monday()
    {
        Assert.Equal(HolidayNames.Compensation, _calendar.HolidayOn(D(2027, 5, 3))?.Name);
        Assert.True(_calendar.IsWorkingDay(D(2027, 5, 4)));
    }

    [Fact]
    public void National_day_2026_on_a_Wednesday_takes_the_Tuesday_before()
    {
        Assert.Equal(HolidayNames.NationalDay, _calendar.HolidayOn(D(2026, 9, 1))?.Name);
        Assert.Equal(HolidayNames.NationalDay, _calendar.HolidayOn(D(2026, 9, 2))?.Name);
        Assert.True(_calendar.IsWorkingDay(D(2026, 9, 3)));
        Assert.True(_calendar.IsWorkingDay(D(2026, 8, 31)));
    }

    [Theory]
    [InlineData(2024, 3)] // Monday: the Tuesday after
    [InlineData(2025, 1)] // Tuesday: the Monday before
    [InlineData(2027, 3)] // Thursday: the Friday after
    public void National_day_default_rule_picks_the_adjacent_day_by_weekday(int year, int expectedDay)
    {
        var nationalDays = _calendar.HolidaysOf(year).Where(h => h.Name == HolidayNames.NationalDay).Select(h => h.Date.Day);
        Assert.Equal(new[] { Math.Min(2, expectedDay), Math.Max(2, expectedDay) }, nationalDays);
    }

    [Fact]
    public void Hung_Kings_day_2026_on_a_Sunday_is_made_up_on_Monday()
    {
        Assert.Equal(HolidayNames.HungKings, _calendar.HolidayOn(D(2026, 4, 26))?.Name);
        Assert.Equal(HolidayNames.Compensation, _calendar.HolidayOn(D(2026, 4, 27))?.Name);
        Assert.False(_calendar.IsWorkingDay(D(2026, 4, 27)));
        Assert.True(_calendar.IsWorkingDay(D(2026, 4, 28)));
    }

    [Fact]
    public void Holidays_of_2026_are_listed_in_date_order_with_Vietnamese_names()
    {
        Assert.Equal(
            [
                (D(2026, 1, 1), HolidayNames.NewYear),
                (D(2026, 2, 16), HolidayNames.LunarNewYear), (D(2026, 2, 17), HolidayNames.LunarNewYear),
                (D(2026, 2, 18), HolidayNames.LunarNewYear), (D(2026, 2, 19), HolidayNames.LunarNewYear),
                (D(2026, 2, 20), HolidayNames.LunarNewYear),
                (D(2026, 4, 26), HolidayNames.HungKings), (D(2026, 4, 27), HolidayNames.Compensation),
                (D(2026, 4, 30), HolidayNames.Victory), (D(2026, 5, 1), HolidayNames.Labour),
                (D(2026, 9, 1), HolidayNames.NationalDay), (D(2026, 9, 2), HolidayNames.NationalDay),
            ],
            _calendar.HolidaysOf(2026).Select(h => (h.Date, h.Name)));
        Assert.Equal("Tết Nguyên đán", HolidayNames.LunarNewYear);
        Assert.Equal("Nghỉ bù", HolidayNames.Compensation);
    }

    [Fact]
    public void Weekend_holidays_in_one_block_are_made_up_after_the_block()
    {
        // 2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon; two weekend holidays give Tue 2/5 and Wed 3/5 (five days off in a row).
        Assert.Equal(HolidayNames.HungKings, _calendar.HolidayOn(D(2023, 4, 29))?.Name);
        Assert.Equal(HolidayNames.Compensation, _calendar.HolidayOn(D(2023, 5, 2))?.Name);
        Assert.Equal(HolidayNames.Compensation, _calendar.HolidayOn(D(2023, 5, 3))?.Name);
        Assert.True(_calendar.IsWorkingDay(D(2023, 5, 4)));
        Assert.Equal(1, _calendar.WorkingDaysBetween(D(2023, 4, 28), D(2023, 5, 4)));
    }

    [Fact]
    public void New_year_on_a_Saturday_is_made_up_on_Monday()
    {
        // 1/1/2028 is a Saturday.
        Assert.Equal(HolidayNames.NewYear, _calendar.HolidayOn(D(2028, 1, 1))?.Name);
        Assert.Equal(HolidayNames.Compensation, _calendar.HolidayOn(D(2028, 1, 3))?.Name);
        Assert.True(_calendar.IsWorkingDay(D(2028, 1, 4)));
    }
}
