namespace ThiDua.Workflows.Web.Security;

/// <summary>Names of the access policies that pages and APIs share (the role policies are named after their role).</summary>
public static class Policies
{
    public const string Council = "Council";
    public const string Decisions = "Decisions";
    public const string Propose = "Propose";
    public const string Settings = "Settings";
    public const string Designer = "Designer";

    /// <summary>The register of outgoing documents: the văn thư keeps it, the office reads it.</summary>
    public const string Register = "Register";
}
