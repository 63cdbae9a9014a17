// The bad-input run of tests/load/bad-inputs.sh: sends every kind of bad request the app has met (issue 10's list
// and the API corpus) to a running instance on 127.0.0.1, once each, and counts the answers. Any 5xx fails the run.
// Usage: dotnet run tests/load/bad-inputs.cs -- http://127.0.0.1:5199
#:property ManagePackageVersionsCentrally=false
#:property TreatWarningsAsErrors=false
#:property AnalysisLevel=none
#:property PublishAot=false

using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

var baseUri = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:5199");
using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

const string valid = """{"answers":{"use_case_summary":"Bad-input run","domain":"specialized","output_requirements":"strict_format","prompting_status":"insufficient","knowledge_vs_behavior":"behavior","prompt_efficiency_need":"high","request_volume":"high","example_count":1200,"data_quality":"curated","data_variety":"broad","has_eval_set":true,"change_frequency":"rarely","data_sensitivity":"internal","data_rights":"confirmed","bias_risk":"low","budget":"substantial","ml_expertise":"dedicated_team","maintenance_capacity":"ongoing","model_hosting":"hosted_api"}}""";
// The valid body with one answer's JSON replaced.
string With(string key, string json) => key switch
{
    "use_case_summary" => valid.Replace("\"use_case_summary\":\"Bad-input run\"", $"\"use_case_summary\":{json}", StringComparison.Ordinal),
    "example_count" => valid.Replace("\"example_count\":1200", $"\"example_count\":{json}", StringComparison.Ordinal),
    _ => throw new ArgumentException(key),
};

// One real assessment, so the share-link paths have something to refuse around.
using var created = await http.PostAsync("/api/assessments", new StringContent(valid, Encoding.UTF8, "application/json"));
var shareToken = JsonNode.Parse(await created.Content.ReadAsStringAsync())?["shareToken"]?.GetValue<string>() ?? "none";

var cases = new List<(string Name, Func<Task<int>> Send)>();
void Json(string name, string path, string body, string contentType = "application/json") =>
    Bytes(name, path, Encoding.UTF8.GetBytes(body), contentType);
void Bytes(string name, string path, byte[] body, string contentType) =>
    cases.Add((name, async () =>
    {
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await http.PostAsync(path, content);
        return (int)response.StatusCode;
    }));
void Get(string name, string path) =>
    cases.Add((name, async () =>
    {
        using var response = await http.GetAsync(path);
        return (int)response.StatusCode;
    }));
void Raw(string name, string request, int trickleAfter = -1) =>
    cases.Add((name, () => SendRawAsync(baseUri, request, trickleAfter)));

// The assessment API: each answered 400, 413 or 415 with a problem naming the field.
Json("api: malformed JSON", "/api/assessments", "{");
Json("api: not an object", "/api/assessments", "[]");
Json("api: answers not an object", "/api/assessments", """{"answers":1}""");
Json("api: lone-surrogate top-level key", "/api/assessments", """{"\ud800":1}""");
Json("api: lone-surrogate text", "/api/assessments", With("use_case_summary", "\"\\udc00 x\""));
Json("api: number beyond double", "/api/assessments", With("example_count", "1e400"));
Json("api: huge integer", "/api/assessments", With("example_count", "99999999999999999999999"));
Json("api: negative count", "/api/assessments", With("example_count", "-1"));
Json("api: fractional count", "/api/assessments", With("example_count", "1.5"));
Json("api: count as string", "/api/assessments", With("example_count", "\"12\""));
Json("api: NUL in text", "/api/assessments", With("use_case_summary", "\"a\\u0000b\""));
Json("api: bidi override in text", "/api/assessments", With("use_case_summary", "\"abc\\u202Edef\""));
Json("api: zero-width-only text", "/api/assessments", With("use_case_summary", "\"\\u200B\\u200B\""));
Json("api: unknown question", "/api/assessments", valid.Replace("{\"answers\":{", "{\"answers\":{\"favourite_colour\":\"red\",", StringComparison.Ordinal));
Json("api: duplicate key", "/api/assessments", valid.Replace("{\"answers\":{", "{\"answers\":{\"domain\":\"general\",", StringComparison.Ordinal));
Json("api: unknown root property", "/api/assessments", valid.Replace("{\"answers\"", "{\"score\":100,\"answers\"", StringComparison.Ordinal));
Json("api: 10,000 levels deep", "/api/assessments", new string('[', 10_000) + new string(']', 10_000));
Json("api: empty body", "/api/assessments", "");
Json("api: text/plain", "/api/assessments", valid, "text/plain");
Json("api: form content type", "/api/assessments", valid, "application/x-www-form-urlencoded");
Json("api: 2 MiB body", "/api/assessments", "{\"answers\":{\"use_case_summary\":\"" + new string('x', 2 << 20) + "\"}}");
Bytes("api: invalid UTF-8", "/api/assessments", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "application/json");
Get("api: token with NUL", "/api/assessments/%00");
Get("api: token of 10,000 chars", "/api/assessments/" + new string('A', 10_000));
Get("api: token of invalid UTF-8", "/api/assessments/%FF%FE");
Get("api: compare with garbage", "/api/compare?a=%00&b=" + new string('z', 5000));

// The cost API.
Json("costs: malformed", "/api/costs/estimate", "{");
Json("costs: NaN", "/api/costs/estimate", """{"model":"gpt-4o-mini","monthlyCalls":"NaN"}""");
Json("costs: negative volumes", "/api/costs/estimate", """{"model":"gpt-4o-mini","monthlyCalls":-5,"trainingExamples":-1}""");
Json("costs: absurd volumes", "/api/costs/estimate", """{"model":"gpt-4o-mini","monthlyCalls":1e300,"trainingExamples":1e300}""");
Json("costs: unknown model", "/api/costs/estimate", """{"model":"gpt-99"}""");
Json("costs: missing fields", "/api/costs/estimate", "{}");
Json("costs: lone-surrogate key", "/api/costs/estimate", """{"\udbff":1}""");
Get("costs: catalogue with junk query", "/api/costs/catalogue?x=%00");

// The dataset analyser.
Bytes("datasets: binary", "/api/datasets/analyze", [0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x0A], "application/x-ndjson");
Bytes("datasets: invalid UTF-8", "/api/datasets/analyze", [0x7B, 0x7D, 0x0A, 0xC3, 0x28, 0x0A], "application/x-ndjson");
Json("datasets: empty", "/api/datasets/analyze", "", "application/x-ndjson");
Json("datasets: not JSON lines", "/api/datasets/analyze", "hello\nworld\n", "application/x-ndjson");
Json("datasets: image content type", "/api/datasets/analyze", "{}", "image/png");
Json("datasets: broken multipart", "/api/datasets/analyze", "--x\r\nContent-Disposition: form-data\r\n\r\nabc", "multipart/form-data; boundary=x");

// Pages: refused without a 500 whatever the path, query or form.
Get("page: share token with NUL", "/a/%00");
Get("page: share token of 10,000 chars", "/a/" + new string('A', 10_000));
Get("page: revoked-looking token", "/a/" + new string('A', 43));
Get("page: manage with junk", "/manage/%FF%FE");
Get("page: compare with junk", "/compare?links=%00%00");
Get("page: unknown questionnaire step", "/assess/not_a_step");
Get("page: resume with junk", "/assess/resume/%00");
Get("page: data report not a guid", "/data/report/not-a-guid");
Get("page: export of a junk token", "/a/%E2%80%AE/export.md");
Get("page: real share page with junk query", $"/a/{shareToken}?r=%00&x=" + new string('q', 2000));
Json("form: questionnaire without antiforgery", "/assess/use_case?handler=Next", "Answers.use_case_summary=x", "application/x-www-form-urlencoded");
Json("form: questionnaire in latin-1", "/assess/use_case?handler=Next", "Answers.use_case_summary=caf%E9", "application/x-www-form-urlencoded; charset=iso-8859-1");
Json("form: NUL in a form", "/assess/use_case?handler=Next", "Answers.use_case_summary=a%00b", "application/x-www-form-urlencoded");
Json("form: a field sent twice", "/assess/use_case?handler=Next", "Answers.domain=general&Answers.domain=specialized", "application/x-www-form-urlencoded");
Json("form: sign-in without antiforgery", "/admin/signin", "Input.Email=a&Input.Password=b", "application/x-www-form-urlencoded");
Json("form: data page without antiforgery", "/data", "Input.Text=x", "application/x-www-form-urlencoded");

// Raw HTTP: what a client library would never send.
var host = $"{baseUri.Host}:{baseUri.Port}";
Raw("raw: broken chunk size", $"POST /api/assessments HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{{}}\r\n0\r\n\r\n");
Raw("raw: chunk longer than declared", $"POST /api/assessments HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{{\"answers\":1}}\r\n0\r\n\r\n");
Raw("raw: body shorter than Content-Length", $"POST /api/assessments HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{{}}");
Raw("raw: bad request line", "GARBAGE\r\n\r\n");
Raw("raw: 64 KB header", $"GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: {new string('h', 64 * 1024)}\r\nConnection: close\r\n\r\n");
Raw("raw: body trickled a byte every 2 s", $"POST /api/assessments HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\nConnection: close\r\n\r\n" + new string(' ', 4000), trickleAfter: 0);

var tally = new SortedDictionary<int, int>();
var failures = 0;
foreach (var (name, send) in cases)
{
    int status;
    try
    {
        status = await send();
    }
    catch (Exception e) when (e is HttpRequestException or IOException or SocketException or TaskCanceledException)
    {
        status = 0; // the server closed the connection: a refusal, not a 5xx
    }

    tally[status] = tally.GetValueOrDefault(status) + 1;
    var bad = status >= 500;
    failures += bad ? 1 : 0;
    Console.WriteLine($"{(bad ? "5XX" : "ok ")} {status,3}  {name}");
}

Console.WriteLine($"{cases.Count} bad requests: " + string.Join(", ", tally.Select(t => $"{(t.Key == 0 ? "closed" : t.Key.ToString())} ×{t.Value}")));
Console.WriteLine($"5xx answers: {failures}");
return failures == 0 ? 0 : 1;

// Writes the request as given (a trickle sends the body a byte every two seconds, for at most 16 s) and reads the
// status line of the answer; 0 when the server closes without one.
static async Task<int> SendRawAsync(Uri baseUri, string request, int trickleAfter)
{
    using var client = new TcpClient();
    await client.ConnectAsync(baseUri.Host, baseUri.Port);
    var stream = client.GetStream();
    var bytes = Encoding.ASCII.GetBytes(request);
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    try
    {
        if (trickleAfter < 0)
        {
            await stream.WriteAsync(bytes, deadline.Token);
        }
        else
        {
            var headerEnd = request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
            await stream.WriteAsync(bytes.AsMemory(0, headerEnd), deadline.Token);
            for (var i = headerEnd; i < bytes.Length && i < headerEnd + 8 && client.Connected; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), deadline.Token);
                await stream.WriteAsync(bytes.AsMemory(i, 1), deadline.Token);
            }
        }
    }
    catch (IOException)
    {
        // The server gave up on us first; its answer, if any, is still readable.
    }

    var buffer = new byte[256];
    var read = 0;
    try
    {
        read = await stream.ReadAsync(buffer, deadline.Token);
    }
    catch (IOException)
    {
        return 0;
    }

    var line = Encoding.ASCII.GetString(buffer, 0, read);
    return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9, 3), out var status) ? status : 0;
}
