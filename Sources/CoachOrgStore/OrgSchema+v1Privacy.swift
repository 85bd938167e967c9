extension OrgSchema {
    /// Version 1, part two: who sees and writes what, enforced by the database.
    ///
    /// A person is the login they connected as (`session_user`), mapped to one `person` row by
    /// `coach.me()`. Every table that holds personal data has row-level security; its owner,
    /// `coach_owner`, is a role nobody logs in as, and the functions it owns (security definer)
    /// are the only way to read across people: each applies its own rule. Scores are read through
    /// the view `coach.visible_score`, which keeps a band at its support level and the alert flag
    /// to the person they are about. The rules are those of the local store's `Privacy`:
    ///
    /// | data | the subject | their manager | HR | the author |
    /// |---|---|---|---|---|
    /// | check-in (wellbeing) scores | yes | only if shared, from when sharing began | no | – |
    /// | check-in answers | yes | no | no | – |
    /// | self-assessment scores and answers | yes | yes | no | – |
    /// | one-on-one (shared answers, scores) | yes | yes | no | yes |
    /// | one-on-one private answers | no | the author alone | no | yes |
    /// | quiz results | yes | yes | yes | yes |
    /// | training feedback | yes | no | yes | – |
    static let v1Privacy = """
        CREATE FUNCTION coach.me() RETURNS bigint
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$ SELECT id FROM coach.person WHERE login = session_user $$;
        CREATE FUNCTION coach.my_role() RETURNS text
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$ SELECT role FROM coach.person WHERE login = session_user $$;
        CREATE FUNCTION coach.manages(subject bigint) RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$ SELECT EXISTS (SELECT 1 FROM coach.person WHERE id = subject AND manager_id = coach.me()) $$;

        CREATE FUNCTION coach.session_visible(session bigint) RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
            SELECT EXISTS (
              SELECT 1 FROM coach.session s JOIN coach.person p ON p.id = s.subject_id,
                   (SELECT coach.me() AS id, coach.my_role() AS role) v
              WHERE s.id = session
                AND (NOT s.draft OR s.author_id = v.id)
                AND (s.subject_id = v.id OR s.author_id = v.id
                     OR (p.manager_id = v.id AND s.kind IN ('self-assessment', 'one-on-one', 'quiz'))
                     OR (p.manager_id = v.id AND s.kind = 'check-in' AND p.share_wellbeing
                         AND s.completed_at >= p.share_since)
                     OR (v.role = 'hr' AND s.kind IN ('quiz', 'feedback'))))
          $$;
        CREATE FUNCTION coach.answer_visible(session bigint, private boolean) RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
            SELECT EXISTS (
              SELECT 1 FROM coach.session s JOIN coach.person p ON p.id = s.subject_id,
                   (SELECT coach.me() AS id, coach.my_role() AS role) v
              WHERE s.id = session
                AND (NOT s.draft OR s.author_id = v.id)
                AND (NOT private OR s.author_id = v.id)
                AND (s.author_id = v.id
                     OR (s.subject_id = v.id AND NOT private)
                     OR (p.manager_id = v.id AND s.kind IN ('self-assessment', 'quiz'))
                     OR (v.role = 'hr' AND s.kind IN ('quiz', 'feedback'))))
          $$;
        CREATE FUNCTION coach.authors(session bigint, open_only boolean) RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, coach
          AS $$
            SELECT EXISTS (SELECT 1 FROM coach.session s WHERE s.id = session AND s.author_id = coach.me()
                           AND (NOT open_only OR s.state IN ('in_progress', 'paused')))
          $$;

        ALTER TABLE coach.person ENABLE ROW LEVEL SECURITY;
        CREATE POLICY person_read ON coach.person FOR SELECT USING (true);
        CREATE POLICY person_share ON coach.person FOR UPDATE USING (id = coach.me()) WITH CHECK (id = coach.me());

        ALTER TABLE coach.session ENABLE ROW LEVEL SECURITY;
        CREATE POLICY session_read ON coach.session FOR SELECT USING (coach.session_visible(id));
        CREATE POLICY session_start ON coach.session FOR INSERT WITH CHECK (
          author_id = coach.me() AND (
            (kind IN ('check-in', 'self-assessment', 'feedback') AND subject_id = author_id)
            OR (kind = 'one-on-one' AND subject_id <> author_id AND coach.manages(subject_id))
            OR (kind = 'quiz' AND (subject_id = author_id OR coach.my_role() = 'hr' OR coach.manages(subject_id)))));
        CREATE POLICY session_update ON coach.session FOR UPDATE
          USING (author_id = coach.me()) WITH CHECK (author_id = coach.me());

        ALTER TABLE coach.answer ENABLE ROW LEVEL SECURITY;
        CREATE POLICY answer_read ON coach.answer FOR SELECT USING (coach.answer_visible(session_id, is_private));
        CREATE POLICY answer_write ON coach.answer FOR INSERT WITH CHECK (coach.authors(session_id, true));
        CREATE POLICY answer_change ON coach.answer FOR UPDATE
          USING (coach.authors(session_id, true)) WITH CHECK (coach.authors(session_id, true));
        CREATE POLICY answer_remove ON coach.answer FOR DELETE USING (coach.authors(session_id, true));

        ALTER TABLE coach.score ENABLE ROW LEVEL SECURITY;
        CREATE POLICY score_read ON coach.score FOR SELECT USING (coach.session_visible(session_id));
        CREATE POLICY score_write ON coach.score FOR INSERT WITH CHECK (coach.authors(session_id, false));
        CREATE POLICY score_remove ON coach.score FOR DELETE USING (coach.authors(session_id, false));
        ALTER TABLE coach.question_mark ENABLE ROW LEVEL SECURITY;
        CREATE POLICY mark_read ON coach.question_mark FOR SELECT USING (coach.session_visible(session_id));
        CREATE POLICY mark_write ON coach.question_mark FOR INSERT WITH CHECK (coach.authors(session_id, false));
        CREATE POLICY mark_remove ON coach.question_mark FOR DELETE USING (coach.authors(session_id, false));

        -- A band at its support level and the alert flag stay with the person they are about.
        CREATE VIEW coach.visible_score WITH (security_barrier = true) AS
          SELECT sc.session_id, sc.score_id, sc.value,
                 CASE WHEN s.subject_id = coach.me() OR NOT sc.band_private THEN sc.band END AS band,
                 CASE WHEN s.subject_id = coach.me() THEN sc.alert ELSE false END AS alert,
                 sc.band_private
          FROM coach.score sc JOIN coach.session s ON s.id = sc.session_id
          WHERE coach.session_visible(sc.session_id);

        ALTER TABLE coach.goal ENABLE ROW LEVEL SECURITY;
        CREATE POLICY goal_read ON coach.goal FOR SELECT
          USING (person_id = coach.me() OR coach.manages(person_id) OR coach.my_role() = 'hr');
        CREATE POLICY goal_write ON coach.goal FOR INSERT
          WITH CHECK (set_by_id = coach.me() AND (coach.manages(person_id) OR coach.my_role() = 'hr'));
        CREATE POLICY goal_change ON coach.goal FOR UPDATE
          USING (coach.manages(person_id) OR coach.my_role() = 'hr')
          WITH CHECK (set_by_id = coach.me() AND (coach.manages(person_id) OR coach.my_role() = 'hr'));
        ALTER TABLE coach.kpi_actual ENABLE ROW LEVEL SECURITY;
        CREATE POLICY kpi_read ON coach.kpi_actual FOR SELECT
          USING (person_id = coach.me() OR coach.manages(person_id) OR coach.my_role() = 'hr');
        CREATE POLICY kpi_write ON coach.kpi_actual FOR INSERT
          WITH CHECK (coach.manages(person_id) OR coach.my_role() = 'hr');

        ALTER TABLE coach.action_item ENABLE ROW LEVEL SECURITY;
        CREATE POLICY action_read ON coach.action_item FOR SELECT
          USING (subject_id = coach.me() OR owner_id = coach.me() OR coach.manages(subject_id));
        CREATE POLICY action_write ON coach.action_item FOR INSERT
          WITH CHECK (subject_id = coach.me() OR coach.manages(subject_id));
        CREATE POLICY action_change ON coach.action_item FOR UPDATE
          USING (subject_id = coach.me() OR owner_id = coach.me() OR coach.manages(subject_id))
          WITH CHECK (subject_id = coach.me() OR owner_id = coach.me() OR coach.manages(subject_id));
        ALTER TABLE coach.agenda_item ENABLE ROW LEVEL SECURITY;
        CREATE POLICY agenda_read ON coach.agenda_item FOR SELECT
          USING (person_id = coach.me() OR coach.manages(person_id));
        CREATE POLICY agenda_write ON coach.agenda_item FOR INSERT
          WITH CHECK (person_id = coach.me() OR coach.manages(person_id));
        CREATE POLICY agenda_change ON coach.agenda_item FOR UPDATE
          USING (person_id = coach.me() OR coach.manages(person_id))
          WITH CHECK (person_id = coach.me() OR coach.manages(person_id));

        ALTER TABLE coach.org_setting ENABLE ROW LEVEL SECURITY;
        CREATE POLICY setting_read ON coach.org_setting FOR SELECT USING (true);
        CREATE POLICY setting_write ON coach.org_setting FOR INSERT
          WITH CHECK (coach.my_role() = 'hr' AND updated_by_id = coach.me());
        CREATE POLICY setting_change ON coach.org_setting FOR UPDATE
          USING (coach.my_role() = 'hr') WITH CHECK (coach.my_role() = 'hr' AND updated_by_id = coach.me());
        ALTER TABLE coach.published_survey ENABLE ROW LEVEL SECURITY;
        CREATE POLICY published_read ON coach.published_survey FOR SELECT USING (true);
        CREATE POLICY published_write ON coach.published_survey FOR INSERT
          WITH CHECK (coach.my_role() = 'hr' AND published_by_id = coach.me());
        """
}
