/**
 * Reads elements of one collection key, each cut to a few bytes next to the
 * data: Redis has no per-element length command for lists, sets, sorted
 * sets or streams, and LRANGE, ZRANGE, HSCAN, SSCAN and XRANGE send whole
 * elements, so one 2 MB element would make a page of 100 a 200 MB reply.
 * One script serves both readers: the value pane's pages
 * (key-editor/value-page.ts) and the first elements of a row's preview
 * (peek.ts, for the key browser's details and the Keys panel). Read-only;
 * the work is bounded by the rows asked for (batches of 10 elements, growing
 * to 100 while they are small, one at a time once one is large, so Lua never
 * holds many large elements at once; at most `max SCAN calls` SSCAN/HSCAN
 * calls) and the reply by the byte budget.
 *
 * KEYS[1] the key. ARGV: start (index, cursor or stream ID; empty: the
 * type's own beginning, so the caller can send the script before it knows
 * the type, in the same round trip as TYPE and PTTL), rows wanted,
 * bytes per cell, bytes in all, fields per stream entry, stream direction
 * ('forward' | 'backward'), exclusive ('1': skip an entry whose ID is
 * start), sorted-set order ('highest': by score from the top, as a preview
 * shows a leaderboard; otherwise from the lowest), max SCAN calls (1000
 * when absent).
 *
 * Reply: { type, size, rows, cursor }; a row is flat (cut text, full length)
 * pairs; a stream row starts with its ID pair and ends with its field count.
 * For hashes and sets `cursor` is where the next page starts: whole SCAN
 * batches are always taken (a cursor cannot resume inside one), so a page
 * may hold a few more rows than asked and elements past the byte budget come
 * with an empty start and their length.
 */
export const ELEMENTS_LUA = `
local key = KEYS[1]
local start, want, cut, left, fields = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local backward, exclusive = ARGV[6] == 'backward', ARGV[7] == '1'
local highestFirst, maxCalls = ARGV[8] == 'highest', tonumber(ARGV[9]) or 1000
-- Like redis.call, but a refusal (ACL) names the command, so the app can say which one the user lacks.
local function call(command, ...)
  local r = redis.pcall(command, ...)
  -- A plain string, not an error table: servers before 7.0 lose a table's text on the way out.
  if type(r) == 'table' and r.err then error(r.err .. ' (while running ' .. string.lower(command) .. ')') end
  return r
end
local kind = call('TYPE', key)['ok']
local rows, size, cursor = {}, 0, '0'
-- Elements are read in batches: 10 at first, growing to 100 while they are all small (fewer calls), one at a time once one is
-- large (Lua copies each whole element, so fewer at once keep its memory low).
local batch, largest = 10, 0
local function sized(s) if #s > largest then largest = #s end end
local function grow()
  if largest > 16384 then batch = 1 elseif largest <= 1024 then batch = math.min(batch * 2, 100) end
  largest = 0
end
local function cell(row, s)
  local piece = ''
  if left > 0 then piece = string.sub(s, 1, math.min(cut, left)) end
  left = left - #piece
  row[#row + 1] = piece
  row[#row + 1] = #s
end
-- A flat reply as rows of "step" cells (a member and its score, a field and its value), each cut and measured.
local function addRows(items, step)
  for j = 1, #items, step do
    local row = {}
    for k = j, j + step - 1 do sized(items[k]); cell(row, items[k]) end
    rows[#rows + 1] = row
  end
end
if kind == 'list' or kind == 'zset' then
  local first = tonumber(start) or 0
  if kind == 'list' then size = call('LLEN', key) else size = call('ZCARD', key) end
  local i = first
  while #rows < want and i < size do
    local stop = math.min(i + batch - 1, first + want - 1)
    local got
    if kind == 'list' then got = call('LRANGE', key, i, stop)
    elseif highestFirst then got = call('ZREVRANGE', key, i, stop, 'WITHSCORES')
    else got = call('ZRANGE', key, i, stop, 'WITHSCORES') end
    if #got == 0 then break end
    addRows(got, kind == 'list' and 1 or 2)
    grow()
    i = stop + 1
  end
elseif kind == 'set' or kind == 'hash' then
  local step = 1
  if kind == 'hash' then step = 2; size = call('HLEN', key) else size = call('SCARD', key) end
  local command = kind == 'set' and 'SSCAN' or 'HSCAN'
  cursor = start
  if cursor == '' then cursor = '0' end
  local calls = 0
  repeat
    -- COUNT is a hint: asking for what the page still needs keeps it near the rows asked for.
    local r = call(command, key, cursor, 'COUNT', math.max(1, math.min(batch, want - #rows)))
    cursor, calls = r[1], calls + 1
    addRows(r[2], step)
    grow()
  until cursor == '0' or #rows >= want or calls >= maxCalls
elseif kind == 'stream' then
  size = call('XLEN', key)
  if start == '' then start = '-' end
  local from, skip = start, nil
  if exclusive then skip = start end
  local stop = backward and '-' or '+'
  while #rows < want do
    -- One more than needed: the first entry of a batch after the first is the previous batch's last.
    local n = math.max(1, math.min(batch, want - #rows)) + 1
    local got
    if backward then got = call('XREVRANGE', key, from, stop, 'COUNT', n) else got = call('XRANGE', key, from, stop, 'COUNT', n) end
    for _, entry in ipairs(got) do
      if entry[1] ~= skip and #rows < want then
        local row = {}
        cell(row, entry[1])
        local f = entry[2]
        for k = 1, #f do sized(f[k]) end
        for k = 1, math.min(#f, fields * 2) do cell(row, f[k]) end
        row[#row + 1] = math.floor(#f / 2)
        rows[#rows + 1] = row
      end
      from = entry[1]
    end
    grow()
    if #got < n then break end
    skip = from
  end
end
return { kind, size, rows, cursor }
`;

/** From Redis 7.0 a script may say it never writes (then it also runs on a full server and on replicas); older servers reject the line. */
export const ELEMENTS_LUA_NO_WRITES = `#!lua flags=no-writes\n${ELEMENTS_LUA}`;
