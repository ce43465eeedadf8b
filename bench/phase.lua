-- wrk script for one phase of bench/run.sh, chosen by environment variables:
--
--   BENCH_PHASE        liveness, client-js, token, refresh, wrong-first, wrong-locked or
--                      issue-tokens
--   BENCH_CREDENTIALS  number of credentials that run.sh created, keys bench-0 to bench-(N-1)
--   BENCH_TOKENS       refresh: read tokens from BENCH_TOKENS-<thread>.txt, one a line;
--                      issue-tokens: append the issued tokens there
--   BENCH_TOKEN_LIMIT  issue-tokens: stop each thread after this many tokens
--   BENCH_ADDRESS_BASE wrong-first: second octet of the X-Forwarded-For addresses, so that
--                      each pass uses client addresses no earlier pass used
--   BENCH_EXPECT       when set, count the responses whose status differs from it; this
--                      adds a Lua call per response, so timed passes leave it unset
--
-- Every request is built in init() where it can be, so that the load generator, which
-- shares the CPU with the service, spends about the same per request in every phase.

local phase = os.getenv("BENCH_PHASE") or "liveness"
local credential_count = tonumber(os.getenv("BENCH_CREDENTIALS") or "1000")
local tokens_prefix = os.getenv("BENCH_TOKENS")
local token_limit = tonumber(os.getenv("BENCH_TOKEN_LIMIT") or "0")
local address_base = tonumber(os.getenv("BENCH_ADDRESS_BASE") or "100")
local expected_status = tonumber(os.getenv("BENCH_EXPECT") or "")

local json_headers = { ["Content-Type"] = "application/json" }

-- Must match secret_of() in run.sh: at least 32 bytes, as the service requires.
local function secret_of(index)
	return string.format("bench-secret-%06d-0123456789abcdef", index)
end

local threads = {}

function setup(thread)
	thread:set("id", #threads)
	table.insert(threads, thread)
end

local requests = {}
local next_index = 0
local tokens_file = nil
-- Globals, because done() reads them from each thread with thread:get().
count = 0
mismatches = 0
exhausted = 0

local function token_request(index, secret)
	local body = string.format('{"key":"bench-%d","secret":"%s"}', index, secret)
	return wrk.format("POST", "/token", json_headers, body)
end

function init(args)
	if phase == "liveness" then
		requests[1] = wrk.format("GET", "/actuator/health/liveness")
	elseif phase == "client-js" then
		requests[1] = wrk.format("GET", "/authtoken-client.js")
	elseif phase == "token" or phase == "issue-tokens" then
		for i = 0, credential_count - 1 do
			requests[#requests + 1] = token_request(i, secret_of(i))
		end
	elseif phase == "wrong-locked" then
		for i = 0, credential_count - 1 do
			requests[#requests + 1] = token_request(i, secret_of(i) .. "-wrong")
		end
	elseif phase == "wrong-first" then
		-- Bodies only: the X-Forwarded-For header changes with every request.
		for i = 0, credential_count - 1 do
			requests[#requests + 1] = string.format('{"key":"bench-%d","secret":"%s-wrong"}', i, secret_of(i))
		end
	elseif phase == "refresh" then
		local file = assert(io.open(string.format("%s-%d.txt", tokens_prefix, id), "r"))
		for line in file:lines() do
			requests[#requests + 1] = wrk.format("POST", "/token/refresh", json_headers, '{"token":"' .. line .. '"}')
		end
		file:close()
	else
		error("unknown BENCH_PHASE " .. phase)
	end
	if phase == "issue-tokens" then
		tokens_file = assert(io.open(string.format("%s-%d.txt", tokens_prefix, id), "a"))
		-- Line-buffered, because wrk ends without closing the file when its time is up.
		tokens_file:setvbuf("line")
		-- Start each thread at another credential, so that the tokens spread over all of them.
		next_index = id * 7
	end
end

function request()
	if phase == "refresh" then
		next_index = next_index + 1
		if next_index > #requests then
			-- Each token is refreshed once: a second use would measure the reuse path.
			exhausted = exhausted + 1
			wrk.thread:stop()
			return requests[#requests]
		end
		return requests[next_index]
	end
	if phase == "wrong-first" then
		-- A new client address for every request: 127.<base + thread>.<hi>.<lo>, so that no
		-- (key, address) pair gets near the lockout limit and every failure is a pair's
		-- first. All of 127.0.0.0/8 is loopback; the service only reads the header.
		count = count + 1
		local address = string.format("127.%d.%d.%d", address_base + id, math.floor(count / 256) % 256, count % 256)
		local body = requests[count % #requests + 1]
		return wrk.format("POST", "/token", {
			["Content-Type"] = "application/json",
			["X-Forwarded-For"] = address,
		}, body)
	end
	next_index = next_index % #requests + 1
	return requests[next_index]
end

if expected_status or phase == "issue-tokens" then
	function response(status, headers, body)
		if expected_status and status ~= expected_status then
			mismatches = mismatches + 1
		end
		if phase == "issue-tokens" and status == 200 and count < token_limit then
			local token = string.match(body, '"token":"([^"]+)"')
			if token then
				tokens_file:write(token, "\n")
				count = count + 1
			end
			if count >= token_limit then
				wrk.thread:stop()
			end
		end
	end
end

-- One line that run.sh parses. Latencies are in microseconds.
function done(summary, latency, requests_summary)
	local mismatched = 0
	local issued = 0
	local ran_out = 0
	for _, thread in ipairs(threads) do
		mismatched = mismatched + (thread:get("mismatches") or 0)
		issued = issued + (thread:get("count") or 0)
		ran_out = ran_out + (thread:get("exhausted") or 0)
	end
	local errors = summary.errors
	local seconds = summary.duration / 1e6
	io.write(string.format(
		"BENCH requests=%d seconds=%.3f rps=%.1f p50=%d p99=%d p999=%d max=%d "
			.. "non2xx=%d socket_errors=%d mismatched=%d issued=%d ran_out=%d\n",
		summary.requests, seconds, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
		latency:percentile(99.9), latency.max, errors.status, errors.connect + errors.read + errors.write
			+ errors.timeout, mismatched, issued, ran_out))
end
