namespace ThiDua.Workflows.Scheduling.Calendar;

/// <summary>
/// The days off that the law itself gives in a year, before any government adjustment: Labor Code 2019 Art. 112(1)
/// holidays and the Art. 111(3) compensation days, for a Saturday–Sunday week (civil servants' week).
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>The year's statutory holidays and compensation days, in date order.</summary>
    /// <param name="year">Gregorian year; every holiday of a Gregorian year's rules falls inside it.</param>
    /// <param name="nationalDayAdjacent">The day paired with 2/9, or <c>null</c> for <see cref="DefaultNationalDayAdjacent"/>.</param>
    public static IReadOnlyList<PublicHoliday> For(int year, NationalDayAdjacent? nationalDayAdjacent = null)
    {
        var holidays = new SortedDictionary<DateOnly, PublicHoliday>();
        void Add(DateOnly date, string name)
        {
            // Two holidays on one date give one day off: the law grants nothing more (Giỗ Tổ on 30/4: only 1947 in range).
            holidays.TryAdd(date, new PublicHoliday(date, name, HolidayKind.Statutory));
        }

        Add(new DateOnly(year, 1, 1), HolidayNames.NewYear);

        // Tết: the last day of the old lunar year and the first four of the new one (Art. 112(1)(b)).
        var tet = LunarCalendar.ToSolar(1, 1, year);
        for (var i = -1; i <= 3; i++)
            Add(tet.AddDays(i), HolidayNames.LunarNewYear);

        Add(LunarCalendar.ToSolar(10, 3, year), HolidayNames.HungKings);
        Add(new DateOnly(year, 4, 30), HolidayNames.Victory);
        Add(new DateOnly(year, 5, 1), HolidayNames.Labour);

        var nationalDay = new DateOnly(year, 9, 2);
        Add(nationalDay, HolidayNames.NationalDay);
        var adjacent = nationalDayAdjacent ?? DefaultNationalDayAdjacent(year);
        Add(nationalDay.AddDays(adjacent == NationalDayAdjacent.Before ? -1 : 1), HolidayNames.NationalDay);

        AddCompensation(holidays);
        return [.. holidays.Values];
    }

    /// <summary>
    /// The day paired with 2/9 when the year has no decision: the day before when 2/9 is a Tuesday or Wednesday
    /// (it joins the Monday or the weekend side of the week), otherwise the day after.
    /// </summary>
    public static NationalDayAdjacent DefaultNationalDayAdjacent(int year) =>
        new DateOnly(year, 9, 2).DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Wednesday
            ? NationalDayAdjacent.Before
            : NationalDayAdjacent.After;

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>
    /// Art. 111(3): a holiday on a weekly rest day is made up on the next working day. Holidays and weekends that
    /// touch form one block; the block's weekend holidays are made up on the first free weekdays after it, so a
    /// weekend inside Tết pushes the days to after Tết rather than onto another Tết day.
    /// </summary>
    private static void AddCompensation(SortedDictionary<DateOnly, PublicHoliday> holidays)
    {
        var statutory = holidays.Keys.ToList();
        var compensation = new List<DateOnly>();
        var i = 0;
        while (i < statutory.Count)
        {
            // Walk the block: from this holiday, over following holidays and weekend days.
            var owed = 0;
            var day = statutory[i];
            while (holidays.ContainsKey(day) || IsWeekend(day))
            {
                if (holidays.ContainsKey(day) && IsWeekend(day))
                    owed++;
                day = day.AddDays(1);
            }

            while (i < statutory.Count && statutory[i] < day)
                i++;

            for (; owed > 0; day = day.AddDays(1))
            {
                if (IsWeekend(day) || holidays.ContainsKey(day) || compensation.Contains(day))
                    continue;
                compensation.Add(day);
                owed--;
            }
        }

        foreach (var day in compensation)
            holidays.Add(day, new PublicHoliday(day, HolidayNames.Compensation, HolidayKind.Compensation));
    }
}
