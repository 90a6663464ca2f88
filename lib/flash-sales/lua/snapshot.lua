-- snapshot: the sale's counters, read atomically.
-- KEYS: 1 sale
-- Reply: {'missing'} | {'ok', epoch, allocation, remaining, held, sold, status}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
local m = redis.call('HMGET', KEYS[1], 'epoch', 'allocation', 'remaining', 'held', 'sold', 'status')
return {'ok', tonumber(m[1]), tonumber(m[2]), tonumber(m[3]), tonumber(m[4]), tonumber(m[5]), m[6]}
