-- load: (re)builds a sale's keys from Postgres, at sale start or when Redis lost them (a
-- restart without persistence). Writes nothing when the keys exist: whoever loaded first wins.
-- The counters follow from the holds: sold = confirmed units, held = active units,
-- remaining = allocation - sold - held.
--
-- KEYS: 1 sale, 2 holds, 3 customers, 4 active, 5 expiries
-- ARGV: 1 epoch, 2 allocation, 3 limit, 4 starts (ms), 5 ends (ms), 6 status ('live'|'closed'),
--       7 retain until (ms), then 6 per hold: id, customer, quantity, status, expiresAt, createdAt
-- Reply: {'exists', epoch} | {'loaded', epoch, remaining}
local sale, holds, customers, active, expiries = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
if redis.call('EXISTS', sale) == 1 then return {'exists', tonumber(redis.call('HGET', sale, 'epoch'))} end

local allocation = tonumber(ARGV[2])
local held, sold = 0, 0
for i = 8, #ARGV, 6 do
  local q, status = tonumber(ARGV[i + 2]), ARGV[i + 3]
  if status == 'active' then held = held + q elseif status == 'confirmed' then sold = sold + q
  else return redis.error_reply('ERR load: hold status must be active or confirmed') end
end
local remaining = allocation - held - sold
if remaining < 0 then return redis.error_reply('ERR load: holds exceed the allocation') end

for _, key in ipairs({holds, customers, active, expiries}) do redis.call('DEL', key) end
for i = 8, #ARGV, 6 do
  local id, customer, qty, status, exp, created = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
  redis.call('HSET', holds, id, status .. '|' .. qty .. '|' .. exp .. '|' .. created .. '|' .. customer)
  redis.call('HINCRBY', customers, customer, tonumber(qty))
  if status == 'active' then
    redis.call('HSET', active, customer, id)
    redis.call('ZADD', expiries, exp, id)
  end
end
redis.call('HSET', sale, 'epoch', ARGV[1], 'allocation', ARGV[2], 'limit', ARGV[3], 'starts', ARGV[4], 'ends', ARGV[5],
  'status', ARGV[6], 'retain', ARGV[7], 'remaining', remaining, 'held', held, 'sold', sold)
for _, key in ipairs({sale, holds, customers, active, expiries}) do redis.call('PEXPIREAT', key, ARGV[7]) end
return {'loaded', tonumber(ARGV[1]), remaining}
