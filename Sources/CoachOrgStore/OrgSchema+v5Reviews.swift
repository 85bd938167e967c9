extension OrgSchema {
    /// Version 5, part: performance reviews (`performance-review`, `self-review`), sessions of
    /// kind `review`, with the rules the local store's `Privacy` keeps:
    ///
    /// - a review is written by the rep's manager about the rep, or by a person about themselves
    ///   (`session_start`);
    /// - it is read, answers and scores, by the rep it is about, its author, the rep's manager
    ///   and HR; a private answer stays its author's alone (`session_read`, `answer_read`, the
    ///   view `visible_score`). Nobody else, not another manager.
    ///
    /// Each rule is the version 2 rule with one more case: the other kinds' rules are unchanged.
    static let v5Reviews = """
        DROP POLICY session_start ON coach.session;
        CREATE POLICY session_start ON coach.session FOR INSERT WITH CHECK (
          author_id = coach.me() AND (
            (kind IN ('check-in', 'self-assessment', 'feedback') AND subject_id = author_id)
            OR (kind = 'one-on-one' AND subject_id <> author_id AND coach.manages(subject_id))
            OR (kind = 'quiz' AND (subject_id = author_id OR coach.my_role() = 'hr' OR coach.manages(subject_id)))
            OR (kind = 'review' AND (subject_id = author_id OR coach.manages(subject_id)))));

        DROP POLICY session_read ON coach.session;
        CREATE POLICY session_read ON coach.session FOR SELECT USING (\(sessionOrReviewVisible("")));

        DROP POLICY answer_read ON coach.answer;
        CREATE POLICY answer_read ON coach.answer FOR SELECT USING (EXISTS (
          SELECT 1 FROM coach.session s WHERE s.id = session_id
            AND (NOT is_private OR s.author_id = (SELECT coach.me()))
            AND (s.author_id = (SELECT coach.me())
                 OR (s.subject_id = (SELECT coach.me()) AND NOT is_private)
                 OR (s.kind IN ('self-assessment', 'quiz', 'review')
                     AND s.subject_id IN (SELECT r.id FROM coach.person r WHERE r.manager_id = (SELECT coach.me())))
                 OR ((SELECT coach.my_role()) = 'hr' AND s.kind IN ('quiz', 'feedback', 'review')))));

        CREATE OR REPLACE VIEW coach.visible_score WITH (security_barrier = true) AS
          SELECT sc.session_id, sc.score_id, sc.value,
                 CASE WHEN s.subject_id = (SELECT coach.me()) OR NOT sc.band_private THEN sc.band END AS band,
                 CASE WHEN s.subject_id = (SELECT coach.me()) THEN sc.alert ELSE false END AS alert,
                 sc.band_private, sc.position, s.subject_id, s.survey_id, s.survey_hash, s.completed_at, s.state
          FROM coach.score sc JOIN coach.session s ON s.id = sc.session_id
          WHERE \(sessionOrReviewVisible("s."));
        """

    /// Version 2's `sessionVisible`, and a review for the rep's manager and HR.
    static func sessionOrReviewVisible(_ table: String) -> String {
        """
        ((\(sessionVisible(table)))
            OR (NOT \(table)draft AND \(table)kind = 'review'
                AND (\(table)subject_id IN (SELECT r.id FROM coach.person r WHERE r.manager_id = (SELECT coach.me()))
                     OR (SELECT coach.my_role()) = 'hr')))
        """
    }
}
