import GRDB

extension Schema {
    /// v10, part: assignments (`assign`, `assignments`, `unassign`). One row per assignee: the
    /// survey (its kind, and a quiz's phase), who assigned it and when, the due day and how it was
    /// addressed (`team North`), so a person who joins the team later is not included. Whether
    /// it is done is never stored: it is read from the sessions (`AssignmentRules.progressSQL`).
    /// One row per assigner, assignee, survey and phase: assigning it again updates that row.
    static func v10Assignments(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE assignment (
              id INTEGER PRIMARY KEY,
              survey_id TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('quiz', 'check-in', 'self-assessment', 'feedback')),
              phase TEXT CHECK (phase IS NULL OR (phase IN ('pre', 'post') AND kind = 'quiz')),
              person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
              assigned_by_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
              assigned_at DATETIME NOT NULL,
              due TEXT NOT NULL,
              addressed TEXT NOT NULL
            );
            CREATE UNIQUE INDEX assignment_one_per_assigner
              ON assignment (assigned_by_id, person_id, survey_id, coalesce(phase, ''));
            CREATE INDEX assignment_on_person_id ON assignment (person_id);
            """)
    }
}
