-- Version 2: the year archives written, so the program can list them with their last check and
-- prove a manifest is the one it wrote (its SHA-256 is kept here, outside the archive folder).
CREATE TABLE archive (
    id                INTEGER PRIMARY KEY,
    year_id           INTEGER NOT NULL REFERENCES academic_year(id),
    path              TEXT NOT NULL,
    manifest_sha256   TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    created_by        INTEGER NOT NULL REFERENCES staff(id),
    last_checked_at   TEXT,
    last_check_ok     INTEGER
);
