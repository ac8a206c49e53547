using System.Globalization;

namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>
/// The signature's form and title lines (ND 30/2020 Art. 13 and Appendix I): the head signs with the title alone; a
/// deputy signs on the head's behalf ("KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH"); an acting head signs "Q. CHỦ TỊCH"; a
/// collective body's document adds "TM." with the body's name above.
/// </summary>
public static class Signatures
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <param name="signingTitle">The signer's title ("Chủ tịch", "Phó Chủ tịch", "Quyền Chủ tịch"); none means the head.</param>
    /// <param name="onBehalfOf">The collective body signed for (TM.), e.g. "Ủy ban nhân dân"; none for the chair's own documents.</param>
    /// <param name="head">The head's title the deputy signs for.</param>
    public static string Lines(string? signingTitle, string? onBehalfOf = null, string head = "Chủ tịch")
    {
        var title = string.IsNullOrWhiteSpace(signingTitle) ? head : signingTitle.Trim();
        var upperHead = head.ToUpper(Vietnamese);
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(onBehalfOf)) lines.Add("TM. " + onBehalfOf.ToUpper(Vietnamese));
        if (title.Equals(head, StringComparison.OrdinalIgnoreCase)) lines.Add(upperHead);
        else if (title.StartsWith("Quyền ", StringComparison.OrdinalIgnoreCase)) lines.Add("Q. " + upperHead);
        else if (title.StartsWith("Phó ", StringComparison.OrdinalIgnoreCase)) lines.AddRange(["KT. " + upperHead, title.ToUpper(Vietnamese)]);
        else lines.Add(title.ToUpper(Vietnamese));
        return string.Join('\n', lines);
    }
}
