extension OrgSchema {
    /// Version 3: the two things a person waits for most, without the planner in the way.
    ///
    /// - `coach.save_answer` stores one answer of an open session the login authors and holds
    ///   (or that nobody holds), in one call. It states the write rules of `session_update` and
    ///   `answer_write` itself (the author, an open session); written as a statement, the same
    ///   write had the planner expand every read and write policy on both tables for each
    ///   answer, which took longer than the write. Its plans are kept for the connection.
    /// - `coach.kept_reliabilities` returns a survey version's α and SD as kept within the last
    ///   day, so a coach need not read the survey's items to ask for them; empty when none are
    ///   kept. A score with fewer than 30 complete respondents is kept as nulls, its count hidden.
    /// - `coach.refresh_week`, which the completion trigger calls, does what it did in version 2
    ///   in PL/pgSQL, whose plans are kept, instead of SQL, which plans its statements each call.
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

        REVOKE ALL ON FUNCTION coach.save_answer(bigint, text, text, text, boolean, integer, timestamptz),
          coach.kept_reliabilities(text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION coach.save_answer(bigint, text, text, text, boolean, integer, timestamptz),
          coach.kept_reliabilities(text) TO coach_rep, coach_manager, coach_hr;
        """
}
