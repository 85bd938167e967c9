extension OrgSchema {
    /// Version 3: what a person waits for most (an answer stored, a trend, a team's numbers),
    /// with the same rules and results as version 2 and less work for the server.
    ///
    /// - `coach.save_answer` stores one answer of an open session the login authors and holds
    ///   (or that nobody holds), in one call. It states the write rules of `session_update` and
    ///   `answer_write` itself (the author, an open session); written as a statement, the same
    ///   write had the planner expand every read and write policy on both tables for each
    ///   answer, which took longer than the write. Its plans are kept for the connection.
    /// - `coach.kept_reliabilities` returns a survey version's α and SD as kept within the last
    ///   day, so a coach need not read the survey's items to ask for them; empty when none are
    ///   kept. A score with fewer than 30 complete respondents is kept as nulls, its count hidden.
    /// - `coach.team_weeks` does what it did in version 2 in two fewer passes over a team's
    ///   weeks: each ended week's organisation-wide count and sum (in team order, as before) is
    ///   frozen once in `org_week_frozen` beside the teams' (filled from them for the weeks
    ///   frozen before), so `--team all` no longer sorts every team's cells to add them up.
    /// - `coach.refresh_week`, which the completion trigger calls, does what it did in version 2
    ///   in PL/pgSQL, whose plans are kept, instead of SQL, which plans its statements each call.
    /// - `coach.session_visible` and `coach.answer_visible`, unused since version 2, are dropped.
    static let v3Speed = """
        CREATE FUNCTION coach.save_answer(p_session bigint, p_claim text, p_question text, p_value text,
                                          p_private boolean, p_position integer, p_at timestamptz) RETURNS boolean
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          BEGIN
            UPDATE coach.session SET state = 'in_progress', updated_at = p_at, claimed_by = p_claim
            WHERE id = p_session AND author_id = (SELECT id FROM coach.person WHERE login = session_user)
              AND state IN ('in_progress', 'paused') AND (claimed_by IS NULL OR claimed_by = p_claim);
            IF NOT FOUND THEN RETURN false; END IF;
            INSERT INTO coach.answer AS a (session_id, question_id, value, is_private, position, answered_at)
            VALUES (p_session, p_question, p_value, p_private, p_position, p_at)
            ON CONFLICT (session_id, question_id) DO UPDATE SET
              value = excluded.value, is_private = excluded.is_private,
              position = excluded.position, answered_at = excluded.answered_at;
            RETURN true;
          END $$;

        CREATE FUNCTION coach.kept_reliabilities(p_hash text)
          RETURNS TABLE (score_id text, alpha double precision, sd double precision, respondents integer)
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
            SELECT DISTINCT ON (r.score_id) r.score_id, r.alpha, r.sd,
                   CASE WHEN r.alpha IS NULL THEN NULL ELSE r.respondents END
            FROM coach.score_reliability r
            WHERE r.survey_hash = p_hash AND r.computed_at > now() - interval '1 day'
            ORDER BY r.score_id, r.computed_at DESC
          $$;

        CREATE OR REPLACE FUNCTION coach.refresh_week(p_subject bigint, p_survey text, p_week text) RETURNS void
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          BEGIN
            DELETE FROM coach.week_score WHERE subject_id = p_subject AND survey_id = p_survey AND week = p_week;
            INSERT INTO coach.week_score (subject_id, week, survey_id, score_id, team_id, kind, session_id, value)
            SELECT DISTINCT ON (sc.score_id) p_subject, p_week, p_survey, sc.score_id, coalesce(p.team_id, 0), s.kind,
                   s.id, sc.value
            FROM coach.session s JOIN coach.score sc ON sc.session_id = s.id JOIN coach.person p ON p.id = s.subject_id
            WHERE s.subject_id = p_subject AND s.survey_id = p_survey AND s.state = 'completed' AND NOT s.draft
              AND s.kind <> 'one-on-one' AND sc.value IS NOT NULL AND coach.week_of(s.completed_at) = p_week
              AND NOT EXISTS (SELECT 1 FROM coach.session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
            ORDER BY sc.score_id, s.completed_at DESC, s.id DESC;
          END $$;

        CREATE TABLE coach.org_week_frozen (
          week text NOT NULL,
          survey_id text NOT NULL,
          score_id text NOT NULL,
          respondents integer NOT NULL,
          total double precision NOT NULL,
          PRIMARY KEY (week, survey_id, score_id)
        );
        ALTER TABLE coach.org_week_frozen ENABLE ROW LEVEL SECURITY;
        INSERT INTO coach.org_week_frozen (week, survey_id, score_id, respondents, total)
          SELECT f.week, f.survey_id, f.score_id, sum(f.respondents), sum(f.total ORDER BY f.team_id)
          FROM coach.team_week_frozen f GROUP BY f.week, f.survey_id, f.score_id;

        -- The rules of version 2's team_weeks, unchanged. A cell's teams each have respondents, so a
        -- shown team holds everyone only when it is the cell's only team.
        CREATE OR REPLACE FUNCTION coach.team_weeks(p_team bigint, p_weeks text[], p_surveys text[], p_scores text[],
                                         p_min_group integer)
          RETURNS TABLE (week text, survey_id text, score_id text, mean double precision, respondents integer)
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
          #variable_conflict use_column
          DECLARE
            viewer coach.person;
            minimum integer;
            last_ended text;
            frozen bigint;
          BEGIN
            SELECT * INTO viewer FROM coach.person WHERE login = session_user;
            IF viewer.id IS NULL OR viewer.role = 'rep' THEN
              RAISE EXCEPTION 'team trends are for managers and HR; ''trends'' shows your own' USING ERRCODE = '42501';
            END IF;
            minimum := greatest(3, coalesce((SELECT value::integer FROM coach.org_setting WHERE key = 'min-group'), 5),
                                coalesce(p_min_group, 0));
            last_ended := to_char(date_trunc('week', now() - interval '26 hours') - interval '1 day', 'IYYY-"W"IW');
            LOCK TABLE coach.team_week_frozen IN SHARE ROW EXCLUSIVE MODE;
            INSERT INTO coach.team_week_frozen (week, survey_id, score_id, team_id, kind, respondents, total)
              SELECT w.week, w.survey_id, w.score_id, w.team_id, min(w.kind), count(*), sum(w.value ORDER BY w.subject_id)
              FROM coach.week_score w
              WHERE w.week > coalesce((SELECT max(f.week) FROM coach.team_week_frozen f), '') AND w.week <= last_ended
              GROUP BY w.week, w.survey_id, w.score_id, w.team_id;
            GET DIAGNOSTICS frozen = ROW_COUNT;
            INSERT INTO coach.org_week_frozen (week, survey_id, score_id, respondents, total)
              SELECT f.week, f.survey_id, f.score_id, sum(f.respondents), sum(f.total ORDER BY f.team_id)
              FROM coach.team_week_frozen f
              WHERE f.week > coalesce((SELECT max(o.week) FROM coach.org_week_frozen o), '')
              GROUP BY f.week, f.survey_id, f.score_id;
            -- The first freeze after an import writes years of weeks at once: the planner gets
            -- their statistics now, not at autovacuum's next round, for the query below and the next.
            IF frozen > 10000 THEN
              ANALYZE coach.team_week_frozen, coach.org_week_frozen;
            END IF;
            RETURN QUERY
              WITH known AS MATERIALIZED (
                SELECT w.week, w.survey_id, w.score_id, w.team_id, count(*)::integer AS n
                FROM coach.week_score w JOIN coach.session s ON s.id = w.session_id
                WHERE w.subject_id IN (SELECT r.id FROM coach.person r WHERE r.id = viewer.id OR r.manager_id = viewer.id)
                  AND w.week = ANY (p_weeks) AND \(sessionVisible("s."))
                GROUP BY 1, 2, 3, 4
              ), teams AS MATERIALIZED (
                SELECT c.week, c.survey_id, c.score_id, c.team_id, c.respondents, c.total, c.known,
                       c.team_id <> 0 AND c.respondents >= minimum
                         AND (c.respondents = c.known OR c.respondents - c.known >= minimum) AS shown
                FROM (SELECT f.week, f.survey_id, f.score_id, f.team_id, f.respondents, f.total,
                             CASE WHEN viewer.role = 'hr' AND f.kind IN ('quiz', 'feedback') THEN f.respondents
                                  ELSE least(f.respondents, coalesce(k.n, 0)) END AS known
                      FROM coach.team_week_frozen f
                        LEFT JOIN known k
                          ON k.week = f.week AND k.survey_id = f.survey_id AND k.score_id = f.score_id AND k.team_id = f.team_id
                      WHERE f.week = ANY (p_weeks) AND f.week <= last_ended AND (p_team IS NULL OR f.team_id = p_team)
                        AND EXISTS (SELECT 1 FROM unnest(p_surveys, p_scores) AS x (survey, score)
                                    WHERE x.survey = f.survey_id AND (x.score = '' OR x.score = f.score_id))) c
              ), cells AS (
                SELECT g.week, g.survey_id, g.score_id, sum(g.respondents)::integer AS n, sum(g.known)::integer AS known,
                       CASE WHEN count(*) = 1 THEN 0
                            ELSE coalesce(sum(g.respondents - g.known) FILTER (WHERE g.shown), 0)::integer END AS covered
                FROM teams g WHERE p_team IS NULL
                GROUP BY g.week, g.survey_id, g.score_id
              ), everyone AS (
                SELECT c.week, c.survey_id, c.score_id, c.n, o.total, c.n - c.known - c.covered AS remainder
                FROM cells c JOIN coach.org_week_frozen o ON o.week = c.week AND o.survey_id = c.survey_id AND o.score_id = c.score_id
              )
              SELECT g.week, g.survey_id, g.score_id, g.total / g.respondents, g.respondents
              FROM teams g WHERE p_team IS NOT NULL AND g.shown
              UNION ALL
              SELECT e.week, e.survey_id, e.score_id, e.total / e.n, e.n
              FROM everyone e
              WHERE e.n >= minimum AND (e.remainder = 0 OR e.remainder >= minimum)
              ORDER BY 2, 3, 1;
          END $$;

        -- Version 2 wrote these two rules into the read policies; nothing calls them any more.
        DROP FUNCTION coach.session_visible(bigint), coach.answer_visible(bigint, boolean);

        REVOKE ALL ON FUNCTION coach.save_answer(bigint, text, text, text, boolean, integer, timestamptz),
          coach.kept_reliabilities(text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION coach.save_answer(bigint, text, text, text, boolean, integer, timestamptz),
          coach.kept_reliabilities(text) TO coach_rep, coach_manager, coach_hr;
        """
}
