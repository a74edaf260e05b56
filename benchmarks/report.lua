-- Prints one JSON line with throughput, latency percentiles (ms) and errors of a wrk run.
-- Environment: WRK_METHOD, WRK_BODY, WRK_COOKIE, WRK_PATHS (space separated: the mix),
-- WRK_REPORTS ("path|version" pairs, space separated: drafts a POST re-saves) and WRK_THREADS.
local method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
local cookie = os.getenv("WRK_COOKIE") or ""
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "", "%S+") do
  table.insert(paths, path)
end
local counter = 0

-- Drafts to re-save: each thread owns every WRK_THREADS-th one, sends the version the draft is at
-- and picks a draft none of its connections has in flight, so no save is a conflict.
local drafts = {}
local by_path = {}
local threads_started = 0

setup = function(thread)
  thread:set("thread_id", threads_started)
  threads_started = threads_started + 1
end

init = function(args)
  local threads = tonumber(os.getenv("WRK_THREADS") or "1")
  local index = 0
  for path, version in string.gmatch(os.getenv("WRK_REPORTS") or "", "([^%s|]+)|(%d+)") do
    if index % threads == (thread_id or 0) then
      local draft = { path = path, version = tonumber(version), busy = false }
      table.insert(drafts, draft)
      by_path[path] = draft
    end
    index = index + 1
  end
end

local function next_draft()
  for _, draft in ipairs(drafts) do
    if not draft.busy then
      draft.busy = true
      return draft
    end
  end
  return drafts[(counter % #drafts) + 1]
end

if os.getenv("WRK_REPORTS") then
  response = function(status, headers, body)
    local location = headers["Location"] or headers["location"]
    local draft = location and by_path[location]
    if draft and status == 302 then
      draft.version = draft.version + 1
      draft.busy = false
    elseif status == 409 then
      -- A conflict page carries the saved version; take it up so the next save succeeds.
      local path = string.match(body, 'action="([^"]+)"')
      local version = string.match(body, 'name="version" value="(%d+)"')
      if path and by_path[path] and version then
        by_path[path].version = tonumber(version)
        by_path[path].busy = false
      end
    end
  end
end

request = function()
  local path = wrk.path
  if #paths > 0 then
    counter = counter + 1
    path = paths[(counter % #paths) + 1]
  end
  local headers = { ["Cookie"] = cookie }
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    if #drafts > 0 then
      counter = counter + 1
      local draft = next_draft()
      local versioned = string.gsub(body, "version=%d+", "version=" .. draft.version)
      -- A different text in one area every time, so that each save changes something.
      local edited = string.gsub(versioned, "WRKSAVE", tostring(counter % 1000))
      return wrk.format("POST", draft.path, headers, edited)
    end
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
