using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Web.Presentation;

namespace ThiDua.Workflows.Web.Designer;

/// <summary>A value and what a person reads for it.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>
/// One input of an activity as the properties panel edits it. Kind is the editor (text, multiline, number, workingDays,
/// date, role, choice, list, numbers, bool, duration, datetime, json, outcomes); TypeName is Elsa's <c>typeName</c>
/// written with the input (String, Int32, String[]...).
/// </summary>
public sealed record PaletteInput(
    string Name, string Label, string? Help, string Kind, string TypeName, bool Required, IReadOnlyList<Choice>? Choices, bool Advanced);

/// <summary>
/// One activity type in the palette: the runtime's descriptor with its Vietnamese face. Group is work (Công việc),
/// branch (Rẽ nhánh) or advanced (Nâng cao); OutcomesFrom names the input whose values are the ports (a task's
/// actions, a fork's branches), or "cases" for a switch.
/// </summary>
public sealed record PaletteActivity(
    string Type, string Group, string Label, string? Description, string Icon, string? Category,
    IReadOnlyList<Choice> Outcomes, string? OutcomesFrom, IReadOnlyList<PaletteInput> Inputs, JsonObject? Properties = null);

/// <summary>
/// The palette: every activity the runtime has registered (its descriptor: type, ports, inputs and their CLR types),
/// named in Vietnamese for the office. Types not described here still appear, under "Nâng cao", with their own names.
/// </summary>
public sealed class ActivityCatalog(ActivityRegistry registry)
{
    private static readonly Dictionary<string, (string Group, string Label, string Description, string Icon, int Order)> Faces = new(StringComparer.Ordinal)
    {
        ["ThiDua.UserTask"] = ("work", "Giao việc cho người xử lý", "Chờ một người hoặc một vai trò xử lý, có hạn xử lý, nhắc việc và báo quá hạn.", "✎", 1),
        ["ThiDua.Nominations.AcceptDossier"] = ("work", "Tiếp nhận hồ sơ", "Hồ sơ đầy đủ: bắt đầu tính thời hạn giải quyết theo ngày làm việc.", "⇩", 2),
        ["ThiDua.Nominations.RequestSupplement"] = ("work", "Yêu cầu bổ sung hồ sơ", "Trả hồ sơ để bổ sung; luật cho phép yêu cầu một lần.", "↺", 3),
        ["ThiDua.Nominations.EligibilityHold"] = ("work", "Tạm dừng xét", "Tạm dừng khi đang xem xét kỷ luật, thanh tra, khiếu nại; chờ phòng cho tiếp tục.", "‖", 4),
        ["ThiDua.Nominations.PublicPosting"] = ("work", "Công khai – lấy ý kiến", "Công khai danh sách trong N ngày và nhận ý kiến của Nhân dân.", "☷", 5),
        ["ThiDua.Nominations.CouncilVote"] = ("work", "Họp Hội đồng – biểu quyết", "Chờ phiên họp Hội đồng Thi đua - Khen thưởng bỏ phiếu; thông qua hay không theo tỷ lệ của danh hiệu.", "☑", 6),
        ["ThiDua.Nominations.IssueDecision"] = ("work", "Chủ tịch quyết định", "Quyết định khen thưởng của Chủ tịch UBND xã: số, ký hiệu, sổ khen thưởng, tiền thưởng.", "✍", 7),
        ["ThiDua.Nominations.SubmitToProvince"] = ("work", "Trình cấp trên", "Tờ trình gửi tỉnh (qua Sở Nội vụ); chờ quyết định, nhắc phòng khi quá lâu.", "⇧", 8),
        ["ThiDua.Nominations.SetStatus"] = ("work", "Chuyển trạng thái hồ sơ", "Đặt trạng thái của hồ sơ và ghi vào lịch sử.", "◉", 9),
        ["ThiDua.Nominations.NotifyUnit"] = ("work", "Gửi thông báo cho đơn vị", "Gửi thư cho đơn vị đề nghị: hồ sơ đang ở đâu, số quyết định, ghi chú.", "✉", 10),
        ["Elsa.Delay"] = ("work", "Chờ một khoảng thời gian", "Chờ một khoảng thời gian rồi đi tiếp.", "◔", 11),
        ["Elsa.StartAt"] = ("work", "Chờ đến ngày", "Chờ đến một thời điểm rồi đi tiếp.", "◷", 12),
        ["Elsa.Start"] = ("work", "Bắt đầu", "Nơi quy trình bắt đầu.", "▶", 0),
        ["Elsa.End"] = ("work", "Kết thúc nhánh", "Kết thúc nhánh này của quy trình.", "■", 13),
        ["Elsa.Finish"] = ("work", "Kết thúc quy trình", "Kết thúc cả quy trình, hủy mọi việc đang chờ.", "◼", 14),
        ["Elsa.FlowDecision"] = ("branch", "Quyết định (đúng/sai)", "Rẽ nhánh theo một điều kiện đúng hay sai.", "◆", 20),
        ["Elsa.FlowSwitch"] = ("branch", "Rẽ nhiều nhánh", "Rẽ theo nhiều trường hợp, mỗi trường hợp một điều kiện.", "⋔", 21),
        ["Elsa.FlowFork"] = ("branch", "Song song", "Mở nhiều nhánh chạy cùng lúc.", "⇉", 22),
        ["Elsa.FlowJoin"] = ("branch", "Chờ đủ các nhánh", "Gộp các nhánh song song: chờ tất cả hoặc nhánh đầu tiên.", "⋈", 23),
        ["Elsa.SetVariable"] = ("advanced", "Gán biến", "Lưu một giá trị vào biến của quy trình.", "x", 30),
        ["Elsa.WriteLine"] = ("advanced", "Ghi một dòng", "Ghi một dòng chữ vào nhật ký chạy.", "¶", 31),
        ["Elsa.SetName"] = ("advanced", "Đặt tên phiên chạy", "Đặt tên cho phiên chạy của quy trình.", "T", 32),
        ["Elsa.Correlate"] = ("advanced", "Gắn mã liên kết", "Gắn mã liên kết (correlation id) cho phiên chạy.", "#", 33),
        ["Elsa.Event"] = ("advanced", "Chờ sự kiện", "Chờ một sự kiện có tên.", "⚑", 34),
        ["Elsa.Timer"] = ("advanced", "Hẹn giờ lặp", "Chờ một chu kỳ thời gian.", "↻", 35),
        ["Elsa.Fault"] = ("advanced", "Báo lỗi", "Dừng quy trình với một lỗi.", "⚠", 36),
        ["Elsa.FlowNode"] = ("advanced", "Khối chứa", "Chạy hoạt động nằm trong nó.", "▢", 37),
        ["Elsa.Flowchart"] = ("advanced", "Sơ đồ con", "Một sơ đồ các hoạt động nối với nhau.", "▦", 38),
        ["Elsa.If"] = ("branch", "Nếu… thì… không thì", "Kiểm tra một điều kiện; đi nhánh Đúng hoặc Sai.", "◇", 24),
        ["Elsa.Sequence"] = ("advanced", "Chuỗi bước", "Chạy lần lượt các hoạt động nằm trong nó.", "≡", 40),
        ["Elsa.While"] = ("advanced", "Lặp khi còn đúng", "Chạy phần thân lặp lại khi điều kiện còn đúng.", "⇄", 41),
        ["Elsa.ForEach"] = ("advanced", "Lặp theo danh sách", "Chạy phần thân lần lượt cho từng mục của danh sách.", "⋯", 42),
        ["Elsa.ParallelForEach"] = ("advanced", "Lặp song song theo danh sách", "Chạy phần thân cùng lúc cho mọi mục của danh sách.", "⋰", 43),
        ["Elsa.Break"] = ("advanced", "Thoát vòng lặp", "Dừng vòng lặp đang chứa bước này.", "⇤", 44),
        ["Elsa.SetOutput"] = ("advanced", "Gán kết quả của quy trình", "Đặt một kết quả mà quy trình cha nhận được.", "⇥", 45),
        ["Elsa.Complete"] = ("advanced", "Hoàn thành với kết quả", "Kết thúc quy trình với các kết quả (nhánh ra của bước gọi nó).", "✔", 46),
        ["Elsa.RunJavaScript"] = ("advanced", "Chạy JavaScript", "Chạy một đoạn mã JavaScript; kết quả lưu vào biến, có thể chọn nhánh ra.", "{}", 47),
        ["Elsa.Cron"] = ("advanced", "Lịch định kỳ (cron)", "Chờ tới thời điểm kế tiếp theo biểu thức cron; nếu được đánh dấu khởi động thì chạy quy trình theo lịch.", "◴", 48),
        ["Elsa.HttpEndpoint"] = ("advanced", "Nhận yêu cầu HTTP", "Chờ một yêu cầu HTTP tới /workflows/đường-dẫn.", "⇲", 49),
        ["Elsa.WriteHttpResponse"] = ("advanced", "Trả lời yêu cầu HTTP", "Trả mã trạng thái và nội dung cho yêu cầu HTTP đang chờ.", "⇱", 50),
        ["Elsa.ExecuteWorkflow"] = ("advanced", "Chạy quy trình khác", "Chạy phiên bản đang dùng của một quy trình khác như quy trình con và chờ kết quả.", "▣", 51),
        ["Elsa.DispatchWorkflow"] = ("advanced", "Khởi động quy trình khác", "Khởi động một quy trình khác rồi đi tiếp ngay.", "⇢", 52),
    };

    private static readonly Dictionary<string, (string Label, string Kind, bool Required, bool Advanced)> InputFaces = new(StringComparer.Ordinal)
    {
        ["title"] = ("Việc cần làm", "text", true, false),
        ["summary"] = ("Nội dung chi tiết", "multiline", false, false),
        ["assignee"] = ("Giao cho người dùng", "text", false, true),
        ["role"] = ("Vai trò xử lý", "role", false, false),
        ["unit"] = ("Hoặc đơn vị xử lý", "text", false, true),
        ["actions"] = ("Các lựa chọn (mỗi lựa chọn một nhánh)", "outcomes", true, false),
        ["dueInWorkingDays"] = ("Hạn xử lý (ngày làm việc)", "workingDays", false, false),
        ["dueAt"] = ("Hoặc hạn vào ngày", "date", false, false),
        ["reminders"] = ("Nhắc trước hạn (ngày làm việc, ví dụ 5, 2, 1)", "numbers", false, false),
        ["commentRequiredFor"] = ("Lựa chọn bắt buộc ghi ý kiến", "list", false, false),
        ["verification"] = ("Xác thực khi quyết định qua thư", "choice", false, false),
        ["escalateTo"] = ("Báo quá hạn cho vai trò", "role", false, false),
        ["escalateAfterWorkingDays"] = ("Báo quá hạn sau (ngày làm việc)", "workingDays", false, false),
        ["nomination"] = ("Mã hồ sơ (mặc định: hồ sơ của phiên chạy)", "text", false, true),
        ["status"] = ("Trạng thái", "choice", true, false),
        ["note"] = ("Ghi chú", "multiline", false, false),
        ["timeLimitWorkingDays"] = ("Thời hạn giải quyết (ngày làm việc)", "workingDays", false, false),
        ["reason"] = ("Lý do", "text", false, false),
        ["placedBy"] = ("Người tạm dừng", "text", false, true),
        ["days"] = ("Số ngày công khai (0: không công khai)", "number", false, false),
        ["workingDays"] = ("Tính theo ngày làm việc", "bool", false, false),
        ["signedBy"] = ("Người ký", "text", false, true),
        ["reminderWorkingDays"] = ("Nhắc khi tỉnh chưa quyết định sau (ngày làm việc)", "workingDays", false, false),
        ["text"] = ("Nội dung", "text", true, false),
        ["value"] = ("Giá trị", "text", false, false),
        ["condition"] = ("Điều kiện", "text", true, false),
        ["mode"] = ("Cách gộp", "choice", false, false),
        ["branches"] = ("Các nhánh", "outcomes", true, false),
        ["timeSpan"] = ("Thời gian chờ (giờ:phút:giây)", "duration", true, false),
        ["interval"] = ("Chu kỳ (giờ:phút:giây)", "duration", true, false),
        ["dateTime"] = ("Thời điểm", "datetime", true, false),
        ["eventName"] = ("Tên sự kiện", "text", true, false),
        ["message"] = ("Thông báo lỗi", "text", false, false),
        ["code"] = ("Mã lỗi", "text", false, true),
        ["correlationId"] = ("Mã liên kết", "text", true, false),
        ["items"] = ("Danh sách", "text", true, false),
        ["script"] = ("Mã JavaScript", "multiline", true, false),
        ["outputName"] = ("Tên kết quả", "text", true, false),
        ["outputValue"] = ("Giá trị", "text", false, false),
        ["outcomes"] = ("Các kết quả (nhánh ra)", "list", false, false),
        ["cronExpression"] = ("Biểu thức cron (giờ UTC)", "text", true, false),
        ["path"] = ("Đường dẫn (sau /workflows/)", "text", true, false),
        ["supportedMethods"] = ("Phương thức HTTP", "list", false, false),
        ["authorize"] = ("Chỉ người đã đăng nhập", "bool", false, false),
        ["statusCode"] = ("Mã trạng thái HTTP", "text", false, false),
        ["content"] = ("Nội dung trả lời", "multiline", false, false),
        ["contentType"] = ("Kiểu nội dung", "text", false, true),
        ["responseHeaders"] = ("Tiêu đề HTTP thêm", "text", false, true),
        ["workflowDefinitionId"] = ("Mã quy trình", "text", true, false),
        ["input"] = ("Dữ liệu đầu vào (JSON)", "multiline", false, false),
        ["waitForCompletion"] = ("Chờ quy trình con xong", "bool", false, false),
    };

    private static readonly Dictionary<string, string> OutcomeLabels = new(StringComparer.Ordinal)
    {
        ["Done"] = "Xong",
        ["True"] = "Đúng",
        ["False"] = "Sai",
        ["Passed"] = "Thông qua",
        ["Failed"] = "Không thông qua",
        ["Requested"] = "Đã yêu cầu",
        ["AlreadyRequested"] = "Đã yêu cầu trước đó",
        ["NoObjections"] = "Không có ý kiến",
        ["Objections"] = "Có ý kiến phản ánh",
        ["Decided"] = "Cấp trên đã quyết định",
        ["Returned"] = "Cấp trên trả lại",
        ["Default"] = "Còn lại",
    };

    private IReadOnlyList<PaletteActivity>? _palette;

    /// <summary>Every registered activity type, work first, then branching, then the technical ones.</summary>
    public IReadOnlyList<PaletteActivity> Palette => _palette ??= registry.Descriptors
        .Where(d => d.TypeName is not ("Elsa.Flowchart" or WorkflowDefinitionActivity.TypeName))
        .Select(Describe)
        .OrderBy(a => a.Group switch { "work" => 0, "branch" => 1, _ => 2 })
        .ThenBy(a => Faces.TryGetValue(a.Type, out var f) ? f.Order : 100)
        .ThenBy(a => a.Label, StringComparer.Ordinal)
        .ToList();

    public PaletteActivity? Find(string type) => Palette.FirstOrDefault(a => a.Type == type);

    /// <summary>
    /// Published workflows marked usable as an activity (<c>options.usableAsActivity</c>): each appears as a step named
    /// as Elsa names it, with the workflow's inputs and outcomes; a new node carries the definition and version it runs.
    /// </summary>
    public static async Task<IReadOnlyList<PaletteActivity>> SubWorkflowsAsync(IDefinitionStore definitions, CancellationToken cancellationToken = default)
    {
        var found = new List<PaletteActivity>();
        foreach (var version in await definitions.ListPublishedAsync(cancellationToken).ConfigureAwait(false))
        {
            var definition = await definitions.FindVersionAsync(version.Id, cancellationToken).ConfigureAwait(false);
            if (definition?.Extra["options"]?["usableAsActivity"] is not JsonValue flag || !flag.TryGetValue(out bool usable) || !usable) continue;
            var name = definition.Name ?? definition.DefinitionId;
            var outcomes = (definition.Extra["outcomes"] as JsonArray)?.Select(o => o?.ToString() ?? "").Where(o => o.Length > 0).ToList() is { Count: > 0 } declared
                ? declared
                : [ActivityOutcomes.Done];
            var inputs = (definition.Extra["inputs"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(i => (Name: i["name"]?.ToString() ?? "", Label: i["displayName"]?.ToString(), Help: i["description"]?.ToString(), Type: i["type"]?.ToString() ?? "Object"))
                .Where(i => i.Name.Length > 0)
                .Select(i => new PaletteInput(i.Name, string.IsNullOrWhiteSpace(i.Label) ? i.Name : i.Label, i.Help,
                    i.Type switch { "Int32" or "Int64" or "Double" or "Decimal" => "number", "Boolean" => "bool", _ => "text" }, i.Type, false, null, false))
                .ToList();
            found.Add(new PaletteActivity(WorkflowDefinitionActivity.ActivityTypeName(name), "work", name,
                $"Quy trình con: chạy phiên bản {definition.Version} của “{name}” như một bước; kết quả của nó là các nhánh ra.", "▣", "Quy trình con",
                outcomes.Select(o => new Choice(o, OutcomeLabel(o))).ToList(), null, inputs,
                new JsonObject
                {
                    ["version"] = definition.Version,
                    [WorkflowDefinitionActivity.DefinitionIdKey] = definition.DefinitionId,
                    [WorkflowDefinitionActivity.VersionIdKey] = definition.Id,
                    ["latestAvailablePublishedVersion"] = definition.Version,
                    ["latestAvailablePublishedVersionId"] = definition.Id,
                }));
        }

        return found;
    }

    private static readonly string[] KnownActions =
        ["Approve", "Reject", "Return", "Done", "Complete", "Supplement", "Resubmitted", "Eligible", "Ineligible", "Hold", "Continue", "Stop", "Sign", "Resubmit", "Close", "Forwarded", "Accept"];

    /// <summary>Vietnamese names of the outcomes and task actions the designer may draw as ports.</summary>
    public IReadOnlyDictionary<string, string> OutcomeNames { get; } =
        OutcomeLabels.Keys.Concat(KnownActions).Distinct().ToDictionary(o => o, OutcomeLabel, StringComparer.Ordinal);

    /// <summary>What a person reads for an outcome or a task action.</summary>
    public static string OutcomeLabel(string outcome) =>
        OutcomeLabels.TryGetValue(outcome, out var label) ? label : Labels.Action(outcome);

    private static PaletteActivity Describe(ActivityDescriptor descriptor)
    {
        var face = Faces.TryGetValue(descriptor.TypeName, out var f)
            ? f
            : ("advanced", descriptor.DisplayName, descriptor.Description ?? "", "•", 100);
        var inputs = descriptor.Inputs.Select(i => DescribeInput(descriptor.TypeName, i)).ToList();
        var outcomesFrom = descriptor.TypeName switch
        {
            "ThiDua.UserTask" => "actions",
            "Elsa.FlowFork" => "branches",
            "Elsa.FlowSwitch" => "cases",
            _ => null,
        };
        var outcomes = descriptor.Outcomes.Select(o => new Choice(o, OutcomeLabel(o))).ToList();
        return new PaletteActivity(descriptor.TypeName, face.Item1, face.Item2, face.Item3, face.Item4, descriptor.Category, outcomes, outcomesFrom, inputs);
    }

    private static PaletteInput DescribeInput(string activityType, IInputDescriptor input)
    {
        var typeName = ElsaTypeName(input.ValueType);
        var (label, kind, required, advanced) = InputFaces.TryGetValue(input.Name, out var face)
            ? face
            : (input.Name, DefaultKind(input.ValueType), false, true);
        if (activityType == "Elsa.SetVariable" && input.Name == "value") kind = "text";
        if (input.Name == "correlationId" && activityType != "Elsa.Correlate") required = false; // a child's own key is optional
        IReadOnlyList<Choice>? choices = (activityType, input.Name) switch
        {
            (_, "role") or (_, "escalateTo") => Roles.All.Select(r => new Choice(r, Labels.Role(r))).ToList(),
            ("ThiDua.Nominations.SetStatus", "status") => Enum.GetNames<NominationStatus>().Select(s => new Choice(s, StatusLabel(s))).ToList(),
            (_, "verification") => [new("none", "Chỉ cần đường dẫn"), new("signIn", "Phải đăng nhập"), new("code", "Mã dùng một lần gửi qua thư")],
            (_, "mode") when input.ValueType.IsEnum => Enum.GetNames(input.ValueType).Select(n => new Choice(n, ModeLabel(n))).ToList(),
            _ => null,
        };
        return new PaletteInput(input.Name, label, input.Description, kind, typeName, required, choices, advanced);
    }

    private static string StatusLabel(string status) => NominationStatuses.Labels.GetValueOrDefault(status, status);

    private static string ModeLabel(string mode) => mode switch
    {
        "WaitAll" => "Chờ tất cả các nhánh",
        "WaitAllActive" => "Chờ các nhánh đang chạy",
        "WaitAny" => "Nhánh đầu tiên tới",
        "MatchFirst" => "Trường hợp đúng đầu tiên",
        "MatchAny" => "Mọi trường hợp đúng",
        _ => mode,
    };

    private static string DefaultKind(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(decimal)) return "number";
        if (t == typeof(bool)) return "bool";
        if (t == typeof(string[])) return "list";
        if (t == typeof(int[])) return "numbers";
        if (t == typeof(TimeSpan)) return "duration";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "datetime";
        if (t == typeof(string)) return "text";
        return "json";
    }

    /// <summary>Elsa's short type alias for an input's CLR type (as Elsa Studio writes it).</summary>
    public static string ElsaTypeName(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(string) => "String",
            _ when t == typeof(int) => "Int32",
            _ when t == typeof(long) => "Int64",
            _ when t == typeof(double) => "Double",
            _ when t == typeof(bool) => "Boolean",
            _ when t == typeof(string[]) => "String[]",
            _ when t == typeof(int[]) => "Int32[]",
            _ when t == typeof(TimeSpan) => "TimeSpan",
            _ when t == typeof(DateTimeOffset) => "DateTimeOffset",
            _ when t.IsEnum => t.Name,
            _ => "Object",
        };
    }
}
