-- release: the checkout gave up (compensation) or the customer let go; the hold's units go
-- back to the sale at once, expired or not. Idempotent.
--
-- KEYS: 1 sale, 2 holds, 3 customers, 4 active, 5 expiries
-- ARGV: 1 holdId
-- Reply: {'missing'} | {'released', epoch, changed(0|1)} | {'expired', epoch}
--        {'confirmed', epoch} | {'unknown', epoch}
local sale, holds, customers, active, expiries = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
if redis.call('EXISTS', sale) == 0 then return {'missing'} end
local epoch = tonumber(redis.call('HGET', sale, 'epoch'))
local holdId = ARGV[1]

local h = redis.call('HGET', holds, holdId)
if not h then return {'unknown', epoch} end
local status, qty, exp, created, customer = string.match(h, '^(%a+)|(%d+)|(%d+)|(%d+)|(.*)$')
if status == 'released' then return {'released', epoch, 0} end
if status ~= 'active' then return {status, epoch} end

local q = tonumber(qty)
redis.call('HINCRBY', sale, 'held', -q)
redis.call('HINCRBY', sale, 'remaining', q)
redis.call('HINCRBY', customers, customer, -q)
redis.call('HSET', holds, holdId, 'released|' .. qty .. '|' .. exp .. '|' .. created .. '|' .. customer)
redis.call('ZREM', expiries, holdId)
if redis.call('HGET', active, customer) == holdId then redis.call('HDEL', active, customer) end
return {'released', epoch, 1}
