-- expire: sweeps up to `max` active holds whose expiry is at or before `now` back into the
-- sale's remaining count. Call again while it returns `max` ids.
--
-- KEYS: 1 sale, 2 holds, 3 customers, 4 active, 5 expiries
-- ARGV: 1 now (ms), 2 max
-- Reply: {'missing'} | {'ok', epoch, holdId1, record1, holdId2, record2, ...}: the holds it
--        expired with their new record ("expired|quantity|expiresAt|createdAt|customerKey"), so
--        the caller can write the whole row even if the reserve's own row write is still on its way.
local sale, holds, customers, active, expiries = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
if redis.call('EXISTS', sale) == 0 then return {'missing'} end
local epoch = tonumber(redis.call('HGET', sale, 'epoch'))

local due = redis.call('ZRANGEBYSCORE', expiries, '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local reply, total = {'ok', epoch}, 0
for _, holdId in ipairs(due) do
  redis.call('ZREM', expiries, holdId)
  local h = redis.call('HGET', holds, holdId)
  local status, qty, exp, created, customer
  if h then status, qty, exp, created, customer = string.match(h, '^(%a+)|(%d+)|(%d+)|(%d+)|(.*)$') end
  if status == 'active' then
    local q = tonumber(qty)
    total = total + q
    redis.call('HINCRBY', customers, customer, -q)
    local record = 'expired|' .. qty .. '|' .. exp .. '|' .. created .. '|' .. customer
    redis.call('HSET', holds, holdId, record)
    if redis.call('HGET', active, customer) == holdId then redis.call('HDEL', active, customer) end
    reply[#reply + 1] = holdId
    reply[#reply + 1] = record
  end
end
if total > 0 then
  redis.call('HINCRBY', sale, 'held', -total)
  redis.call('HINCRBY', sale, 'remaining', total)
end
return reply
