-- close: no more reserves (the sale ended or was cancelled); holds still settle.
-- KEYS: 1 sale
-- Reply: {'missing'} | {'closed', epoch}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
redis.call('HSET', KEYS[1], 'status', 'closed')
return {'closed', tonumber(redis.call('HGET', KEYS[1], 'epoch'))}
