extension OrgImport {
    /// One table moved: the local columns read (SQL over the local table), the temporary table
    /// they are copied into as they are, and the statement that adds them to the organisation's
    /// table with their ids moved past the ids already there (`$person`, `$team`, … in
    /// `insert` are replaced by each table's offset).
    struct Table {
        let local: String
        let columns: [String]
        /// Columns of the temporary table, in the order of `columns`, with PostgreSQL types.
        let definition: String
        let insert: String
        /// For the largest tables (answers, scores, marks): copied straight into these columns
        /// of the organisation's table, the ids in the `offsets` columns (by position) moved as
        /// they are read, instead of through a temporary table.
        var direct: Direct? = nil

        struct Direct {
            let columns: [String]
            let offsets: [Int: String]
        }

        var temporary: String { "import_" + local }
    }

    /// The tables with an id of their own, whose ids move by an offset: the organisation's
    /// tables and the offset names `insert` uses.
    static let offsetTables: [(table: String, offset: String)] = [
        ("team", "$team"), ("person", "$person"), ("session", "$session"), ("goal", "$goal"),
        ("kpi_actual", "$kpi"), ("action_item", "$action"), ("agenda_item", "$agenda"),
        ("assignment", "$assignment"), ("recognition", "$recognition"), ("retro", "$retro"),
        ("customer_feedback", "$feedback"),
    ]

    /// In the order they are added (a row's references exist before it).
    static let tables: [Table] = [
        Table(local: "team", columns: ["id", "name", "name_key", "manager_id"],
              definition: "id bigint, name text, name_key text, manager_id bigint",
              insert: "INSERT INTO coach.team (id, name, name_key) SELECT id + $team, name, name_key FROM import_team"),
        Table(local: "person",
              columns: ["id", "name", "name_key", "role", "team_id", "manager_id", "share_wellbeing", "share_since", "created_at",
                        "email"],
              definition: """
                  id bigint, name text, name_key text, role text, team_id bigint, manager_id bigint, share_wellbeing boolean,
                  share_since timestamptz, created_at timestamptz, email text
                  """,
              insert: """
                  INSERT INTO coach.person (id, name, name_key, role, team_id, share_wellbeing, share_since, created_at, email)
                  SELECT id + $person, name, name_key, role, team_id + $team, share_wellbeing, share_since, created_at, email
                  FROM import_person
                  """),
        Table(local: "survey_version", columns: ["hash", "survey_id", "content", "first_seen_at"],
              definition: "hash text, survey_id text, content text, first_seen_at timestamptz",
              insert: """
                  INSERT INTO coach.survey_version (hash, survey_id, content, first_seen_at)
                  SELECT hash, survey_id, content, first_seen_at FROM import_survey_version ON CONFLICT (hash) DO NOTHING
                  """),
        Table(local: "session",
              columns: ["id", "survey_id", "survey_hash", "kind", "subject_id", "author_id", "started_at", "updated_at",
                        "completed_at", "state", "phase", "supersedes_id", "quiz_layout", "period_key", "attempt_limit", "draft",
                        "backfilled_at"],
              definition: """
                  id bigint, survey_id text, survey_hash text, kind text, subject_id bigint, author_id bigint,
                  started_at timestamptz, updated_at timestamptz, completed_at timestamptz, state text, phase text,
                  supersedes_id bigint, quiz_layout text, period_key text, attempt_limit integer, draft boolean,
                  backfilled_at timestamptz
                  """,
              insert: """
                  INSERT INTO coach.session (id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at,
                    completed_at, state, phase, supersedes_id, quiz_layout, period_key, attempt_limit, draft, backfilled_at)
                  SELECT id + $session, survey_id, survey_hash, kind, subject_id + $person, author_id + $person, started_at,
                    updated_at, completed_at, state, phase, supersedes_id + $session, quiz_layout, period_key, attempt_limit, draft,
                    backfilled_at
                  FROM import_session ORDER BY id
                  """),
        Table(local: "answer", columns: ["session_id", "question_id", "value", "is_private", "position", "answered_at"],
              definition: "", insert: "",
              direct: .init(columns: ["session_id", "question_id", "value", "is_private", "position", "answered_at"],
                            offsets: [0: "$session"])),
        // A session's scores keep the order they were stored in.
        Table(local: "score",
              columns: ["session_id", "score_id", "value", "band", "alert", "band_private",
                        "(SELECT count(*) FROM score x WHERE x.session_id = score.session_id AND x.rowid < score.rowid)"],
              definition: "", insert: "",
              direct: .init(columns: ["session_id", "score_id", "value", "band", "alert", "band_private", "position"],
                            offsets: [0: "$session"])),
        Table(local: "question_mark", columns: ["session_id", "question_id", "mark", "max_mark"],
              definition: "", insert: "",
              direct: .init(columns: ["session_id", "question_id", "mark", "max_mark"], offsets: [0: "$session"])),
        Table(local: "goal", columns: ["id", "person_id", "kpi", "period", "target", "set_by_id", "set_at"],
              definition: "id bigint, person_id bigint, kpi text, period text, target double precision, set_by_id bigint, set_at timestamptz",
              insert: """
                  INSERT INTO coach.goal (id, person_id, kpi, period, target, set_by_id, set_at)
                  SELECT id + $goal, person_id + $person, kpi, period, target, set_by_id + $person, set_at FROM import_goal
                  """),
        Table(local: "kpi_actual", columns: ["id", "person_id", "kpi", "period", "actual", "session_id", "recorded_at"],
              definition: """
                  id bigint, person_id bigint, kpi text, period text, actual double precision, session_id bigint,
                  recorded_at timestamptz
                  """,
              insert: """
                  INSERT INTO coach.kpi_actual (id, person_id, kpi, period, actual, session_id, recorded_at)
                  SELECT id + $kpi, person_id + $person, kpi, period, actual, session_id + $session, recorded_at FROM import_kpi_actual
                  """),
        // Retros before the action items agreed at them. An item keeps its random id (it says
        // nothing of who added it when) and, when anonymous, its missing author.
        Table(local: "retro",
              columns: ["id", "team_id", "manager_id", "survey_hash", "opened_at", "closed_at", "stage", "votes_per_person"],
              definition: """
                  id bigint, team_id bigint, manager_id bigint, survey_hash text, opened_at timestamptz, closed_at timestamptz,
                  stage text, votes_per_person integer
                  """,
              insert: """
                  INSERT INTO coach.retro (id, team_id, manager_id, survey_hash, opened_at, closed_at, stage, votes_per_person)
                  SELECT id + $retro, team_id + $team, manager_id + $person, survey_hash, opened_at, closed_at, stage,
                    votes_per_person FROM import_retro
                  """),
        Table(local: "retro_topic", columns: ["retro_id", "number", "title", "votes"],
              definition: "retro_id bigint, number integer, title text, votes integer",
              insert: """
                  INSERT INTO coach.retro_topic (retro_id, number, title, votes)
                  SELECT retro_id + $retro, number, title, votes FROM import_retro_topic
                  """),
        Table(local: "retro_item", columns: ["id", "team_id", "retro_id", "list", "text", "author_id", "added_on", "topic"],
              definition: """
                  id bigint, team_id bigint, retro_id bigint, list text, text text, author_id bigint, added_on text, topic integer
                  """,
              insert: """
                  INSERT INTO coach.retro_item (id, team_id, retro_id, list, text, author_id, added_on, topic)
                  SELECT id, team_id + $team, retro_id + $retro, list, text, author_id + $person, added_on::date, topic
                  FROM import_retro_item ORDER BY list NULLS FIRST, text, id
                  """),
        Table(local: "retro_vote", columns: ["retro_id", "voter_id", "topic", "votes"],
              definition: "retro_id bigint, voter_id bigint, topic integer, votes integer",
              insert: """
                  INSERT INTO coach.retro_vote (retro_id, voter_id, topic, votes)
                  SELECT retro_id + $retro, voter_id + $person, topic, votes FROM import_retro_vote
                  """),
        Table(local: "action_item",
              columns: ["id", "subject_id", "owner_id", "text", "due", "status", "created_at", "created_session_id", "closed_at",
                        "closed_session_id", "carried_count", "retro_id"],
              definition: """
                  id bigint, subject_id bigint, owner_id bigint, text text, due text, status text, created_at timestamptz,
                  created_session_id bigint, closed_at timestamptz, closed_session_id bigint, carried_count integer,
                  retro_id bigint
                  """,
              insert: """
                  INSERT INTO coach.action_item (id, subject_id, owner_id, text, due, status, created_at, created_session_id,
                    closed_at, closed_session_id, carried_count, retro_id)
                  SELECT id + $action, subject_id + $person, owner_id + $person, text, due, status, created_at,
                    created_session_id + $session, closed_at, closed_session_id + $session, carried_count, retro_id + $retro
                  FROM import_action_item
                  """),
        Table(local: "agenda_item",
              columns: ["id", "person_id", "text", "source", "source_session_id", "created_at", "not_before", "status",
                        "discussed_session_id", "note", "carried_count"],
              definition: """
                  id bigint, person_id bigint, text text, source text, source_session_id bigint, created_at timestamptz,
                  not_before text, status text, discussed_session_id bigint, note text, carried_count integer
                  """,
              insert: """
                  INSERT INTO coach.agenda_item (id, person_id, text, source, source_session_id, created_at, not_before, status,
                    discussed_session_id, note, carried_count)
                  SELECT id + $agenda, person_id + $person, text, source, source_session_id + $session, created_at, not_before,
                    status, discussed_session_id + $session, note, carried_count FROM import_agenda_item
                  """),
        Table(local: "assignment",
              columns: ["id", "survey_id", "kind", "phase", "person_id", "assigned_by_id", "assigned_at", "due", "addressed"],
              definition: """
                  id bigint, survey_id text, kind text, phase text, person_id bigint, assigned_by_id bigint,
                  assigned_at timestamptz, due text, addressed text
                  """,
              insert: """
                  INSERT INTO coach.assignment (id, survey_id, kind, phase, person_id, assigned_by_id, assigned_at, due, addressed)
                  SELECT id + $assignment, survey_id, kind, phase, person_id + $person, assigned_by_id + $person, assigned_at,
                    due, addressed FROM import_assignment
                  """),
        Table(local: "recognition", columns: ["id", "giver_id", "receiver_id", "given_at", "text", "value"],
              definition: "id bigint, giver_id bigint, receiver_id bigint, given_at timestamptz, text text, value text",
              insert: """
                  INSERT INTO coach.recognition (id, giver_id, receiver_id, given_at, text, value)
                  SELECT id + $recognition, giver_id + $person, receiver_id + $person, given_at, text, value
                  FROM import_recognition
                  """),
        // After the retro items (which keep their random ids) and the action items it names.
        Table(local: "customer_feedback",
              columns: ["id", "source", "session_id", "retro_item_id", "person_id", "team_id", "kind", "text", "heard_on", "status",
                        "action_item_id", "closed_at"],
              definition: """
                  id bigint, source text, session_id bigint, retro_item_id bigint, person_id bigint, team_id bigint, kind text,
                  text text, heard_on text, status text, action_item_id bigint, closed_at timestamptz
                  """,
              insert: """
                  INSERT INTO coach.customer_feedback (id, source, session_id, retro_item_id, person_id, team_id, kind, text, heard_on,
                    status, action_item_id, closed_at)
                  SELECT id + $feedback, source, session_id + $session, retro_item_id, person_id + $person, team_id + $team, kind,
                    text, heard_on, status, action_item_id + $action, closed_at
                  FROM import_customer_feedback
                  """),
    ]

    /// After the people and teams: who manages whom, with the moved ids.
    static let managers = [
        """
        UPDATE coach.person p SET manager_id = i.manager_id + $person FROM import_person i
        WHERE p.id = i.id + $person AND i.manager_id IS NOT NULL
        """,
        """
        UPDATE coach.team t SET manager_id = i.manager_id + $person FROM import_team i
        WHERE t.id = i.id + $team AND i.manager_id IS NOT NULL
        """,
    ]
}
