/**
 * Reads the first elements of one key for display, each cut to a few bytes,
 * next to the data: Redis has no per-element length command for lists,
 * sets, sorted sets or streams, and a plain LRANGE would send every 2 MB
 * element whole. Read-only; the work is bounded by the row count (one
 * LINDEX/ZREVRANGE per row, at most 200 SSCAN/HSCAN calls of COUNT 10,
 * XRANGE in batches of 11), and the reply by the byte budget.
 *
 * KEYS[1] the key. ARGV: rows, bytes per cell, bytes in all, fields per stream entry.
 * Reply: { type, size, rows }; a row is flat (cut text, full length) pairs;
 * a stream row starts with its id and ends with its field count.
 */
export const PEEK_LUA = `
local key = KEYS[1]
local want, cut, left, fields = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
-- Like redis.call, but a refusal (ACL) names the command, so the app can say which one the user lacks.
local function call(command, ...)
  local r = redis.pcall(command, ...)
  -- A plain string, not an error table: servers before 7.0 lose a table's text on the way out.
  if type(r) == 'table' and r.err then error(r.err .. ' (while running ' .. string.lower(command) .. ')') end
  return r
end
local kind = call('TYPE', key)['ok']
local rows, size = {}, 0
local function cell(row, s)
  local piece = ''
  if left > 0 then piece = string.sub(s, 1, math.min(cut, left)) end
  left = left - #piece
  row[#row + 1] = piece
  row[#row + 1] = #s
end
local function full() return #rows >= want or left <= 0 end
if kind == 'list' then
  size = call('LLEN', key)
  local i = 0
  while not full() and i < size do
    local v = call('LINDEX', key, i)
    if not v then break end
    local row = {}
    cell(row, v)
    rows[#rows + 1] = row
    i = i + 1
  end
elseif kind == 'zset' then
  size = call('ZCARD', key)
  local i = 0
  while not full() and i < size do
    local r = call('ZREVRANGE', key, i, i, 'WITHSCORES')
    if #r < 2 then break end
    local row = {}
    cell(row, r[1])
    cell(row, r[2])
    rows[#rows + 1] = row
    i = i + 1
  end
elseif kind == 'set' or kind == 'hash' then
  local step = 1
  if kind == 'hash' then step = 2; size = call('HLEN', key) else size = call('SCARD', key) end
  local command = kind == 'set' and 'SSCAN' or 'HSCAN'
  local cursor, calls = '0', 0
  repeat
    local r = call(command, key, cursor, 'COUNT', 10)
    cursor, calls = r[1], calls + 1
    local items = r[2]
    for j = 1, #items, step do
      if full() then break end
      local row = {}
      for k = j, j + step - 1 do cell(row, items[k]) end
      rows[#rows + 1] = row
    end
  until cursor == '0' or full() or calls >= 200
elseif kind == 'stream' then
  size = call('XLEN', key)
  local start, skip = '-', nil
  while not full() do
    local batch = call('XRANGE', key, start, '+', 'COUNT', 11)
    for _, entry in ipairs(batch) do
      if entry[1] ~= skip and not full() then
        local row = {}
        cell(row, entry[1])
        local f = entry[2]
        for k = 1, math.min(#f, fields * 2) do cell(row, f[k]) end
        row[#row + 1] = math.floor(#f / 2)
        rows[#rows + 1] = row
      end
      start = entry[1]
    end
    if #batch < 11 then break end
    skip = start
  end
end
return { kind, size, rows }
`;

/** From Redis 7.0 a script may say it never writes: it then runs on a full server (maxmemory) and on read-only replicas. Older servers reject the line. */
export const PEEK_LUA_NO_WRITES = `#!lua flags=no-writes\n${PEEK_LUA}`;
