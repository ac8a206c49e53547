using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ThiDua.Workflows.Web.Components.Shared;
using ThiDua.Workflows.Web.Queries;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>Components with logic of their own, rendered with bUnit (no host, no browser).</summary>
public sealed class ComponentTests : BunitContext, IAsyncLifetime
{
    // MudBlazor's services dispose only asynchronously; xunit v2 disposes the test class synchronously otherwise.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public ComponentTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void TheBarChart_ScalesBarsToTheLargestCount_AndListsAtMostMax()
    {
        var rows = new[] { new CountRow("Thôn 1", 8), new CountRow("Thôn 2", 2), new CountRow("Thôn 3", 4), new CountRow("Thôn 4", 1) };
        var chart = Render<BarChart>(p => p.Add(c => c.Title, "Theo đơn vị").Add(c => c.Rows, rows).Add(c => c.Max, 3));
        var bars = chart.FindAll(".bar-fill");
        Assert.Equal(3, bars.Count);
        Assert.Contains("width:100%", bars[0].GetAttribute("style"));
        Assert.Contains("width:25%", bars[1].GetAttribute("style"));
        Assert.DoesNotContain("Thôn 4", chart.Markup);
        Assert.Contains("Chưa có số liệu.", Render<BarChart>(p => p.Add(c => c.Title, "Trống").Add(c => c.Rows, Array.Empty<CountRow>())).Markup);
    }

    [Theory]
    [InlineData("Decided", "Đã khen thưởng", "success")]
    [InlineData("ReturnedForSupplement", "Bị trả lại để bổ sung", "warning")]
    [InlineData("Rejected", "Không khen thưởng", "error")]
    [InlineData("AwaitingCouncil", "Chờ Hội đồng xét", "info")]
    public void TheStatusChip_SaysTheStatusInVietnamese_InItsColour(string status, string label, string colour)
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, status));
        Assert.Contains(label, chip.Markup);
        Assert.Contains($"mud-chip-color-{colour}", chip.Markup);
    }

    [Fact]
    public void AnIrreversibleAction_SendsOnlyFromItsConfirmation()
    {
        var button = Render<ConfirmButton>(p => p.Add(c => c.Label, "Không đồng ý").Add(c => c.Value, "Reject").Add(c => c.ConfirmLabel, "Xác nhận: Không đồng ý"));
        Assert.Equal("Không đồng ý", button.Find("summary").TextContent);
        Assert.Empty(button.FindAll("summary button")); // the first click only opens
        var send = button.Find(".confirm-box button[type=submit]");
        Assert.Equal("action", send.GetAttribute("name"));
        Assert.Equal("Reject", send.GetAttribute("value"));
    }

    [Fact]
    public void TheFlashNotice_ShowsOnlyKnownMessages_AndNeverTextFromTheAddress()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/inbox?done=signed&ref=12/QĐ-UBND");
        Assert.Contains("Đã ký Quyết định số 12/QĐ-UBND.", Render<FlashNotice>().Markup);
        navigation.NavigateTo("/inbox?done=signed&ref=<script>alert(1)</script>");
        var notice = Render<FlashNotice>();
        Assert.DoesNotContain("script", notice.Markup);
        Assert.Contains("Đã ký Quyết định số .", notice.Markup);
        navigation.NavigateTo("/inbox?done=Tài khoản bị khóa, gọi số lạ");
        Assert.Empty(Render<FlashNotice>().Markup.Trim());
    }

    [Fact]
    public void TheDiagram_MarksEachStepsState_AndThePathTaken()
    {
        var diagram = new Diagram("Khen thưởng cấp xã", 3,
            [
                new DiagramNode("start", "Bắt đầu", "Elsa.Start", 10, 10, StepState.Done),
                new DiagramNode("check", "Kiểm tra hồ sơ", "ThiDua.UserTask", 230, 10, StepState.Current),
                new DiagramNode("end", "Kết thúc", "Elsa.End", 450, 10, StepState.NotReached),
            ],
            [new DiagramEdge("start", "check", "Done", true), new DiagramEdge("check", "end", "Complete", false)], 650, 90);
        var view = Render<WorkflowDiagramView>(p => p.Add(c => c.Diagram, diagram));
        Assert.Equal("Current", view.Find("g[data-step=check]").GetAttribute("data-state"));
        Assert.Equal("Done", view.Find("g[data-step=start]").GetAttribute("data-state"));
        Assert.Contains("Đang ở bước: Kiểm tra hồ sơ", view.Find("svg").GetAttribute("aria-label"));
        Assert.Single(view.FindAll("path[stroke='#2e7d32']"));
        Assert.Contains("phiên bản 3", view.Markup);
    }
}
