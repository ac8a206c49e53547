namespace ThiDua.Workflows.Scheduling.Calendar;

/// <summary>
/// The second day off of Quốc khánh: Labor Code 2019 Art. 112(1)(đ) gives 2/9 plus one day right before or after it,
/// chosen by the Prime Minister each year. Binds from the strings "Before" and "After".
/// </summary>
public enum NationalDayAdjacent
{
    /// <summary>1 September.</summary>
    Before,

    /// <summary>3 September.</summary>
    After,
}
