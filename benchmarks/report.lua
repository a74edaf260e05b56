-- Prints one JSON line with throughput, latency percentiles (ms) and errors of a wrk run.
-- Environment: WRK_METHOD, WRK_BODY, WRK_COOKIE, WRK_PATHS (space separated: the mix).
local method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
local cookie = os.getenv("WRK_COOKIE") or ""
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "", "%S+") do
  table.insert(paths, path)
end
local counter = 0

request = function()
  local path = wrk.path
  if #paths > 0 then
    counter = counter + 1
    path = paths[(counter % #paths) + 1]
  end
  local headers = { ["Cookie"] = cookie }
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", path, headers, body)
  end
  return wrk.format("GET", path, headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50": %.2f, "p95": %.2f, "p99": %.2f, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
