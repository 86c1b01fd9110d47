-- 0006_generation: a counter that moves whenever what the list shows can
-- change (a badge added, removed, renamed, accepted or rejected), from any
-- process. Readers that keep derived figures (the number of badges a search
-- matches) compare it to know they are still right.
CREATE TABLE generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO generation (id, n) VALUES (1, 0);

CREATE TRIGGER generation_insert AFTER INSERT ON badges BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_delete AFTER DELETE ON badges BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER generation_update AFTER UPDATE OF name, issuer_name, description, acceptance ON badges BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 1;
END;
