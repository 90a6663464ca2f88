-- inspect: every hold the sale's keys know, for reconciliation.
-- KEYS: 1 sale, 2 holds
-- Reply: {'missing'} | {'ok', epoch, id1, 'status|qty|expiresAt|createdAt|customer', id2, ...}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
local reply = {'ok', tonumber(redis.call('HGET', KEYS[1], 'epoch'))}
for _, v in ipairs(redis.call('HGETALL', KEYS[2])) do reply[#reply + 1] = v end
return reply
