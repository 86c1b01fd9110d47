-- 0002_fetch_cache: what verification read from the network, with the time
-- it was fetched, so that a badge verified online can be re-checked offline
-- and the report can say how fresh each answer is.
CREATE TABLE fetch_cache (
    url          TEXT PRIMARY KEY,
    final_url    TEXT NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    body         BLOB NOT NULL,
    fetched_at   TEXT NOT NULL
);
