using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// Stage A7, after the decision: the office records the certificate handed over and the prize money paid (when, how
/// much, from which fund, by which voucher), each once, the amount being the decision's; other roles may not.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AwardDeliveryTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task TheOfficeRecordsTheCertificateHandedOverAndThePrizePaid_OnceEach_WithTheDecisionsAmount()
    {
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);
        // The demo register's earlier awards (2024, 2025) carry prize money and have not been handed over.
        var award = (await _api.GetAsync("vanphong", "/api/commendations?year=2025")).AsArray()
            .First(c => c!["prizeMoney"]?.GetValue<long>() > 0 && c["handedOverOn"] is null && c["paidOn"] is null)!;
        var id = award["id"]!.GetValue<long>();
        var prize = award["prizeMoney"]!.GetValue<long>();
        var decidedOn = DateOnly.Parse(award["decidedOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        // Other roles may not record, nor see the list.
        var unit = await _api.As("thon1");
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/api/commendations?year=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsJsonAsync($"/api/commendations/{id}/handover", new { handedOverOn = today, receivedBy = "Tôi" })).StatusCode);

        // Bad input names each field and records nothing.
        var office = await _api.As("vanphong");
        var bad = await office.PostAsJsonAsync($"/api/commendations/{id}/handover", new { handedOverOn = decidedOn.AddDays(-1), receivedBy = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("handedOverOn", problem);
        Assert.Contains("không được trước ngày quyết định", problem);
        Assert.Contains("receivedBy", problem);
        var future = await office.PostAsJsonAsync($"/api/commendations/{id}/handover", new { handedOverOn = today.AddDays(1), receivedBy = "Đại diện đơn vị" });
        Assert.Contains("không được sau hôm nay", await future.Content.ReadAsStringAsync());

        await _api.PostAsync("vanphong", $"/api/commendations/{id}/handover", new { handedOverOn = today, receivedBy = "Đại diện đơn vị" });
        var again = await office.PostAsJsonAsync($"/api/commendations/{id}/handover", new { handedOverOn = today, receivedBy = "Người khác" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Đã ghi nhận trao khen thưởng này ngày", await again.Content.ReadAsStringAsync());

        // The amount is the decision's; the fund and who paid are named.
        var wrong = await office.PostAsJsonAsync($"/api/commendations/{id}/payment", new { paidOn = today, amount = prize + 1000, fund = "", paidBy = "" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongText = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("amount", wrongText);
        Assert.Contains("fund", wrongText);
        Assert.Contains("paidBy", wrongText);

        // Two people record the payment at once: it takes effect once.
        var payments = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
            (await (await host.SignedInAsync(i == 0 ? "vanphong" : "truongphong")).PostAsJsonAsync($"/api/commendations/{id}/payment",
                new { paidOn = today, amount = prize, fund = "Quỹ thi đua, khen thưởng của xã", voucher = $"PC-{i}", paidBy = "Nguyễn Thị Thu (thủ quỹ)" })).StatusCode));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], payments.Order());

        var row = (await _api.GetAsync("vanphong", "/api/commendations?year=2025")).AsArray().Single(c => c!["id"]!.GetValue<long>() == id)!;
        Assert.Equal("Đại diện đơn vị", row["receivedBy"]!.GetValue<string>());
        Assert.Equal(prize, row["paidAmount"]!.GetValue<long>());
        Assert.Equal("Nguyễn Thị Thu (thủ quỹ)", row["paidBy"]!.GetValue<string>());

        // The office's page shows both.
        var page = await office.GetStringAsync("/commendations?year=2025");
        Assert.Contains($"Đã trao ngày {today:dd/MM/yyyy}, người nhận: Đại diện đơn vị.", page);
        Assert.Contains("từ Quỹ thi đua, khen thưởng của xã, phiếu chi số PC-", page);
    }
}
