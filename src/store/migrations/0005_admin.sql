-- What the admin console reads often: the last admin actions and the moderation queue.
CREATE INDEX audit_log_by_time ON audit_log(at DESC, id DESC);
CREATE INDEX comments_by_status ON comments(status, created_at);
