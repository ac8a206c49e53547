using System.Globalization;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Scheduling.Tests;

public class LunarCalendarTests
{
    [Theory]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    public void Tet_falls_on_the_published_date(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), LunarCalendar.ToSolar(1, 1, year));
        Assert.Equal((1, 1, year, false), LunarCalendar.FromSolar(DateOnly.Parse(expected, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Hung_Kings_day_falls_on_the_published_date(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), LunarCalendar.ToSolar(10, 3, year));
        Assert.Equal((10, 3, year, false), LunarCalendar.FromSolar(DateOnly.Parse(expected, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Last_day_of_At_Ty_is_the_29th_of_the_twelfth_month()
    {
        Assert.Equal((29, 12, 2025, false), LunarCalendar.FromSolar(new DateOnly(2026, 2, 16)));
        Assert.Equal(new DateOnly(2026, 2, 16), LunarCalendar.ToSolar(29, 12, 2025));
        // That month has only 29 days.
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.ToSolar(30, 12, 2025));
    }

    [Fact]
    public void Tet_1985_is_a_month_earlier_in_Vietnam_than_in_China()
    {
        Assert.Equal(new DateOnly(1985, 1, 21), LunarCalendar.ToSolar(1, 1, 1985));
        // The same algorithm at UTC+8 gives the Chinese date: the difference is only the time zone.
        Assert.Equal(new DateOnly(1985, 2, 20), LunarCalendar.ToSolar(1, 1, 1985, false, 8.0));
        // In Vietnam that Chinese Tết is the first day of the second month.
        Assert.Equal((1, 2, 1985, false), LunarCalendar.FromSolar(new DateOnly(1985, 2, 20)));
    }

    [Fact]
    public void Tet_2030_is_a_day_earlier_in_Vietnam_than_in_China()
    {
        // The new moon comes on 2 February 2030 at 16:08 UTC: 23:08 in Hanoi, 00:08 on the 3rd in Beijing.
        // 2030-02-03, often quoted, is the Chinese date.
        Assert.Equal(new DateOnly(2030, 2, 2), LunarCalendar.ToSolar(1, 1, 2030));
        Assert.Equal(new DateOnly(2030, 2, 3), LunarCalendar.ToSolar(1, 1, 2030, false, 8.0));
        Assert.Equal((1, 1, 2030, false), LunarCalendar.FromSolar(new DateOnly(2030, 2, 2)));
    }

    [Fact]
    public void Tet_2020_to_2050_matches_a_precise_ephemeris()
    {
        // Independently computed from precise new moons and solar terms (VSOP87/ELP-based ephemeris) at UTC+7.
        string[] expected =
        [
            "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29", "2026-02-17",
            "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-02", "2031-01-23", "2032-02-11", "2033-01-31",
            "2034-02-19", "2035-02-08", "2036-01-28", "2037-02-15", "2038-02-04", "2039-01-24", "2040-02-12",
            "2041-02-01", "2042-01-22", "2043-02-10", "2044-01-30", "2045-02-17", "2046-02-06", "2047-01-26",
            "2048-02-14", "2049-02-02", "2050-01-23",
        ];
        Assert.Equal(expected, Enumerable.Range(2020, 31).Select(y => LunarCalendar.ToSolar(1, 1, y).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2020-05-23", 4, 2020)]
    [InlineData("2023-03-22", 2, 2023)]
    [InlineData("2033-12-22", 11, 2033)] // a leap 11th month, in the solstice month's neighbourhood
    public void Leap_months_start_where_the_ephemeris_puts_them(string start, int month, int year)
    {
        Assert.Equal(DateOnly.Parse(start, CultureInfo.InvariantCulture), LunarCalendar.ToSolar(1, month, year, isLeapMonth: true));
        Assert.Equal((1, month, year, true), LunarCalendar.FromSolar(DateOnly.Parse(start, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Tet_2007_is_a_day_earlier_in_Vietnam_than_in_China()
    {
        // The new moon came at 23:14 in Hanoi and 00:14 in Beijing.
        Assert.Equal(new DateOnly(2007, 2, 17), LunarCalendar.ToSolar(1, 1, 2007));
        Assert.Equal(new DateOnly(2007, 2, 18), LunarCalendar.ToSolar(1, 1, 2007, false, 8.0));
    }

    [Fact]
    public void Leap_sixth_month_of_2025_follows_the_ordinary_one()
    {
        Assert.Equal(new DateOnly(2025, 6, 25), LunarCalendar.ToSolar(1, 6, 2025));
        Assert.Equal(new DateOnly(2025, 7, 25), LunarCalendar.ToSolar(1, 6, 2025, isLeapMonth: true));
        Assert.Equal((1, 6, 2025, true), LunarCalendar.FromSolar(new DateOnly(2025, 7, 25)));
        Assert.Equal((1, 7, 2025, false), LunarCalendar.FromSolar(new DateOnly(2025, 8, 23)));
    }

    [Fact]
    public void A_leap_month_the_year_does_not_have_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LunarCalendar.ToSolar(1, 5, 2025, isLeapMonth: true));
        Assert.Throws<ArgumentException>(() => LunarCalendar.ToSolar(1, 1, 2026, isLeapMonth: true));
    }

    [Fact]
    public void Every_day_from_1950_to_2100_round_trips_and_lunar_days_run_on()
    {
        // Consecutive solar days must give consecutive lunar days, months of 29 or 30 days, and 12 or 13 months a year.
        var previous = LunarCalendar.FromSolar(new DateOnly(1950, 1, 1));
        var monthsInYear = 0;
        for (var date = new DateOnly(1950, 1, 2); date.Year <= 2100; date = date.AddDays(1))
        {
            var lunar = LunarCalendar.FromSolar(date);
            Assert.Equal(date, LunarCalendar.ToSolar(lunar.Day, lunar.Month, lunar.Year, lunar.IsLeap));
            if (lunar.Day == 1)
            {
                Assert.Contains(previous.Day, new[] { 29, 30 });
                if (lunar.IsLeap)
                    Assert.Equal((previous.Month, false), (lunar.Month, previous.IsLeap));
                else
                    Assert.Equal(previous.Month % 12 + 1, lunar.Month);
                monthsInYear++;
                if (lunar.Month == 1 && !lunar.IsLeap)
                {
                    Assert.Equal(previous.Year + 1, lunar.Year);
                    if (lunar.Year > 1950)
                        Assert.Contains(monthsInYear, new[] { 12, 13 });
                    monthsInYear = 0;
                }
            }
            else
            {
                Assert.Equal((previous.Day + 1, previous.Month, previous.Year, previous.IsLeap), lunar);
            }

            previous = lunar;
        }
    }

    [Fact]
    public void Years_outside_the_trusted_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.ToSolar(1, 1, 1899));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.FromSolar(new DateOnly(2200, 1, 1)));
    }
}
