using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>Liquid and JavaScript over Vietnamese text: nothing is escaped or mangled.</summary>
public sealed class ExpressionTests
{
    private static readonly JsonObject Input = new() { ["x"] = "Phòng Tổ chức – Cán bộ" };

    [Fact]
    public async Task Liquid_WritesVietnameseUnescaped_WhenRenderingVariable()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("vietnamese-expressions.json", (JsonObject)Input.DeepClone());

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal("Xin chào Nguyễn Văn Ánh", host.Lines.Of(result.InstanceId)[0]);
    }

    [Fact]
    public async Task JavaScript_UppercasesVietnamese_WhenCallingGetterOfVariable()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("vietnamese-expressions.json", (JsonObject)Input.DeepClone());

        Assert.Equal("Đơn vị: NGUYỄN VĂN ÁNH", host.Lines.Of(result.InstanceId)[1]);
    }

    [Fact]
    public async Task JavaScript_ReadsVariablesObjectAndInput_WhenStartedWithInput()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("vietnamese-expressions.json", (JsonObject)Input.DeepClone());

        Assert.Equal(
            ["Xin chào Nguyễn Văn Ánh", "Đơn vị: NGUYỄN VĂN ÁNH", "Nguyễn Văn Ánh | Phòng Tổ chức – Cán bộ"],
            host.Lines.Of(result.InstanceId));
        Assert.Equal("Nguyễn Văn Ánh", result.Instance.Variables["HoTen"]!.GetValue<string>());
    }

    [Fact]
    public void Write_KeepsVietnameseReadable_WhenSerializingDefinition()
    {
        var text = ElsaJsonWriter.Write(TestFiles.LoadWorkflow("vietnamese-expressions.json"));

        Assert.Contains("Nguyễn Văn Ánh", text, StringComparison.Ordinal);
        Assert.Contains("Xin chào {{ Variables.HoTen }}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liquid_KeepsHtmlCharactersAndSeesJavaScriptAssignments_WhenRenderingPlainText()
    {
        using var host = new TestHost();
        var result = await host.StartAsync("liquid-plain-text.json", new JsonObject { ["ma"] = "HS-01" });

        Assert.True(result.Status == WorkflowStatus.Finished, result.FaultMessage);
        Assert.Equal(
            ["Công ty A & B <TNHH> \"Sao Vàng\" – HS-01", "gán xong", "ĐÃ ĐỔI TÊN"],
            host.Lines.Of(result.InstanceId));
        Assert.Equal("Đã đổi tên", result.Instance.Variables["Ten"]!.GetValue<string>());
    }
}
