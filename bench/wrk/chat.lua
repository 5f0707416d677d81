-- wrk script: POSTs an OpenAI chat request and, at the end, prints one JSON line with the latency distribution.
-- Environment: BENCH_MODEL (default "auto"), BENCH_STREAM ("1" for stream:true; default off),
--   BENCH_DELAY_MS (pause of each connection between its requests, for a paced load that leaves the CPUs idle).
-- Extra headers (auth, Portkey's routing headers) are given on wrk's command line with -H.
local model = os.getenv("BENCH_MODEL") or "auto"
local stream = os.getenv("BENCH_STREAM") == "1"
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"' .. model .. '","messages":['
  .. '{"role":"system","content":"You are a concise assistant. Answer in two sentences at most."},'
  .. '{"role":"user","content":"What is the capital of France, and for how long has it been the political centre of the country?"}'
  .. '],"temperature":0.2,"max_tokens":128' .. (stream and ',"stream":true' or '') .. '}'

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,'
    .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
    .. '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}}\n',
    summary.requests, secs, summary.requests / secs, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
