-- reserve: one customer asks for `quantity` units of a live sale.
-- Checks, in order: the sale's keys exist, the window (status live, starts <= now < ends), the
-- customer's one active hold, the per-customer limit (units held or bought), the remaining
-- count; then takes the units and records a hold that expires at `expiresAt`.
-- Nothing here expires holds: a reply whose hold or next expiry is already past tells the
-- caller to run expire.lua and ask again.
--
-- KEYS: 1 sale (hash), 2 holds (hash), 3 customers (hash), 4 active (hash), 5 expiries (zset)
-- ARGV: 1 holdId, 2 customerKey, 3 quantity, 4 now (ms), 5 expiresAt (ms)
-- Reply: {'missing'}                                     the sale's keys are absent (rebuild them)
--        {'ok', epoch, holdId, expiresAt}                the hold was created (or already was: same id)
--        {'already_holding', epoch, holdId, expiresAt}   the customer's active hold
--        {'over_limit', epoch} | {'not_live', epoch} | {'duplicate', epoch}
--        {'sold_out', epoch, nextExpiry}                 earliest active hold expiry, -1 if none
local sale, holds, customers, active, expiries = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
if redis.call('EXISTS', sale) == 0 then return {'missing'} end

local holdId, customer = ARGV[1], ARGV[2]
local qty, now, expiresAt = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if not qty or qty < 1 or qty % 1 ~= 0 or not now or not expiresAt or customer == '' then
  return redis.error_reply('ERR reserve: bad arguments')
end

local m = redis.call('HMGET', sale, 'status', 'starts', 'ends', 'limit', 'remaining', 'epoch', 'retain')
local epoch = tonumber(m[6])
if m[1] ~= 'live' or now < tonumber(m[2]) or now >= tonumber(m[3]) then return {'not_live', epoch} end

-- A retry with the same hold id gets the same answer.
local existing = redis.call('HGET', holds, holdId)
if existing then
  local status, _, exp, _, who = string.match(existing, '^(%a+)|(%d+)|(%d+)|(%d+)|(.*)$')
  if status == 'active' and who == customer then return {'ok', epoch, holdId, tonumber(exp)} end
  return {'duplicate', epoch}
end

local current = redis.call('HGET', active, customer)
if current then
  local h = redis.call('HGET', holds, current)
  local exp = h and string.match(h, '^active|%d+|(%d+)|')
  if exp then return {'already_holding', epoch, current, tonumber(exp)} end
end

local units = tonumber(redis.call('HGET', customers, customer) or '0')
if units + qty > tonumber(m[4]) then return {'over_limit', epoch} end

if tonumber(m[5]) < qty then
  local first = redis.call('ZRANGE', expiries, 0, 0, 'WITHSCORES')
  return {'sold_out', epoch, tonumber(first[2] or '-1')}
end

redis.call('HINCRBY', sale, 'remaining', -qty)
redis.call('HINCRBY', sale, 'held', qty)
redis.call('HINCRBY', customers, customer, qty)
redis.call('HSET', active, customer, holdId)
-- status|quantity|expiresAt|createdAt|customer (the customer last: it may contain '|')
redis.call('HSET', holds, holdId, 'active|' .. ARGV[3] .. '|' .. ARGV[5] .. '|' .. ARGV[4] .. '|' .. customer)
redis.call('ZADD', expiries, ARGV[5], holdId)
local retain = m[7]
for _, key in ipairs({holds, customers, active, expiries}) do redis.call('PEXPIREAT', key, retain) end
return {'ok', epoch, holdId, expiresAt}
