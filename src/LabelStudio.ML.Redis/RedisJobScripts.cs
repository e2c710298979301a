namespace LabelStudio.ML.Redis;

/// <summary>
/// The Lua scripts that make the training queue's steps atomic across replicas. Keys are built inside the scripts
/// from the prefix, so they target one Redis server (not a cluster), which is what the deploy files run.
/// </summary>
internal static class RedisJobScripts
{
    /// <summary>
    /// Folds the event into the project's queued job, or creates a job, indexes it and hands it to the stream.
    /// ARGV: prefix, project, new id, action, event JSON, label config ('' = none), now (ms), now (ISO). Returns {id, 'queued'} or {id, 'folded', events folded so far}.
    /// </summary>
    public const string Enqueue = """
        local p = ARGV[1]
        local queuedKey = p .. 'queued:' .. ARGV[2]
        local id = redis.call('GET', queuedKey)
        if id then
          local jobKey = p .. 'job:' .. id
          if redis.call('HGET', jobKey, 'state') == 'queued' then
            redis.call('RPUSH', jobKey .. ':events', ARGV[5])
            local count = redis.call('RPUSH', jobKey .. ':actions', ARGV[4])
            redis.call('HSET', jobKey, 'last_event_at', ARGV[8])
            if ARGV[6] ~= '' then redis.call('HSET', jobKey, 'label_config', ARGV[6]) end
            return {id, 'folded', count}
          end
        end
        id = ARGV[3]
        local jobKey = p .. 'job:' .. id
        redis.call('HSET', jobKey, 'id', id, 'project', ARGV[2], 'state', 'queued', 'created_at', ARGV[8], 'last_event_at', ARGV[8], 'attempts', 0)
        if ARGV[6] ~= '' then redis.call('HSET', jobKey, 'label_config', ARGV[6]) end
        redis.call('RPUSH', jobKey .. ':events', ARGV[5])
        redis.call('RPUSH', jobKey .. ':actions', ARGV[4])
        redis.call('SET', queuedKey, id)
        redis.call('ZADD', p .. 'jobs', ARGV[7], id)
        redis.call('ZADD', p .. 'jobs:' .. ARGV[2], ARGV[7], id)
        redis.call('XADD', p .. 'training', '*', 'job', id, 'project', ARGV[2])
        return {id, 'queued'}
        """;

    /// <summary>
    /// Takes the project's lock for a job and marks it running. A running job whose lock is gone lost its replica:
    /// it is taken over (or failed when ARGV[6] is '0').
    /// ARGV: prefix, id, owner token, lease (ms), now (ISO), requeue interrupted ('1'/'0'), replica.
    /// Returns 'claimed', 'taken-over', 'busy' (the project's lock is held), 'failed' or 'gone' (ended or unknown).
    /// </summary>
    public const string Claim = """
        local p = ARGV[1]
        local jobKey = p .. 'job:' .. ARGV[2]
        local state = redis.call('HGET', jobKey, 'state')
        if state ~= 'queued' and state ~= 'running' then return 'gone' end
        local project = redis.call('HGET', jobKey, 'project')
        local lockKey = p .. 'lock:' .. project
        if redis.call('EXISTS', lockKey) == 1 then return 'busy' end
        local outcome = 'claimed'
        if state == 'running' then
          if ARGV[6] ~= '1' then
            redis.call('HSET', jobKey, 'state', 'failed', 'finished_at', ARGV[5],
              'error', 'Interrupted: the replica running it stopped (TRAINING_INTERRUPTED_JOBS=fail).')
            return 'failed'
          end
          redis.call('HSET', jobKey, 'error', 'Interrupted: the replica running it stopped; taken over by another replica.')
          redis.call('HDEL', jobKey, 'progress', 'progress_message')
          outcome = 'taken-over'
        end
        redis.call('SET', lockKey, ARGV[3], 'PX', ARGV[4])
        local queuedKey = p .. 'queued:' .. project
        if redis.call('GET', queuedKey) == ARGV[2] then redis.call('DEL', queuedKey) end
        redis.call('HINCRBY', jobKey, 'attempts', 1)
        redis.call('HSET', jobKey, 'state', 'running', 'started_at', ARGV[5], 'replica', ARGV[7])
        return outcome
        """;

    /// <summary>Extends the lease if the caller still holds the lock. KEYS: lock. ARGV: token, lease (ms). Returns 1 or 0.</summary>
    public const string Renew = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    /// <summary>
    /// Writes fields of a running job only while the caller holds the lock; with ARGV[2] = '1' also releases it.
    /// KEYS: lock, job. ARGV: token, release, then field/value pairs. Returns 1, or 0 when the lease was lost.
    /// </summary>
    public const string Update = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        if #ARGV > 2 then redis.call('HSET', KEYS[2], unpack(ARGV, 3)) end
        if ARGV[2] == '1' then redis.call('DEL', KEYS[1]) end
        return 1
        """;

    /// <summary>
    /// Cancels a queued job at once; reports the state of any other. ARGV: prefix, id, now (ISO).
    /// Returns the state before ('queued' means it is cancelled now), or 'missing'.
    /// </summary>
    public const string Cancel = """
        local p = ARGV[1]
        local jobKey = p .. 'job:' .. ARGV[2]
        local state = redis.call('HGET', jobKey, 'state')
        if not state then return 'missing' end
        if state == 'queued' then
          redis.call('HSET', jobKey, 'state', 'cancelled', 'finished_at', ARGV[3], 'error', 'Cancelled before it started.')
          local queuedKey = p .. 'queued:' .. redis.call('HGET', jobKey, 'project')
          if redis.call('GET', queuedKey) == ARGV[2] then redis.call('DEL', queuedKey) end
        end
        return state
        """;
}
