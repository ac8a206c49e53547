namespace ThiDua.Workflows.Scheduling.Calendar;

/// <summary>
/// The Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7.
/// </summary>
/// <remarks>
/// A lunar month starts on the local day of a new moon. Month 11 is the month that contains the winter solstice;
/// when two consecutive month-11s are 13 months apart, the first month after month 11 with no major solar term
/// (no crossing of a 30° step of the sun's longitude) is the leap month and repeats the previous month's number.
/// Vietnam has used UTC+7 since 1968 while China uses UTC+8, so a new moon or solstice close to midnight can fall
/// on different days and shift a whole month (Tết 1985, 2007).
/// New moons and the sun's longitude use the classic low-precision series of Meeus' <i>Astronomical Algorithms</i>,
/// the ones the published Vietnamese tables are built from. Checked against a precise ephemeris, every month start
/// from 1939 to 2071 agrees; later, a few new moons within minutes of midnight land a day off (first: 2072-12).
/// </remarks>
public static class LunarCalendar
{
    /// <summary>First lunar year this approximation is trusted for.</summary>
    public const int MinYear = 1900;

    /// <summary>Last lunar year this approximation is trusted for.</summary>
    public const int MaxYear = 2199;

    private const double VietnamUtcOffsetHours = 7.0;

    private const double SynodicMonth = 29.530588853;

    /// <summary>Julian date of new moon number 0 of the series (1900-01-01 13:51 UT).</summary>
    private const double NewMoonEpoch = 2415021.076998695;

    /// <summary>Julian day number minus <see cref="DateOnly.DayNumber"/> (JDN of 0001-01-01 is 1721426).</summary>
    private const int JulianDayOffset = 1721426;

    private const double Degrees = Math.PI / 180.0;

    /// <summary>The Gregorian date of a Vietnamese lunar date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="MinYear"/>–<see cref="MaxYear"/>, the month is not 1–12, or the day is past the month's 29 or 30 days.</exception>
    /// <exception cref="ArgumentException"><paramref name="isLeapMonth"/> is set but that month is not the leap month of that year.</exception>
    public static DateOnly ToSolar(int day, int month, int year, bool isLeapMonth = false) =>
        ToSolar(day, month, year, isLeapMonth, VietnamUtcOffsetHours);

    /// <summary>The Vietnamese lunar date of a Gregorian date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date's year is outside <see cref="MinYear"/>–<see cref="MaxYear"/>.</exception>
    public static (int Day, int Month, int Year, bool IsLeap) FromSolar(DateOnly date) =>
        FromSolar(date, VietnamUtcOffsetHours);

    /// <summary>Same as the public overload, for any time zone (UTC+8 gives the Chinese calendar; tests use it).</summary>
    internal static DateOnly ToSolar(int day, int month, int year, bool isLeapMonth, double utcOffsetHours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);

        // Months 11 and 12 of lunar year Y follow the month 11 of Gregorian year Y; months 1–10 follow the one of Y-1.
        var anchorYear = month >= 11 ? year : year - 1;
        var anchor = Month11Start(anchorYear, utcOffsetHours);
        var nextAnchor = Month11Start(anchorYear + 1, utcOffsetHours);

        // Position of the month counted from month 11 (0), ignoring any leap month.
        var index = month >= 11 ? month - 11 : month + 1;
        var offset = index;
        if (nextAnchor - anchor > 365)
        {
            var leapOffset = LeapMonthOffset(anchor, utcOffsetHours);
            if (isLeapMonth && index != leapOffset - 1)
                throw new ArgumentException($"Lunar year {year} has no leap month {month}.", nameof(isLeapMonth));
            if (isLeapMonth || index >= leapOffset)
                offset++;
        }
        else if (isLeapMonth)
        {
            throw new ArgumentException($"Lunar year {year} has no leap month.", nameof(isLeapMonth));
        }

        var k = NewMoonIndex(anchor) + offset;
        var start = NewMoonDay(k, utcOffsetHours);
        var length = NewMoonDay(k + 1, utcOffsetHours) - start;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, length);
        return FromJulianDay(start + day - 1);
    }

    /// <summary>Same as the public overload, for any time zone.</summary>
    internal static (int Day, int Month, int Year, bool IsLeap) FromSolar(DateOnly date, double utcOffsetHours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(date.Year, MinYear, nameof(date));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(date.Year, MaxYear, nameof(date));

        var jdn = ToJulianDay(date);
        // The mean-lunation estimate can be one off, as true new moons wander about ±14 h from the mean.
        var k = (int)Math.Floor((jdn - NewMoonEpoch) / SynodicMonth);
        while (NewMoonDay(k + 1, utcOffsetHours) <= jdn)
            k++;
        while (NewMoonDay(k, utcOffsetHours) > jdn)
            k--;
        var monthStart = NewMoonDay(k, utcOffsetHours);

        var anchorYear = date.Year;
        var anchor = Month11Start(anchorYear, utcOffsetHours);
        if (anchor > monthStart)
            anchor = Month11Start(--anchorYear, utcOffsetHours);
        var nextAnchor = Month11Start(anchorYear + 1, utcOffsetHours);

        var offset = k - NewMoonIndex(anchor);
        var index = offset;
        var isLeap = false;
        if (nextAnchor - anchor > 365)
        {
            var leapOffset = LeapMonthOffset(anchor, utcOffsetHours);
            if (offset >= leapOffset)
            {
                index = offset - 1;
                isLeap = offset == leapOffset;
            }
        }

        // Index 0 and 1 are months 11 and 12 of the anchor's year; from index 2 on, months 1.. of the next year.
        var month = index < 2 ? index + 11 : index - 1;
        var year = index < 2 ? anchorYear : anchorYear + 1;
        return (jdn - monthStart + 1, month, year, isLeap);
    }

    /// <summary>Julian day number of the first day of the lunar month 11 that contains the winter solstice of <paramref name="gregorianYear"/>.</summary>
    private static int Month11Start(int gregorianYear, double utcOffsetHours)
    {
        // The last new moon before 31 December either starts month 11 or, if the solstice (270°) has already passed
        // at its start, starts month 12 — then month 11 began one lunation earlier.
        var lastDay = ToJulianDay(new DateOnly(gregorianYear, 12, 31));
        var k = (int)Math.Floor((lastDay - NewMoonEpoch) / SynodicMonth);
        var start = NewMoonDay(k, utcOffsetHours);
        return SunSector(start, utcOffsetHours) >= 9 ? NewMoonDay(k - 1, utcOffsetHours) : start;
    }

    /// <summary>How many lunations after month 11 the leap month starts, in a 13-month span.</summary>
    private static int LeapMonthOffset(int month11Start, double utcOffsetHours)
    {
        // A month with no major solar term starts and ends in the same 30° sector of the sun's longitude.
        var k = NewMoonIndex(month11Start);
        var sector = SunSector(NewMoonDay(k + 1, utcOffsetHours), utcOffsetHours);
        for (var i = 1; i < 13; i++)
        {
            var next = SunSector(NewMoonDay(k + i + 1, utcOffsetHours), utcOffsetHours);
            if (next == sector)
                return i;
            sector = next;
        }

        // 13 months always hold a month without a major term; reaching here means the series has drifted.
        throw new InvalidOperationException("No leap month found in a 13-month lunar year.");
    }

    /// <summary>Index in the new-moon series of the new moon that starts on <paramref name="julianDay"/>.</summary>
    private static int NewMoonIndex(int julianDay) =>
        (int)Math.Floor((julianDay - NewMoonEpoch) / SynodicMonth + 0.5);

    /// <summary>Local Julian day number of new moon number <paramref name="k"/>.</summary>
    private static int NewMoonDay(int k, double utcOffsetHours) =>
        (int)Math.Floor(NewMoon(k) + 0.5 + utcOffsetHours / 24.0);

    /// <summary>Which 30° sector (0–11) the sun's longitude is in at local midnight starting the given day.</summary>
    private static int SunSector(int julianDay, double utcOffsetHours) =>
        (int)Math.Floor(SunLongitude(julianDay - 0.5 - utcOffsetHours / 24.0) / Math.PI * 6.0);

    /// <summary>Julian date (UT) of the k-th new moon after the one of 1900-01-01, by Meeus' series.</summary>
    private static double NewMoon(int k)
    {
        var t = k / 1236.85; // Julian centuries since 1900
        var t2 = t * t;
        var t3 = t2 * t;

        var mean = 2415020.75933 + SynodicMonth * k + 0.0001178 * t2 - 0.000000155 * t3
            + 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * Degrees);
        var sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * Degrees;
        var moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * Degrees;
        var moonLatitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * Degrees;

        // Periodic terms: the largest corrections to the mean lunation.
        var correction =
            (0.1734 - 0.000393 * t) * Math.Sin(sunAnomaly)
            + 0.0021 * Math.Sin(2 * sunAnomaly)
            - 0.4068 * Math.Sin(moonAnomaly)
            + 0.0161 * Math.Sin(2 * moonAnomaly)
            - 0.0004 * Math.Sin(3 * moonAnomaly)
            + 0.0104 * Math.Sin(2 * moonLatitude)
            - 0.0051 * Math.Sin(sunAnomaly + moonAnomaly)
            - 0.0074 * Math.Sin(sunAnomaly - moonAnomaly)
            + 0.0004 * Math.Sin(2 * moonLatitude + sunAnomaly)
            - 0.0004 * Math.Sin(2 * moonLatitude - sunAnomaly)
            - 0.0006 * Math.Sin(2 * moonLatitude + moonAnomaly)
            + 0.0010 * Math.Sin(2 * moonLatitude - moonAnomaly)
            + 0.0005 * Math.Sin(2 * moonAnomaly + sunAnomaly);

        // ΔT (TT − UT) in days: the series gives dynamical time, calendars need universal time.
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;

        return mean + correction - deltaT;
    }

    /// <summary>The sun's apparent longitude in radians, 0 to 2π, at a Julian date (UT).</summary>
    private static double SunLongitude(double julianDate)
    {
        var t = (julianDate - 2451545.0) / 36525.0; // Julian centuries since J2000
        var t2 = t * t;

        var meanAnomaly = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t2 * t) * Degrees;
        var meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var centre = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(meanAnomaly)
            + (0.019993 - 0.000101 * t) * Math.Sin(2 * meanAnomaly)
            + 0.000290 * Math.Sin(3 * meanAnomaly);

        var longitude = (meanLongitude + centre) * Degrees;
        longitude -= 2 * Math.PI * Math.Floor(longitude / (2 * Math.PI));
        return longitude;
    }

    private static int ToJulianDay(DateOnly date) => date.DayNumber + JulianDayOffset;

    private static DateOnly FromJulianDay(int julianDay) => DateOnly.FromDayNumber(julianDay - JulianDayOffset);
}
