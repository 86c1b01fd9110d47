-- 0004_search: a full-text index for the list's search box, and indexes for
-- the list's sort orders within one acceptance state (the inbox).
--
-- badges_fts is an external-content FTS5 table over badges, kept in step by
-- triggers. The trigram tokenizer (case-insensitive) answers "contains this
-- text" for three characters or more, the same question as LIKE '%text%',
-- without reading every row.
CREATE VIRTUAL TABLE badges_fts USING fts5(
    name, issuer_name, description,
    content = 'badges', content_rowid = 'id',
    tokenize = 'trigram case_sensitive 0'
);

INSERT INTO badges_fts (rowid, name, issuer_name, description)
    SELECT id, name, issuer_name, description FROM badges;

CREATE TRIGGER badges_fts_insert AFTER INSERT ON badges BEGIN
    INSERT INTO badges_fts (rowid, name, issuer_name, description)
        VALUES (new.id, new.name, new.issuer_name, new.description);
END;

CREATE TRIGGER badges_fts_delete AFTER DELETE ON badges BEGIN
    INSERT INTO badges_fts (badges_fts, rowid, name, issuer_name, description)
        VALUES ('delete', old.id, old.name, old.issuer_name, old.description);
END;

CREATE TRIGGER badges_fts_update AFTER UPDATE OF name, issuer_name, description ON badges BEGIN
    INSERT INTO badges_fts (badges_fts, rowid, name, issuer_name, description)
        VALUES ('delete', old.id, old.name, old.issuer_name, old.description);
    INSERT INTO badges_fts (rowid, name, issuer_name, description)
        VALUES (new.id, new.name, new.issuer_name, new.description);
END;

CREATE INDEX badges_acceptance_issued  ON badges (acceptance, issued);
CREATE INDEX badges_acceptance_name    ON badges (acceptance, name COLLATE NOCASE);
CREATE INDEX badges_acceptance_expires ON badges (acceptance, expires);

