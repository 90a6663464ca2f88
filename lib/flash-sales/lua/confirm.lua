-- confirm: the checkout placed the order, the hold's units are sold. Idempotent.
-- An active hold past its expiry is not confirmed (its units belong to the sale again as soon
-- as the sweep runs): the caller gets 'expiring' and should run expire.lua.
--
-- KEYS: 1 sale, 2 holds, 3 customers, 4 active, 5 expiries
-- ARGV: 1 holdId, 2 now (ms)
-- Reply: {'missing'} | {'confirmed', epoch, changed(0|1)} | {'expiring', epoch}
--        {'released', epoch} | {'expired', epoch} | {'unknown', epoch}
local sale, holds, customers, active, expiries = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
if redis.call('EXISTS', sale) == 0 then return {'missing'} end
local epoch = tonumber(redis.call('HGET', sale, 'epoch'))
local holdId, now = ARGV[1], tonumber(ARGV[2])

local h = redis.call('HGET', holds, holdId)
if not h then return {'unknown', epoch} end
local status, qty, exp, created, customer = string.match(h, '^(%a+)|(%d+)|(%d+)|(%d+)|(.*)$')
if status == 'confirmed' then return {'confirmed', epoch, 0} end
if status ~= 'active' then return {status, epoch} end
if tonumber(exp) <= now then return {'expiring', epoch} end

local q = tonumber(qty)
redis.call('HINCRBY', sale, 'held', -q)
redis.call('HINCRBY', sale, 'sold', q)
redis.call('HSET', holds, holdId, 'confirmed|' .. qty .. '|' .. exp .. '|' .. created .. '|' .. customer)
redis.call('ZREM', expiries, holdId)
if redis.call('HGET', active, customer) == holdId then redis.call('HDEL', active, customer) end
-- The customer's units stay counted: bought units count towards the limit.
return {'confirmed', epoch, 1}
