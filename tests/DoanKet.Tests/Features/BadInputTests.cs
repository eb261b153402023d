using System.Net;
using System.Text;
using DoanKet.Tests.Units;
using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Api;

/// <summary>Whatever a client sends, the API answers 4xx problem details, never 500.</summary>
public sealed class BadInputTests
{
    [DatabaseTheory]
    public async Task Malformed_wrong_typed_and_out_of_range_input_is_4xx_problem_details(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var bode = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        var client = await app.ClientForAsync(Demo.Admin);

        async Task Expect4xx(HttpMethod method, string url, string? json)
        {
            using var request = new HttpRequestMessage(method, url);
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{method} {url} {json} → {status}: {body}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{method} {url} {json} → {status} {response.Content.Headers.ContentType}: {body}");
        }

        var post = HttpMethod.Post;
        var put = HttpMethod.Put;
        var change = "/api/v1/unit-changes";
        var valid = $$"""{"kind":"Create","effectiveDate":"2026-01-01","legalBasis":"QĐ 1","sourceIds":[],"targets":[{"name":"X","kind":"ResidentialGroup","parentId":{{bode.Id}}}]}""";
        foreach (var json in new[]
        {
            "{\"kind\":", "not json", "", "[]", "null", "42",
            valid.Replace("\"Create\"", "\"Teleport\""),
            valid.Replace("\"2026-01-01\"", "\"not a date\""),
            valid.Replace("\"2026-01-01\"", "\"2026-02-30\""),
            valid.Replace("\"2026-01-01\"", "\"0001-01-01\""),
            valid.Replace("\"2026-01-01\"", "\"9999-12-31\""),
            valid.Replace("\"sourceIds\":[]", "\"sourceIds\":\"abc\""),
            valid.Replace("\"sourceIds\":[]", "\"sourceIds\":[99999999999]"),
            valid.Replace("\"sourceIds\":[]", "\"sourceIds\":[-1]"),
            valid.Replace("\"targets\":[", "\"targets\":[null,"),
            valid.Replace("\"targets\":[{", "\"targets\":[{\"weight\":\"nhiều\","),
            valid.Replace("\"name\":\"X\"", "\"name\":null"),
            valid.Replace("\"name\":\"X\"", "\"name\":\"" + new string('x', 5000) + "\""),
            valid.Replace("\"kind\":\"ResidentialGroup\"", "\"kind\":\"Province\""),
            valid.Replace("\"kind\":\"ResidentialGroup\"", "\"kind\":12345"),
            valid.Replace($"\"parentId\":{bode.Id}", "\"parentId\":-5"),
            valid.Replace("\"kind\":\"Create\"", "\"kind\":\"Split\"").Replace("\"sourceIds\":[]", $"\"sourceIds\":[{bode.Id}]") .Replace("\"targets\":[{\"name\":\"X\"", "\"childTargets\":{\"abc\":1},\"targets\":[{\"name\":\"X\""),
            valid.Replace("\"kind\":\"Create\"", "\"kind\":\"Split\"").Replace("\"sourceIds\":[]", $"\"sourceIds\":[{bode.Id}]").Replace("}]}", $"}},{{\"name\":\"Y\",\"kind\":\"Ward\",\"parentId\":{bode.ParentId},\"weight\":1e308}}]}}"),
        })
        {
            await Expect4xx(post, change, json);
            await Expect4xx(post, change + "/preview", json);
        }

        var unit = $"/api/v1/units/{bode.Id}";
        foreach (var json in new[]
        {
            "{", "\"text\"", "null", "{\"households\":\"abc\",\"version\":1}", "{\"households\":99999999999,\"version\":1}",
            "{\"households\":-5,\"version\":" + bode.Version + "}", "{\"version\":\"x\"}", "{\"email\":42,\"version\":1}",
            "{\"phone\":\"" + new string('1', 100) + "\",\"version\":" + bode.Version + "}",
            "{\"note\":\"" + new string('n', 3000) + "\",\"version\":" + bode.Version + "}",
        })
            await Expect4xx(put, unit, json);

        await Expect4xx(HttpMethod.Get, "/api/v1/units?at=hôm-qua", null);
        await Expect4xx(HttpMethod.Get, "/api/v1/units?parentId=abc", null);
        await Expect4xx(HttpMethod.Get, $"/api/v1/units/{bode.Id}/predecessors", null);
        await Expect4xx(HttpMethod.Get, $"/api/v1/units/{bode.Id}/successors?at=2025-13-01", null);
        await Expect4xx(HttpMethod.Get, "/api/v1/units/abc", null);
        await Expect4xx(HttpMethod.Get, "/api/v1/khong-co", null);
        await Expect4xx(post, "/api/v1/tokens", "{\"name\":\"x\",\"days\":100000}");
        await Expect4xx(post, "/api/v1/accounts", "{\"email\":\"a\",\"unitId\":\"x\"}");
        await Expect4xx(post, "/api/v1/accounts", "{\"email\":\"not-an-email\",\"fullName\":\"A\",\"unitId\":1,\"role\":\"God\"}");

        // A wrong token is a 401, not a 500.
        using var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "dk_" + new string('x', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/units")).StatusCode);
    }

    /// <summary>
    /// Not found and conflict answers are problem details too, so they must say so in their Content-Type
    /// (clients switch on application/problem+json). UnitsApi answers them with TypedResults.NotFound/Conflict(new ProblemDetails …),
    /// which writes application/json: see the report; fix by returning TypedResults.Problem(…) there.
    /// </summary>
    [DatabaseTheory]
    public async Task Not_found_and_conflict_are_typed_problem_json(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var bode = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        var client = await app.ClientForAsync(Demo.Admin);
        await (await client.GetAsync("/api/v1/units/999999999")).TypedProblemAsync(404);
        await (await client.DeleteAsync("/api/v1/units/2147483647")).TypedProblemAsync(404);
        await (await client.DeleteAsync($"/api/v1/units/{bode.Id}")).TypedProblemAsync(409);
        await (await client.PutJsonAsync($"/api/v1/units/{bode.Id}", new DoanKet.Features.Units.UnitDetailsInput(null, null, null, 1, null, bode.Version - 1))).TypedProblemAsync(409);
    }
}
