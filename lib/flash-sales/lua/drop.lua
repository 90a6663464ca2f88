-- drop: deletes a sale's keys if they are still at `epoch`: used when a rebuild wrote Redis but
-- its Postgres commit failed, so the next call rebuilds from what Postgres really holds.
-- KEYS: 1 sale, 2 holds, 3 customers, 4 active, 5 expiries
-- ARGV: 1 epoch
-- Reply: {'dropped'} | {'kept'}
if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return {'kept'} end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
return {'dropped'}
