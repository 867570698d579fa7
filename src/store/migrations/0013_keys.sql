-- When each key last opened a session: a member who lost a laptop tells its key from the
-- others by it before removing it.
ALTER TABLE user_keys ADD COLUMN last_used_at TEXT;

-- A member with one key came with it on their last visit: that visit is its last use.
-- With several keys nobody knows which one it was, and none is claimed.
UPDATE user_keys SET last_used_at = (SELECT u.last_seen_at FROM users u WHERE u.id = user_keys.user_id)
WHERE user_id IN (SELECT user_id FROM user_keys GROUP BY user_id HAVING count(*) = 1);
