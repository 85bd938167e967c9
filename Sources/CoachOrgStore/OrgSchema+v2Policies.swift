extension OrgSchema {
    /// Version 2, part two: the read rules of version 1, written inline instead of as calls to
    /// `coach.session_visible` and `coach.answer_visible`. The rules are the same; a function
    /// called for each row cost a few hundredths of a millisecond per row, which made a rep's
    /// five-year trend take a quarter of a second. Written inline, the planner evaluates the
    /// login's person once per query (`(SELECT coach.me())`) and their reps as one hashed set.
    static let v2Policies = """
        DROP POLICY session_read ON coach.session;
        CREATE POLICY session_read ON coach.session FOR SELECT USING (\(sessionVisible("")));

        DROP POLICY answer_read ON coach.answer;
        CREATE POLICY answer_read ON coach.answer FOR SELECT USING (EXISTS (
          SELECT 1 FROM coach.session s WHERE s.id = session_id
            AND (NOT is_private OR s.author_id = (SELECT coach.me()))
            AND (s.author_id = (SELECT coach.me())
                 OR (s.subject_id = (SELECT coach.me()) AND NOT is_private)
                 OR (s.kind IN ('self-assessment', 'quiz')
                     AND s.subject_id IN (SELECT r.id FROM coach.person r WHERE r.manager_id = (SELECT coach.me())))
                 OR ((SELECT coach.my_role()) = 'hr' AND s.kind IN ('quiz', 'feedback')))));

        -- The session read policy applies inside these as the reader: a mark or score is seen
        -- with its session.
        DROP POLICY score_read ON coach.score;
        CREATE POLICY score_read ON coach.score FOR SELECT USING (EXISTS (SELECT 1 FROM coach.session s WHERE s.id = session_id));
        DROP POLICY mark_read ON coach.question_mark;
        CREATE POLICY mark_read ON coach.question_mark FOR SELECT
          USING (EXISTS (SELECT 1 FROM coach.session s WHERE s.id = session_id));

        -- The view reads as its owner (no row-level security), so it states the rule itself.
        -- It carries its session's subject, survey, time and state: a condition on those (all
        -- leak-proof comparisons) reaches inside the security barrier and its indexes, where a
        -- join to coach.session would first read every score the login may see.
        CREATE OR REPLACE VIEW coach.visible_score WITH (security_barrier = true) AS
          SELECT sc.session_id, sc.score_id, sc.value,
                 CASE WHEN s.subject_id = (SELECT coach.me()) OR NOT sc.band_private THEN sc.band END AS band,
                 CASE WHEN s.subject_id = (SELECT coach.me()) THEN sc.alert ELSE false END AS alert,
                 sc.band_private, sc.position, s.subject_id, s.survey_id, s.survey_hash, s.completed_at, s.state
          FROM coach.score sc JOIN coach.session s ON s.id = sc.session_id
          WHERE \(sessionVisible("s."));
        """

    /// Whether the login may see a session (columns prefixed with `table`): the rules of the
    /// table in `v1Privacy`, as one SQL condition.
    static func sessionVisible(_ table: String) -> String {
        """
        (NOT \(table)draft OR \(table)author_id = (SELECT coach.me()))
            AND (\(table)subject_id = (SELECT coach.me()) OR \(table)author_id = (SELECT coach.me())
                 OR (\(table)kind IN ('self-assessment', 'one-on-one', 'quiz')
                     AND \(table)subject_id IN (SELECT r.id FROM coach.person r WHERE r.manager_id = (SELECT coach.me())))
                 OR (\(table)kind = 'check-in' AND EXISTS (
                       SELECT 1 FROM coach.person r WHERE r.id = \(table)subject_id AND r.manager_id = (SELECT coach.me())
                         AND r.share_wellbeing AND \(table)completed_at >= r.share_since))
                 OR ((SELECT coach.my_role()) = 'hr' AND \(table)kind IN ('quiz', 'feedback')))
        """
    }
}
